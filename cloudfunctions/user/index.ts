import { createRouter } from '../common/router'
import { userActions } from './actions'

export const main = createRouter('user', userActions)

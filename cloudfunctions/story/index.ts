import { createRouter } from '../common/router'
import { storyActions } from './actions'

export const main = createRouter('story', storyActions)

// The classroom function: the action table behind the router, and the timer (config.json) that counts ended classes
// into the monthly figures and recounts the current and previous month to repair any drift.
import { createRouter } from '../common/router'
import { classroomActions } from './actions'
import { classroomFigures } from './figures'

export const main = createRouter('classroom', classroomActions, { figures: classroomFigures })

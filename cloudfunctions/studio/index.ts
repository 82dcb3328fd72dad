// The studio function: the action table behind the router, and the daily timer (config.json) that recounts the
// current and previous month's case figures from the cases and repairs any drift.
import { createRouter } from '../common/router'
import { studioActions } from './actions'
import { studioFigures } from './figures'

export const main = createRouter('studio', studioActions, { figures: studioFigures })

// The site function: the action table behind the router, and the daily timer (config.json) that recounts the
// current and previous month's figures from the raw records and repairs any drift.
import { createRouter } from '../common/router'
import { siteActions } from './actions'
import { siteFigures } from './figures'

export const main = createRouter('site', siteActions, { figures: siteFigures })

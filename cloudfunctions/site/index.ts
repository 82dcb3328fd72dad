// The site function: the action table behind the router, and the daily timer (config.json) that recounts the
// current and previous month's figures from the raw records and repairs any drift.
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { previousMonth, shanghaiMonth } from '../common/time'
import { siteActions } from './actions'
import { recountMonth } from './figures'

/** What the timer does: idempotent, so an HTTP caller imitating the timer's event gains nothing but a recount. */
async function scheduled() {
  const at = now()
  const month = shanghaiMonth(at)
  const [current, previous] = [await recountMonth(month, at), await recountMonth(previousMonth(month), at)]
  return { [month]: current, [previousMonth(month)]: previous }
}

export const main = createRouter('site', siteActions, { onTimer: scheduled })

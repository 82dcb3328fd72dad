// The site function: the action table behind the router, and the daily timer (config.json) that recounts the
// current and previous month's figures from the raw records and repairs any drift.
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { previousMonth, shanghaiMonth } from '../common/time'
import { siteActions } from './actions'
import { recountMonth } from './figures'

const router = createRouter('site', siteActions)

/** A CloudBase timer trigger's event: `{ Type: 'Timer', TriggerName, Time, Message }`. */
const isTimer = (event: unknown) => !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'

/** What the timer does: idempotent, so an HTTP caller imitating the timer's event gains nothing but a recount. */
async function scheduled() {
  const at = now()
  const month = shanghaiMonth(at)
  const [current, previous] = [await recountMonth(month, at), await recountMonth(previousMonth(month), at)]
  return { ok: true, data: { [month]: current, [previousMonth(month)]: previous } }
}

export async function main(event: unknown) {
  if (isTimer(event)) return scheduled()
  return router(event)
}

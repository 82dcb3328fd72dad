// The classroom function: the action table behind the router, and the timer (config.json) that counts ended classes
// into the monthly figures and recounts the current and previous month to repair any drift.
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { previousMonth, shanghaiMonth } from '../common/time'
import { classroomActions } from './actions'
import { recountMonth, settleDue } from './figures'

/**
 * What the timer does. Harmless to run at any moment (everything it writes is idempotent), so an HTTP caller
 * imitating the timer's event gains nothing but a recount.
 */
async function scheduled() {
  const at = now()
  const settled = await settleDue(at)
  const thisMonth = shanghaiMonth(at)
  const lastMonth = previousMonth(thisMonth)
  const repaired = (await recountMonth(thisMonth)) + (await recountMonth(lastMonth))
  return { settled, repaired }
}

export const main = createRouter('classroom', classroomActions, { onTimer: scheduled })

// The classroom function: the action table behind the router, and the timer (config.json) that counts ended classes
// into the monthly figures and recounts the current and previous month to repair any drift.
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { classroomActions } from './actions'
import { recountMonth, settleDue } from './figures'

const router = createRouter('classroom', classroomActions)

/** A CloudBase timer trigger's event: `{ Type: 'Timer', TriggerName, Time, Message }`. */
const isTimer = (event: unknown) => !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'

/**
 * What the timer does. Harmless to run at any moment (everything it writes is idempotent), so an HTTP caller
 * imitating the timer's event gains nothing but a recount.
 */
async function scheduled() {
  const at = now()
  const settled = await settleDue(at)
  const thisMonth = shanghaiMonth(at)
  const lastMonth = shanghaiMonth(new Date(new Date(`${thisMonth}-01T00:00:00+08:00`).getTime() - 1))
  const repaired = (await recountMonth(thisMonth)) + (await recountMonth(lastMonth))
  return { ok: true, data: { settled, repaired } }
}

export async function main(event: unknown) {
  if (isTimer(event)) return scheduled()
  return router(event)
}

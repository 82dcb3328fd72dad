// The story function: the action table behind the router, and the timer (config.json) that recounts the current
// and the previous month's figures from the stories to repair any drift.
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { storyActions } from './actions'
import { recountMonth } from './figures'

const router = createRouter('story', storyActions)

/** A CloudBase timer trigger's event: `{ Type: 'Timer', TriggerName, Time, Message }`. */
const isTimer = (event: unknown) => !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'

/** Idempotent (it writes what the stories say), so a caller imitating the timer gains nothing but a recount. */
async function scheduled() {
  const thisMonth = shanghaiMonth(now())
  const lastMonth = shanghaiMonth(new Date(new Date(`${thisMonth}-01T00:00:00+08:00`).getTime() - 1))
  const db = database()
  const repaired = (await recountMonth(db, thisMonth)) + (await recountMonth(db, lastMonth))
  return { ok: true, data: { repaired } }
}

export async function main(event: unknown) {
  if (isTimer(event)) return scheduled()
  return router(event)
}

// The story function: the action table behind the router, and the timer (config.json) that recounts the current
// and the previous month's figures from the stories to repair any drift.
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { createRouter } from '../common/router'
import { previousMonth, shanghaiMonth } from '../common/time'
import { storyActions } from './actions'
import { recountMonth } from './figures'
import { photoCheckResult } from './photoChecks'

/** Idempotent (it writes what the stories say), so a caller imitating the timer gains nothing but a recount. */
async function scheduled() {
  const thisMonth = shanghaiMonth(now())
  const lastMonth = previousMonth(thisMonth)
  const db = database()
  const repaired = (await recountMonth(db, thisMonth)) + (await recountMonth(db, lastMonth))
  return { repaired }
}

export const main = createRouter('story', storyActions, {
  onTimer: scheduled,
  onEvent: { wxa_media_check: photoCheckResult },
})

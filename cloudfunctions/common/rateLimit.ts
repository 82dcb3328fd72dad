// Per-person rate limits: a fixed-window counter per person, action and window (one `rateLimits` document under a
// deterministic id), raised by a conditional increment, so the database itself refuses the call over the limit,
// however many arrive at once. One operation per call, two for the first call of a window. The router spends from
// it before the handler runs: a refused call writes nothing else.
import { database, Database } from './cloud'
import { COLLECTIONS } from './collections'
import { ApiFailure } from './errors'
import { insertOnce } from './query'

export interface RateLimit { max: number; minutes: number }

/** What one person may do, per window. Generous for a person, a wall for a script. */
export const RATE_LIMITS = {
  like: { max: 30, minutes: 1 },
  share: { max: 10, minutes: 1 },
  uploadPhoto: { max: 30, minutes: 10 },
  submit: { max: 30, minutes: 60 },
  book: { max: 20, minutes: 60 },
} satisfies Record<string, RateLimit>

interface CounterDoc { _id: string; openid: string; action: string; count: number; ends: Date }

/** Counts one call of `action` by `openid` at `at`; RATE_LIMITED (saying when to try again) over the limit. */
export async function spend(openid: string, action: string, limit: RateLimit, at: Date): Promise<void> {
  const windowMs = limit.minutes * 60_000
  const start = Math.floor(at.getTime() / windowMs) * windowMs
  const _id = `${openid}_${action}_${start}`
  const _ = database().command
  const counters = database().collection(COLLECTIONS.rateLimits)
  const raise = async () => (await counters.where({ _id, count: _.lt(limit.max) }).update({ count: _.inc(1) })).updated > 0
  if (await raise()) return
  const fresh: CounterDoc = { _id, openid, action, count: 1, ends: new Date(start + windowMs) }
  // No counter yet (the window's first call), or a full one; a counter made alongside is raised again.
  if (await insertOnce(COLLECTIONS.rateLimits, fresh) || await raise()) return
  const minutes = Math.max(1, Math.ceil((start + windowMs - at.getTime()) / 60_000))
  throw new ApiFailure('RATE_LIMITED', `操作太频繁，请 ${minutes} 分钟后再试`)
}

/** Removes the counters of windows that have ended (a timer's chore): one operation. */
export async function sweepRateLimits(db: Database, at: Date): Promise<number> {
  const { deleted } = await db.collection(COLLECTIONS.rateLimits).where({ ends: db.command.lt(at) }).remove()
  return deleted ?? 0
}

// Per-person rate limits: a fixed-window counter per person, action and window (one `rateLimits` document under a
// deterministic id), raised by a conditional increment, so the database itself refuses the call over the limit,
// however many arrive at once. One operation per call, two for the first call of a window. The router spends from
// it before the handler runs: a refused call writes nothing else.
import crypto from 'crypto'
import { database, Database } from './cloud'
import { COLLECTIONS } from './collections'
import { ApiFailure } from './errors'
import { insertOnce, readAll } from './query'

export interface RateLimit {
  max: number
  minutes: number
  /**
   * The collections whose documents carry this limit (carriedLimit): the handler spends it in a write it does
   * anyway, so the router does not.
   */
  carriedIn?: string[]
}

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
  throw tooOften(start + windowMs, at)
}

const tooOften = (ends: number, at: Date) =>
  new ApiFailure('RATE_LIMITED', `操作太频繁，请 ${Math.max(1, Math.ceil((ends - at.getTime()) / 60_000))} 分钟后再试`)

/**
 * A per-person limit carried by a document the action reads anyway, so spending from it costs no operation of its
 * own: the read becomes a conditional raise of the person's count in that document (`where` and `raise`, for an
 * updateAndReturn), refused by the database itself over the limit. The count lives under `limits.<window end>.<person>`
 * (a hash: the document may be shown, the openid must not be); `sweepCarriedLimits` clears ended windows. One raise
 * per call in every case, the window's first included (an increment creates the field).
 */
export interface CarriedLimit {
  where: Record<string, unknown>
  raise: Record<string, unknown>
  /** The refusal, once the caller has made sure the document exists (a miss may be the document's absence). */
  refused(): ApiFailure
}

export function carriedLimit(openid: string, limit: RateLimit, at: Date): CarriedLimit {
  const _ = database().command
  const windowMs = limit.minutes * 60_000
  const ends = (Math.floor(at.getTime() / windowMs) + 1) * windowMs
  const person = crypto.createHash('sha256').update(openid).digest('hex').slice(0, 16)
  const field = `limits.e${ends}.${person}`
  // $not $gte: also true when the person has no count yet in this window.
  return { where: { [field]: _.not(_.gte(limit.max)) }, raise: { [field]: _.inc(1) }, refused: () => tooOften(ends, at) }
}

/** Removes the ended windows of the carried limits in `collection` (a timer's chore): a read, and a write per document. */
export async function sweepCarriedLimits(db: Database, collection: string, at: Date): Promise<number> {
  const _ = db.command
  const docs = await readAll<{ _id: string; limits?: Record<string, unknown> }>(db, collection, { limits: _.exists(true) }, { _id: true, limits: true })
  let swept = 0
  for (const d of docs) {
    const ended = Object.keys(d.limits ?? {}).filter((k) => Number(k.slice(1)) <= at.getTime())
    if (ended.length === 0) continue
    await db.collection(collection).doc(d._id).update(Object.fromEntries(ended.map((k) => [`limits.${k}`, _.remove()])))
    swept += ended.length
  }
  return swept
}

/** Removes the counters of windows that have ended (a timer's chore): one operation. */
export async function sweepRateLimits(db: Database, at: Date): Promise<number> {
  const { deleted } = await db.collection(COLLECTIONS.rateLimits).where({ ends: db.command.lt(at) }).remove()
  return deleted ?? 0
}

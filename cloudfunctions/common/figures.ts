// Pre-counted monthly figures, one shape for every feature: each event adds to the month's documents as it happens
// (`record`), so a report reads a few documents, never the events; a recount rebuilds a month from the raw records
// and repairs any drift (a function stopped between two writes); the function's timer runs the recount.
//
// Every event writes its record first and counts it after, so a crash in between leaves a figure short, never
// inflated by something that has no record; the recount SETS what the records add up to (setFigures), never adds
// a difference, so it is idempotent and two recounts at once converge. What no single write can close: an event
// whose record a recount reads and whose count lands just after the recount's write is counted twice until the
// next recount (the window is the one operation between an event's record and its count).
import type { Database } from './cloud'
import { isDuplicateWrite } from './cloud'
import { readAll } from './query'
import { previousMonth, shanghaiMonth } from './time'
import { whenAll } from './whenAll'

export interface Figures<Event, Recount = number> {
  /** Adds what one event changes to its month's figures. */
  record(db: Database, event: Event): Promise<void>
  /** Rebuilds a month (`YYYY-MM`, Asia/Shanghai) from the raw records and sets what differs; answers what it did. */
  recountMonth(db: Database, month: string, at: Date): Promise<Recount>
  /**
   * The scheduled job (config.json's timer), run by the router only for the platform's own trigger. Idempotent, so a
   * trigger fired twice (or alongside an admin's recount) changes nothing more.
   */
  timer(db: Database, at: Date): Promise<unknown>
}

/** The months a timer recounts: the current one and the one before (an event late in a month lands after its end). */
export function recentMonths(at: Date): [string, string] {
  const month = shanghaiMonth(at)
  return [month, previousMonth(month)]
}

/**
 * Adds `delta` to a figures document, creating it with `fresh` on the first event of its month. Exact under
 * concurrency: an update; when nothing was there, an insert; when a concurrent call inserted first, the update again.
 * One operation once the month's document exists.
 */
export async function bump(db: Database, collection: string, id: string, fresh: Record<string, unknown>, delta: Record<string, number>) {
  const _ = db.command
  const inc = Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, _.inc(v)]))
  const coll = db.collection(collection)
  if ((await coll.doc(id).update(inc)).updated > 0) return
  try {
    await coll.add({ _id: id, ...fresh, ...delta })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    await coll.doc(id).update(inc)
  }
}

/** A rate or share with three decimals (0.6667 → 0.667). */
export const round3 = (x: number) => Math.round(x * 1000) / 1000

/** A figures document as its records count it: what it is created with when missing, and its values. */
export interface CountedFigures { fresh: Record<string, unknown>; values: Record<string, number> }

/** Rounds of one recount before it gives up on figures that change under it all the time (never, in practice). */
const RECOUNT_ROUNDS = 5

/**
 * Sets the documents of `collection` matching `where` to what the records count (`count`, read after the documents)
 * in `keys`: a document the records no longer support gets zeros, one they need and that is missing is created.
 * Each write is conditional on the values just read, so an event counted live meanwhile makes it miss, and the
 * documents missed are counted again, from fresher records, in another round. Answers how many documents it wrote.
 */
export async function setFigures(db: Database, collection: string, where: Record<string, unknown>, keys: string[],
  count: () => Promise<Map<string, CountedFigures>>): Promise<number> {
  const _ = db.command
  const coll = db.collection(collection)
  let written = 0
  let pending: Set<string> | null = null
  for (let round = 0; round < RECOUNT_ROUNDS; round++) {
    const live = new Map((await readAll<Record<string, any> & { _id: string }>(db, collection, where)).map((d) => [d._id, d]))
    const want = await count()
    const ids = [...new Set([...live.keys(), ...want.keys()])].filter((id) => !pending || pending.has(id))
    const missed = new Set<string>()
    await whenAll(ids.map(async (id) => {
      const have = live.get(id)
      const values = Object.fromEntries(keys.map((k) => [k, want.get(id)?.values[k] ?? 0]))
      if (have && keys.every((k) => have[k] === values[k])) return
      if (await setOne(id, have, values, want.get(id)?.fresh ?? {})) written += 1
      else missed.add(id)
    }))
    if (missed.size === 0) return written
    pending = missed
  }
  throw new Error(`${collection}: figures kept changing under ${RECOUNT_ROUNDS} rounds of recounting`)

  async function setOne(id: string, have: Record<string, any> | undefined, values: Record<string, number>, fresh: Record<string, unknown>) {
    if (have) {
      const unchanged = Object.fromEntries(keys.map((k) => [k, have[k] === undefined ? _.exists(false) : have[k]]))
      return (await coll.where({ ...unchanged, _id: id }).update(values)).updated > 0
    }
    try {
      await coll.add({ _id: id, ...fresh, ...values })
      return true
    } catch (err) {
      if (isDuplicateWrite(err)) return false
      throw err
    }
  }
}

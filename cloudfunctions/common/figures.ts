// Pre-counted monthly figures, one shape for every feature: each event adds to the month's documents as it happens
// (`record`), so a report reads a few documents, never the events; a recount rebuilds a month from the raw records
// and repairs any drift (a function stopped between two writes); the function's timer runs the recount.
import type { Database } from './cloud'
import { isDuplicateWrite } from './cloud'
import { previousMonth, shanghaiMonth } from './time'

export interface Figures<Event, Recount = number> {
  /** Adds what one event changes to its month's figures. */
  record(db: Database, event: Event): Promise<void>
  /** Rebuilds a month (`YYYY-MM`, Asia/Shanghai) from the raw records and repairs what differs; answers what it did. */
  recountMonth(db: Database, month: string, at: Date): Promise<Recount>
  /**
   * The scheduled job (config.json's timer). Idempotent: anyone can send a timer-shaped event to an HTTP route, and
   * gains nothing by it but the same recount.
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

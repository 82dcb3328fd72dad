// Reading and writing documents one way everywhere: a document by id, every document of a batch job, a page after a
// cursor, and inserts under ids that must be unique or that say "already there".
import { newShortId } from './checkInToken'
import { database, Database, isDuplicateWrite } from './cloud'
import { ApiFailure, fail } from './errors'

/** One document by id, or undefined when there is none. */
export async function findDoc<T>(collection: string, id: string): Promise<T | undefined> {
  const { data } = await database().collection(collection).doc(id).get()
  return data?.[0] as T | undefined
}

/** One document by id; `missing()` is thrown when there is none. */
export async function loadDoc<T>(collection: string, id: string, missing: () => ApiFailure): Promise<T> {
  const doc = await findDoc<T>(collection, id)
  if (!doc) throw missing()
  return doc
}

const BATCH = 1000

/** Every document matching `where`, 1000 at a time by _id (a batch job: a page never repeats or skips a row). */
export async function readAll<T extends { _id: string }>(db: Database, collection: string, where: Record<string, unknown>,
  fields?: Record<string, boolean>): Promise<T[]> {
  const _ = db.command
  const out: T[] = []
  for (;;) {
    const last = out[out.length - 1]
    let query = db.collection(collection).where(last ? { ...where, _id: _.gt(last._id) } : where).orderBy('_id', 'asc').limit(BATCH)
    if (fields) query = query.field(fields)
    const { data } = await query.get()
    out.push(...(data as T[]))
    if (data.length < BATCH) return out
  }
}

// Cursors of lists ordered by (time, _id): the position after the last row shown, opaque to the client. Pagination
// never uses skip: a cursor stays right while rows are added, and costs nothing to skip over.

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).getTime(), id])).toString('base64url')
}

/** The (time, _id) a cursor points after; a cursor not made by encodeCursor is refused on the `cursor` field. */
function decodeCursor(cursor: string): [Date, string] {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof ms === 'number' && Number.isFinite(ms) && typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      return [new Date(ms), id]
    }
  } catch { /* fall through */ }
  throw fail.invalid('cursor', '翻页位置已失效，请刷新列表')
}

/** A page of a list and the cursor of the next page (null at the end). */
export interface KeysetPage<T> { rows: T[]; nextCursor: string | null }

export interface KeysetQuery {
  collection: string
  /** Conditions, all of which hold. */
  where: object[]
  /** The time field the list is ordered by (then _id), and which way. */
  order: string
  dir: 'asc' | 'desc'
  size: number
  cursor?: string
  /** Fields left out of (or kept in) each row. */
  fields?: Record<string, boolean>
}

/**
 * One page of a list ordered by (time, _id), after `cursor`: one read of size + 1 rows (the extra one says "more").
 * A cursor not made here is refused at once, before anything is read (reads started alongside included).
 */
export function pageAfter<T extends { _id: string }>(q: KeysetQuery): Promise<KeysetPage<T>> {
  const position = q.cursor ? decodeCursor(q.cursor) : null
  return readPage<T>(q, position)
}

async function readPage<T extends { _id: string }>(q: KeysetQuery, position: [Date, string] | null): Promise<KeysetPage<T>> {
  const _ = database().command
  const after = (v: unknown) => (q.dir === 'asc' ? _.gt(v) : _.lt(v))
  const conds = [...q.where]
  if (position) {
    const [at, id] = position
    conds.push(_.or([{ [q.order]: after(at) }, { [q.order]: at, _id: after(id) }]))
  }
  let query = database().collection(q.collection).where(conds.length === 1 ? conds[0] : _.and(conds))
    .orderBy(q.order, q.dir).orderBy('_id', q.dir).limit(q.size + 1)
  if (q.fields) query = query.field(q.fields)
  const { data } = await query.get()
  const rows = (data as T[]).slice(0, q.size)
  const last = rows[rows.length - 1] as (T & Record<string, unknown>) | undefined
  return { rows, nextCursor: data.length > q.size && last ? encodeCursor(last[q.order] as Date, last._id) : null }
}

/** A query that can be paged by offset: what `collection(...).where(...)` (and its orderBy) answers. */
interface Skippable { skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } } }

/**
 * One page of a list ordered by something other than time (nearest first, by name, by date and slot), after an
 * offset cursor: one read of size + 1 rows.
 */
export async function pageAtOffset<T>(query: Skippable, size: number, cursor?: string): Promise<KeysetPage<T>> {
  const offset = Number(cursor ?? 0)
  const { data } = await query.skip(offset).limit(size + 1).get()
  return { rows: (data as T[]).slice(0, size), nextCursor: data.length > size ? String(offset + size) : null }
}

/** Inserts a document under its deterministic id: true when this call wrote it, false when it was there already. */
export async function insertOnce<T extends { _id: string }>(collection: string, doc: T): Promise<boolean> {
  try {
    await database().collection(collection).add(doc)
    return true
  } catch (err) {
    if (isDuplicateWrite(err)) return false
    throw err
  }
}

/** Writes under a freshly drawn short id that must be unique: a collision, practically never, draws again (twice at most). */
export async function withFreshId<T>(write: (id: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(newShortId())
    } catch (err) {
      if (!isDuplicateWrite(err) || attempt >= 2) throw err
    }
  }
}

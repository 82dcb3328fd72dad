// Cursors of lists ordered by (time, _id): the position after the last row shown, opaque to the client.
// Pagination never uses skip: a cursor stays right while rows are added, and costs nothing to skip over.
import { fail } from './errors'

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).getTime(), id])).toString('base64url')
}

/** The (time, _id) a cursor points after; a cursor not made by encodeCursor is refused on the `cursor` field. */
export function decodeCursor(cursor: string): [Date, string] {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof ms === 'number' && Number.isFinite(ms) && typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      return [new Date(ms), id]
    }
  } catch { /* fall through */ }
  throw fail.invalid('cursor', '翻页位置已失效，请刷新列表')
}

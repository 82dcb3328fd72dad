// The query planner: turns the index-friendly part of a Mongo filter into a SQL WHERE on the declared expression
// indexes (and the `id` primary key), so a lookup by an indexed field reads a few rows instead of the whole table.
// The SQL only narrows the candidates: it must never drop a document the filter matches, and mingo still checks
// every candidate. So it covers only equality, $in and ranges on top-level conditions (and inside $and), on paths
// that never held an array, with scalar values; SQLite's type order (NULL < numbers < text < blob) keeps ranges
// inside the value's type, as Mongo's comparison brackets do.
import { Doc, storedJsonText } from './ejson'
import { idKey } from './ids'
import { CollectionInfo, NULL_SENTINEL, pathExpr } from './store'

export interface SqlWhere {
  sql: string
  params: unknown[]
}

const DATE_ISO_FROM = `'{"$date":"'`
const DATE_LONG_FROM = `'{"$date":{'`
const DATE_END = `'{"$date":|'` // '|' sorts after '{' and '"': the end of every stored date text

function isPlainObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as any)._bsontype
}

/** The value json_extract yields for this scalar, or undefined when it cannot be compared in SQL. */
function sqlScalar(v: unknown): unknown {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? v : undefined
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === null) return NULL_SENTINEL
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? storedJsonText(v) : undefined
  return undefined
}

function idScalar(v: unknown): unknown {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? idKey(v) : undefined
}

export function planWhere(info: CollectionInfo, filter: Doc): SqlWhere {
  const clauses: string[] = []
  const params: unknown[] = []

  const eq = (expr: string, isId: boolean, v: unknown) => {
    const s = isId ? idScalar(v) : sqlScalar(v)
    if (s === undefined) return
    clauses.push(`${expr} = ?`)
    params.push(s)
  }

  const within = (expr: string, isId: boolean, values: unknown) => {
    if (!Array.isArray(values)) return
    const scalars = values.map((v) => (isId ? idScalar(v) : sqlScalar(v)))
    if (scalars.some((s) => s === undefined)) return
    if (scalars.length === 0) return void clauses.push('0')
    clauses.push(`${expr} IN (${scalars.map(() => '?').join(', ')})`)
    params.push(...scalars)
  }

  const range = (expr: string, isId: boolean, op: string, v: unknown) => {
    const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]!
    const upper = op === '$lt' || op === '$lte'
    if (isId) {
      // Non-string ids have a \u0001-prefixed key: below every string, which only widens a $lt range.
      if (typeof v !== 'string') return
      clauses.push(`${expr} ${sqlOp} ?`)
      params.push(v)
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return
      clauses.push(upper ? `${expr} ${sqlOp} ?` : `${expr} ${sqlOp} ? AND ${expr} < ''`)
      params.push(v)
    } else if (typeof v === 'string') {
      clauses.push(upper ? `${expr} >= '' AND ${expr} ${sqlOp} ?` : `${expr} ${sqlOp} ? AND ${expr} < x''`)
      params.push(v)
    } else if (v instanceof Date && Number.isFinite(v.getTime())) {
      const text = storedJsonText(v)
      if (!text.startsWith('{"$date":"')) {
        // Outside years 0..9999: keep every date and let mingo decide.
        clauses.push(`${expr} >= '{"$date":' AND ${expr} < ${DATE_END}`)
      } else if (upper) {
        // ISO dates below the bound, plus every $numberLong date (they may be before year 0).
        clauses.push(`((${expr} >= ${DATE_ISO_FROM} AND ${expr} ${sqlOp} ?) OR (${expr} >= ${DATE_LONG_FROM} AND ${expr} < ${DATE_END}))`)
        params.push(text)
      } else {
        clauses.push(`${expr} ${sqlOp} ? AND ${expr} < ${DATE_END}`)
        params.push(text)
      }
    }
  }

  const collect = (f: unknown) => {
    if (!isPlainObject(f)) return
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and') {
        if (Array.isArray(v)) v.forEach(collect)
        continue
      }
      if (k.startsWith('$')) continue
      const isId = k === '_id'
      if (!isId && !(info.indexedPaths.has(k) && !info.multikey.has(k))) continue
      const expr = isId ? 'id' : pathExpr(k)
      const ops = isPlainObject(v) ? Object.keys(v) : []
      if (ops.length > 0 && ops.every((op) => op.startsWith('$'))) {
        for (const op of ops) {
          const arg = (v as Doc)[op]
          if (op === '$eq') eq(expr, isId, arg)
          else if (op === '$in') within(expr, isId, arg)
          else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') range(expr, isId, op, arg)
        }
      } else if (!(v instanceof RegExp)) {
        eq(expr, isId, v)
      }
    }
  }

  collect(filter)
  return { sql: clauses.join(' AND '), params }
}

// Filters, ordering and projection with mingo (Mongo semantics), plus the geo operators from geo.ts.
import { Query } from 'mingo'
import type { Options } from 'mingo/core'
import createContext from 'mingo/init/context'
import { AdminError } from '../errors'
import { Doc, invalidParam } from './ejson'
import { distanceAt, GEO_QUERY_OPERATORS, NEAR_OPERATORS, NearSpec, parseNear } from './geo'
import { planWhere, SqlWhere } from './planner'
import type { CollectionInfo } from './store'

/** One operator context for every query and pipeline: all of mingo's operators plus the geo ones. */
const context = createContext().addQueryOps(GEO_QUERY_OPERATORS)

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, useStrictMode: true, ...extra }
}

/** mingo reports bad input by throwing; the SDK should see INVALID_PARAM with mingo's message. */
export function asInvalidParam<T>(what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof AdminError) throw err
    throw invalidParam(`${what}: ${err?.message ?? err}`)
  }
}

const GEO_OPERATORS = new Set(Object.keys(GEO_QUERY_OPERATORS))
const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as any)._bsontype

export interface CompiledFilter {
  filter: Doc
  test: (doc: Doc) => boolean
  /** The SQL narrowing of the candidates (planner.ts). */
  where: SqlWhere
  /** A $nearSphere/$near condition: results come nearest first. */
  near?: { path: string; spec: NearSpec }
}

/** Geo conditions need a 2dsphere index on their field, as on CloudBase; finds the (single, top-level) near. */
function checkGeo(info: CollectionInfo, filter: Doc): CompiledFilter['near'] {
  let near: CompiledFilter['near']
  const visit = (f: unknown, topLevel: boolean) => {
    if (!isPlainObject(f)) return
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' || k === '$or' || k === '$nor') {
        if (Array.isArray(v)) v.forEach((sub) => visit(sub, topLevel && k === '$and'))
        continue
      }
      if (k.startsWith('$') || !isPlainObject(v)) continue
      for (const op of Object.keys(v)) {
        if (!GEO_OPERATORS.has(op)) continue
        if (!info.geoPaths.has(k)) {
          throw new AdminError(
            'DATABASE_REQUEST_FAILED',
            `unable to find index for $geoNear query: ${op} on ${info.name}.${k} needs a 2dsphere index (declare one in the emulator's collections)`,
          )
        }
        if (NEAR_OPERATORS.has(op)) {
          if (!topLevel || near) throw invalidParam(`${op} must appear once, at the top level of the query`)
          near = { path: k, spec: parseNear(v[op], op) }
        }
      }
    }
  }
  visit(filter, true)
  return near
}

export function compileFilter(info: CollectionInfo, filter: unknown): CompiledFilter {
  if (!isPlainObject(filter)) throw invalidParam('query must be an object')
  const near = checkGeo(info, filter)
  const query = asInvalidParam('invalid query', () => new Query(filter, mingoOptions()))
  return {
    filter,
    test: (doc) => asInvalidParam('invalid query', () => query.test(doc)),
    where: planWhere(info, filter),
    near,
  }
}

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  /** Maximum results; undefined for all. */
  limit?: number
  projection?: Doc
}

export function checkOrder(order: unknown): Record<string, 1 | -1> | undefined {
  if (order === undefined || order === null) return undefined
  if (!isPlainObject(order)) throw invalidParam('order must be an object')
  for (const [k, v] of Object.entries(order)) if (v !== 1 && v !== -1) throw invalidParam(`order of ${k} must be 1 or -1`)
  return Object.keys(order).length ? (order as Record<string, 1 | -1>) : undefined
}

/** Mongo ordering of documents (missing < null < numbers < strings < ... < dates), stable. */
export function sortDocs(docs: Doc[], order: Record<string, 1 | -1>): Doc[] {
  return asInvalidParam('invalid order', () => new Query({}, mingoOptions()).find<Doc>(docs).sort(order).all())
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  return asInvalidParam('invalid projection', () => new Query({}, mingoOptions()).find<Doc>(docs, projection).all())
}

/**
 * Runs a compiled filter over candidates: geo-near results nearest first, then `order`, `offset`, `limit`. Without
 * ordering it stops reading candidates as soon as the page is full.
 */
export function findDocs(candidates: Iterable<Doc>, compiled: CompiledFilter, opts: FindOptions): Doc[] {
  const offset = opts.offset ?? 0
  const limit = opts.limit ?? Infinity
  let page: Doc[]
  if (compiled.near || opts.order) {
    let all: Doc[] = []
    for (const doc of candidates) if (compiled.test(doc)) all.push(doc)
    if (compiled.near) {
      const { path, spec } = compiled.near
      const dist = new Map(all.map((d) => [d, distanceAt(d, path, spec.point) ?? Infinity]))
      all.sort((a, b) => dist.get(a)! - dist.get(b)!)
    }
    if (opts.order) all = sortDocs(all, opts.order)
    page = all.slice(offset, offset + limit)
  } else {
    page = []
    let skipped = 0
    for (const doc of candidates) {
      if (page.length >= limit) break
      if (!compiled.test(doc)) continue
      if (skipped < offset) skipped++
      else page.push(doc)
    }
  }
  return project(page, opts.projection)
}

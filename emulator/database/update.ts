// Update semantics: operator updates (merge: true, what `update()` sends) through mingo's updater, whole-document
// replacement (merge: false, what `set()` sends), and the document an upsert creates.
//
// The SDK encodes its commands as plain Mongo operators: `_.remove()` → $unset, `_.shift()` → {$pop: -1},
// `_.unshift(v)` → {$push: {$each: [v], $position: 0}}, `_.push({each, position, slice, sort})` → $push modifiers,
// and a nested plain object in update() → dotted $set paths (a merge). So only Mongo operators arrive here.
import { update as mingoUpdate } from 'mingo/updater'
import { cloneDeep, isEqual } from 'mingo/util'
import { AdminError } from '../errors'
import { assertStorableDocument, Doc, invalidParam } from './ejson'
import { mingoOptions } from './query'

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$rename', '$max', '$min', '$currentDate', '$bit',
])

const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as any)._bsontype

/** True when one dotted path is the other or lies inside it (Mongo refuses such pairs in one update). */
const overlaps = (a: string, b: string) => a === b || a.startsWith(b + '.') || b.startsWith(a + '.')

/** Validates an update document; a document without operators (raw SDK mode) is a $set of its fields. */
export function normalizeUpdate(update: unknown): Doc {
  if (!isPlainObject(update)) throw invalidParam('update data must be an object')
  const keys = Object.keys(update)
  const ops = keys.filter((k) => k.startsWith('$'))
  if (ops.length === 0) return keys.length ? { $set: update } : {}
  if (ops.length !== keys.length) throw invalidParam('update data mixes operators and fields')
  const paths: string[] = []
  for (const op of ops) {
    if (!OPERATORS.has(op)) throw invalidParam(`unknown update operator ${op}`)
    const args = update[op]
    if (!isPlainObject(args)) throw invalidParam(`${op} needs an object of fields`)
    for (const [field, value] of Object.entries(args)) {
      const touched = op === '$rename' ? [field, String(value)] : [field]
      if (op === '$rename' && typeof value !== 'string') throw invalidParam('$rename target must be a string')
      for (const p of touched) {
        if (!p || p.split('.').some((s) => s === '' || s.startsWith('$'))) throw invalidParam(`invalid field path ${p}`)
        if (p === '_id' || p.startsWith('_id.')) {
          throw invalidParam("Performing an update on the path '_id' would modify the immutable field '_id'")
        }
        const clash = paths.find((q) => overlaps(p, q))
        if (clash) throw invalidParam(`Updating the path '${p}' would create a conflict at '${clash}'`)
        paths.push(p)
      }
      if ((op === '$inc' || op === '$mul') && typeof value !== 'number') throw invalidParam(`${op} needs a number for ${field}`)
      if (op === '$pop' && value !== 1 && value !== -1) throw invalidParam('$pop needs 1 or -1')
    }
  }
  return update
}

/** Applies a normalized operator update to a copy of the document; the caller compares to see if it changed. */
export function applyOperators(doc: Doc, update: Doc): Doc {
  const next = cloneDeep(doc) as Doc
  for (const [op, args] of Object.entries(update)) {
    try {
      mingoUpdate(next, { [op]: args } as any, [], {}, { cloneMode: 'deep', queryOptions: mingoOptions({ useStrictMode: false }) })
    } catch (err: any) {
      throw new AdminError('DATABASE_REQUEST_FAILED', `${op} cannot be applied: ${err?.message ?? err}`)
    }
  }
  return next
}

/** set(): the new document is the replacement with the old _id. */
export function replaceDocument(doc: Doc, replacement: unknown): Doc {
  if (!isPlainObject(replacement)) throw invalidParam('set data must be an object')
  if (Object.keys(replacement).some((k) => k.startsWith('$'))) throw invalidParam('set data must not contain update operators')
  assertStorableDocument(replacement)
  if ('_id' in replacement && !isEqual(replacement._id, doc._id)) {
    throw invalidParam("the (immutable) field '_id' was found to have been altered")
  }
  const { _id: _ignored, ...fields } = replacement
  return { _id: doc._id, ...cloneDeep(fields) }
}

/** Fields an upsert copies from the filter: top-level equality conditions (as MongoDB does). */
function equalityFields(filter: Doc): Doc {
  const seed: Doc = {}
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) Object.assign(seed, ...v.filter(isPlainObject).map(equalityFields))
    if (k.startsWith('$') || v instanceof RegExp) continue
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) seed[k] = v.$eq
      continue
    }
    seed[k] = v
  }
  return seed
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument(filter: Doc, data: unknown, merge: boolean, id: unknown): Doc {
  if (!merge) return replaceDocument({ _id: id }, data)
  const base: Doc = { _id: id }
  for (const [k, v] of Object.entries(equalityFields(filter))) {
    if (k === '_id') continue
    mingoUpdate(base, { $set: { [k]: cloneDeep(v) } })
  }
  return applyOperators(base, normalizeUpdate(data))
}

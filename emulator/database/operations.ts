// The document operations behind the database.* actions. Each is synchronous over a Session (transactions.ts), so
// a read-then-write runs without interruption; inside a transaction it reads the transaction's snapshot.
import { cloneDeep } from 'mingo/util'
import { AdminError } from '../errors'
import { assertStorableDocument, decode, Doc, encodeForReply, encodeForStorage, invalidParam } from './ejson'
import { idKey } from './ids'
import { checkOrder, compileFilter, findDocs, project } from './query'
import type { CollectionInfo, WriteOp } from './store'
import type { Session } from './transactions'
import { applyOperators, normalizeUpdate, replaceDocument, upsertDocument } from './update'

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** Per-request values. `now` is read once, so every serverDate in a request gets the same time. */
export interface RequestContext {
  now: number
  newId: () => string
}

/** The request fields an operation reads (the SDK's wire format; see CLOUDBASE-NOTES.md). */
export interface RequestBody {
  query?: unknown
  order?: unknown
  projection?: unknown
  offset?: unknown
  limit?: unknown
  data?: unknown
  multi?: unknown
  merge?: unknown
  upsert?: unknown
}

const isPlainObject = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as any)._bsontype

/** The filter of a request; an absent or empty query matches everything (as the SDK sends for a bare collection). */
export function requestFilter(body: RequestBody, req: RequestContext): Doc {
  if (body.query === undefined || body.query === null || body.query === '') return {}
  return decode(body.query, 'query', req.now)
}

function nonNegativeInt(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${name} must be a non-negative integer`)
  return v
}

/** `{_id: x}` or `{_id: {$eq: x}}` with a scalar x: the one document the filter can match. */
function exactId(filter: Doc): string | number | undefined {
  let id = filter._id
  if (isPlainObject(id) && Object.keys(id).length === 1 && '$eq' in id) id = id.$eq
  return typeof id === 'string' || typeof id === 'number' ? id : undefined
}

export function getDocuments(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const compiled = compileFilter(info, requestFilter(body, req))
  const order = checkOrder(body.order === undefined || body.order === '' ? undefined : decode(body.order, 'order', req.now))
  const projection = body.projection === undefined || body.projection === '' ? undefined : decode(body.projection, 'projection', req.now)
  if (projection !== undefined && !isPlainObject(projection)) throw invalidParam('projection must be an object')
  const offset = nonNegativeInt(body.offset, 'offset', 0)
  const limit = Math.min(nonNegativeInt(body.limit, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT)
  const docs = findDocs(session.candidates(info, compiled.where), compiled, { order, offset, limit })
  return { data: { list: project(docs, projection).map(encodeForReply), offset, limit } }
}

export function countDocuments(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const filter = requestFilter(body, req)
  if (Object.keys(filter).length === 0 && session.countAll) return { data: { total: session.countAll(info) } }
  const compiled = compileFilter(info, filter)
  let total = 0
  for (const doc of session.candidates(info, compiled.where)) if (compiled.test(doc)) total++
  return { data: { total } }
}

export function insertDocuments(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const texts = typeof body.data === 'string' ? [body.data] : body.data
  if (!Array.isArray(texts) || texts.length === 0) throw invalidParam('data must be a non-empty array of documents')
  const docs = texts.map((t) => {
    const doc = decode(t, 'data', req.now)
    if (!isPlainObject(doc)) throw invalidParam('each document must be an object')
    assertStorableDocument(doc)
    return doc._id === undefined ? { _id: req.newId(), ...doc } : doc
  })
  const keys = docs.map((d) => idKey(d._id))
  if (new Set(keys).size !== keys.length) {
    throw new AdminError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${info.name} index: _id_ dup key`)
  }
  if (keys.some((k) => session.get(info, k) !== undefined)) {
    throw new AdminError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${info.name} index: _id_ dup key`)
  }
  session.write(docs.map((doc, i): WriteOp => ({ info, key: keys[i], mode: 'insert', doc })))
  return { data: { insertedIds: docs.map((d) => d._id) } }
}

interface ModifyResult {
  /** Documents the update changed. */
  changed: number
  matched: number
  upsertId?: unknown
  /** The matched document after the update (modifyAndReturnDoc). */
  doc?: Doc
}

/**
 * update() (merge: operators), set() (merge: false, upsert: true: replace the whole document or create it), and
 * where().update() (multi).
 */
function modify(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext, multi: boolean): ModifyResult {
  const filter = requestFilter(body, req)
  const compiled = compileFilter(info, filter)
  const merge = body.merge !== false
  const upsert = body.upsert === true
  const data = decode(body.data, 'data', req.now)
  const update = merge ? normalizeUpdate(data) : undefined
  const matched = findDocs(session.candidates(info, compiled.where), compiled, { limit: multi ? undefined : 1 })
  if (matched.length === 0) {
    if (!upsert) return { changed: 0, matched: 0 }
    const id = exactId(filter) ?? req.newId()
    const doc = upsertDocument(filter, data, merge, id)
    assertStorableDocument(doc)
    session.write([{ info, key: idKey(id), mode: 'insert', doc }])
    return { changed: 0, matched: 0, upsertId: id, doc }
  }
  const ops: WriteOp[] = []
  const results: Doc[] = []
  for (const doc of matched) {
    const next = update ? applyOperators(doc, update) : replaceDocument(doc, data)
    assertStorableDocument(next) // values pushed or set by any operator must not smuggle in '$' field names
    results.push(next)
    if (encodeForStorage(next) !== encodeForStorage(doc)) ops.push({ info, key: idKey(doc._id), mode: 'upsert', doc: next })
  }
  if (ops.length) session.write(ops)
  return { changed: ops.length, matched: matched.length, doc: results[0] }
}

/**
 * `updated` as CloudBase reports it. update() and where().update() count the documents that changed, like MongoDB's
 * nModified: an update that leaves a document as it was answers 0. set() counts the document it found: "updated:
 * 成功更新的记录数量，若指定的 _id 已存在则为 1，否则为 0" (Document.set, developers.weixin.qq.com/miniprogram/dev/
 * wxcloud/reference-sdk-api/database/document/Document.set.html), also when the new content equals the old.
 */
export function modifyDocuments(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const r = modify(session, info, body, req, body.multi === true)
  const updated = body.merge === false ? r.matched : r.changed
  return { data: r.upsertId === undefined ? { updated } : { updated, upsert_id: r.upsertId } }
}

/**
 * where().updateAndReturn(): updates the first match and returns it as it is after the update. It is MongoDB's
 * findAndModify, whose reply counts the document it found (lastErrorObject.n) and has no count of changed ones, so
 * a match answers updated: 1 even when the update changed nothing.
 */
export function modifyAndReturn(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const r = modify(session, info, { ...body, merge: true, upsert: false }, req, false)
  return { data: { updated: r.matched, doc: r.doc ? encodeForReply(cloneDeep(r.doc)) : null } }
}

export function removeDocuments(session: Session, info: CollectionInfo, body: RequestBody, req: RequestContext) {
  const compiled = compileFilter(info, requestFilter(body, req))
  const matched = findDocs(session.candidates(info, compiled.where), compiled, { limit: body.multi === true ? undefined : 1 })
  if (matched.length) session.write(matched.map((d): WriteOp => ({ info, key: idKey(d._id), mode: 'delete' })))
  return { data: { deleted: matched.length } }
}

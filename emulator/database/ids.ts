import { randomBytes } from 'crypto'
import { EJSON } from 'bson'
import { invalidParam } from './ejson'

/**
 * A new document id shaped like CloudBase's: 32 hex characters. The first 8 are the creation second, so ids
 * generated later usually sort later (like an ObjectId); the rest are random.
 */
export function newDocumentId(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8)
  return seconds + randomBytes(12).toString('hex')
}

/** A transaction id (opaque to the SDK). */
export function newTransactionId(): string {
  return randomBytes(16).toString('hex')
}

/**
 * The SQLite primary key of a document id. String ids are stored as they are (so `_id` ranges can use the key);
 * any other id type (the SDK allows numbers) gets a \u0001 prefix so 5 and '5' stay different documents.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (id === undefined || Array.isArray(id) || id instanceof RegExp) throw invalidParam('_id must be a string, a number or an object, not an array')
  return '\u0001' + EJSON.stringify(id as any, { relaxed: true })
}

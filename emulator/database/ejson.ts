// EJSON in and out of the database service.
//
// The SDK sends canonical EJSON strings ($numberInt, $numberDouble, $date, $regularExpression and the non-standard
// {"$tcb_server_date":{"offset":N}}). mingo works on plain JS values, so incoming values are parsed strictly and then
// normalised: Int32/Double/Long → number, BSONRegExp → RegExp, serverDate → Date. In memory (and so on the client,
// which parses replies with relaxed EJSON) an int and a double are both JS numbers; an integral double such as 2.0
// therefore comes back as 2, exactly as the SDK itself would hand it to the caller.
//
// Stored documents are relaxed EJSON text with one twist: every Date between year 0 and 9999 is written as
// {"$date":"<toISOString()>"} (always with milliseconds, fixed width), so the JSON text of dates sorts
// chronologically and SQLite expression indexes can answer date ranges (see planner.ts). bson's own relaxed output
// drops ".000", which would break that ordering.
import { EJSON } from 'bson'
import { AdminError } from '../errors'

export type Doc = Record<string, any>

export const invalidParam = (message: string) => new AdminError('INVALID_PARAM', message)

/** Flags JS RegExp and BSON regular expressions share. */
const REGEXP_FLAGS = new Set(['i', 'm', 's', 'u'])

function toRegExp(pattern: string, options: string): RegExp {
  const flags = [...new Set(options.split(''))].filter((f) => REGEXP_FLAGS.has(f)).sort().join('')
  try {
    return new RegExp(pattern, flags)
  } catch (err: any) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${err.message}`)
  }
}

/** Strict-EJSON-parsed value → plain JS value (see the header). `now` is the server clock for serverDate. */
export function normalize(value: any, now: number): any {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) return value
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  switch (value._bsontype) {
    case 'Int32':
    case 'Double':
      return value.valueOf()
    case 'Long':
      return value.toNumber()
    case 'BSONRegExp':
      return toRegExp(value.pattern, value.options)
    case undefined:
      break
    default:
      return value // ObjectId, Decimal128, Binary...: kept as bson objects
  }
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(normalize(value.$tcb_server_date?.offset ?? 0, now))
    if (!Number.isFinite(offset)) throw invalidParam('serverDate offset must be a number')
    return new Date(now + offset)
  }
  const out: Doc = {}
  for (const k of keys) {
    if (k === '__proto__') throw invalidParam('field name __proto__ is not allowed')
    out[k] = normalize(value[k], now)
  }
  return out
}

/** Parses one EJSON string sent by the SDK. `what` names the parameter in error messages. */
export function decode(text: unknown, what: string, now: number): any {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`)
  let raw: any
  try {
    raw = EJSON.parse(text, { relaxed: false })
  } catch (err: any) {
    throw invalidParam(`${what} is not valid EJSON: ${err.message}`)
  }
  return normalize(raw, now)
}

/** A reply value as the SDK expects it: canonical EJSON text (it parses it back with EJSON.parse). */
export function encodeForReply(value: any): string {
  return EJSON.stringify(value, { relaxed: false })
}

/** Year 0..9999: toISOString() is fixed width, so the text sorts like the time. */
function isoDateRepresentable(d: Date) {
  const y = d.getUTCFullYear()
  return Number.isFinite(d.getTime()) && y >= 0 && y <= 9999
}

/** The stored JSON form of a Date (also used by the planner to compare dates in SQL). */
export function dateToStored(d: Date): { $date: any } {
  return isoDateRepresentable(d) ? { $date: d.toISOString() } : { $date: { $numberLong: String(d.getTime()) } }
}

function toStorable(value: any): any {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : { $numberDouble: String(value) }
    case 'string':
    case 'boolean':
      return value
    case 'bigint':
      return { $numberLong: value.toString() }
    case 'object':
      break
    default:
      return null
  }
  if (value instanceof Date) return dateToStored(value)
  if (value instanceof RegExp) {
    return { $regularExpression: { pattern: value.source, options: value.flags.split('').filter((f) => REGEXP_FLAGS.has(f)).join('') } }
  }
  if (Array.isArray(value)) return value.map(toStorable)
  if (value._bsontype) return EJSON.serialize(value, { relaxed: true })
  const out: Doc = {}
  for (const k of Object.keys(value)) if (value[k] !== undefined) out[k] = toStorable(value[k])
  return out
}

/** Document → the JSON text kept in SQLite. */
export function encodeForStorage(doc: Doc): string {
  return JSON.stringify(toStorable(doc))
}

/** The JSON text SQLite's json_extract yields for a scalar stored by encodeForStorage (used for date keys). */
export function storedJsonText(value: Date): string {
  return JSON.stringify(dateToStored(value))
}

/**
 * JSON.parse reviver for the wrappers encodeForStorage writes. Stored documents never have user fields starting
 * with '$' (assertStorableDocument), so an object whose first key starts with '$' is a wrapper. Revivers run
 * bottom-up: {"$date":{"$numberLong":"-5"}} sees the inner number first.
 */
function revive(_key: string, value: any): any {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const first = Object.keys(value)[0]
  if (first === undefined || first.charCodeAt(0) !== 36 /* $ */) return value
  switch (first) {
    case '$date':
      return new Date(typeof value.$date === 'string' ? Date.parse(value.$date) : Number(value.$date))
    case '$numberDouble':
    case '$numberLong':
    case '$numberInt':
      return Number(value[first])
    case '$regularExpression':
      return toRegExp(value.$regularExpression.pattern, value.$regularExpression.options)
    default:
      // ObjectId, Decimal128, Binary...: rare; let bson rebuild them.
      return EJSON.parse(JSON.stringify(value), { relaxed: true })
  }
}

/** Stored JSON text → document. Texts without any wrapper take the plain (fastest) parse. */
export function decodeFromStorage(text: string): Doc {
  return text.includes('"$') ? JSON.parse(text, revive) : JSON.parse(text)
}

/** Rejects field names that start with '$' (they would read back as EJSON wrappers or operators). */
export function assertStorableDocument(value: any, path = ''): void {
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return
  if (value._bsontype) return
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorableDocument(v, `${path}${i}.`))
    return
  }
  for (const k of Object.keys(value)) {
    if (k.startsWith('$')) throw invalidParam(`field name ${path}${k} must not start with '$'`)
    assertStorableDocument(value[k], `${path}${k}.`)
  }
}

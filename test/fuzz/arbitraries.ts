// Hostile input for the fuzz suite: the values a script (or a confused client) sends, and per-action inputs derived
// from the action's own zod schema (valid-looking ones, the same mutated one field at a time, and random objects).
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'

/** Real ids and files in the demo district, for inputs that name other people's records and files. */
export interface Pools {
  /** Ids by collection (`classes`, `users`, ...). */
  ids: Record<string, string[]>
  /** cloud:// fileIDs uploaded by someone else than the caller (and some that point outside any upload folder). */
  fileIDs: string[]
}

/** A JSON text that parses to a value nested `depth` levels deep (as a raw body: JSON.stringify would recurse). */
export const deepJson = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth)

/** An object whose own (JSON-visible) key is `key`, even `__proto__`: what JSON.parse makes of `{"__proto__": …}`. */
export function ownKey(key: string, value: unknown, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...base }
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  return out
}

const nested = (depth: number, leaf: unknown): unknown => {
  let v: unknown = leaf
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$set', '_id', 'action', 'userInfo', 'openid',
  'status', 'role', 'orgPath', 'signedIn', 'views', 'hasOwnProperty', 'toString', '', ' ', '.', 'a.b', '\u202e', '\ud800']

const hostileStrings = fc.constantFrom(
  '', ' ', '   ', '\t\n', '\u0000', '\u0000abc', '\ud800', '\udfff', 'a\ud83db', '\u202egnp.exe', '\u200b', '\u200b\u200d\u200b',
  '\ufeff', '𠮷𠮷𠮷', '👨‍👩‍👧‍👦', 'e\u0301\u0301\u0301', 'null', 'undefined', 'true', '0', '-1', 'NaN', 'Infinity', '1e308',
  '2026-13-45T25:61:00Z', '2026-11-27T14:00:00+08:00', '2026-11-27T06:00:00.000Z', '2026-11-27', '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '明天下午', 'Fri Nov 27 2026 14:00:00 GMT+0800', '1764223200000',
  '2026-02', '2026-00', '__proto__', 'constructor', 'prototype', '$where', '$gt', '{"$gt":""}', '.*', '^', "'; DROP TABLE users; --",
  '<script>alert(1)</script>', '../../etc/passwd', 'cloud://', 'cloud:///', 'cloud://x/ ', 'javascript:alert(1)',
  'demo-admin', 'demo-secretary-b', 'org-district', 'a'.repeat(65), '党'.repeat(201), 'x'.repeat(5000),
)

const hugeStrings = fc.constantFrom('x'.repeat(300_000), '党'.repeat(100_000), '\ud800'.repeat(50_000))

const hostileNumbers = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e308, -1e308, 5e-324,
  Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31), 1e21, 2026, 202611, 1764223200000)

const operatorObjects = fc.constantFrom<unknown>(
  { $gt: '' }, { $ne: null }, { $exists: true }, { $regex: '.*' }, { $in: ['demo-admin', 'demo-member'] },
  { $where: 'function () { return true }' }, { $where: 'sleep(1000)' }, { $expr: { $eq: [1, 1] } },
  { $date: { $numberLong: '0' } }, { $oid: '000000000000000000000000' }, { $tcb_server_date: { offset: 0 } },
  { $numberInt: '1' }, { $numberDouble: 'NaN' }, { $set: { role: 'admin' } }, { $inc: { signedIn: 1000 } },
  ownKey('__proto__', { role: 'admin', polluted: true }), { constructor: { prototype: { polluted: true } } },
  { toString: 'x', valueOf: 1 }, {}, [], [null], [[]], [{}], { length: 1e9 }, nested(60, 'x'), nested(2000, { $gt: '' }),
)

/** One hostile value of any kind. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileStrings },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeStrings },
  { weight: 3, arbitrary: hostileNumbers },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 4, arbitrary: operatorObjects },
  { weight: 1, arbitrary: fc.array(hostileStrings, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

/** Ids by the label the contract's `id(label)` gives them (in its message): the records such an id names. */
const ID_LABELS: Array<[RegExp, string]> = [
  [/故事/, 'stories'], [/讲师/, 'lecturers'], [/阵地/, 'sites'], [/课程/, 'classes'], [/预约/, 'siteBookings'],
  [/人员|申请人|党员/, 'users'], [/党组织/, 'orgs'],
]

const CHINESE = '党员故事课堂阵地社区书记老同志学习签到照片'.split('')
const words = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...CHINESE, 'a', '1', ' '), minLength: min, maxLength: max })

/** Valid-looking values of `schema` (its refinements may still refuse some): what a real client would send. */
export function fromSchema(schema: ZodTypeAny, pools: Pools): fc.Arbitrary<unknown> {
  const def = (schema as any)._def
  switch (def.typeName) {
    case 'ZodOptional': return fc.option(fromSchema(def.innerType, pools), { nil: undefined, freq: 2 })
    case 'ZodNullable': return fc.option(fromSchema(def.innerType, pools), { nil: null, freq: 4 })
    case 'ZodDefault': return fc.option(fromSchema(def.innerType, pools), { nil: undefined })
    case 'ZodEffects': return fromSchema(def.schema, pools)
    case 'ZodLiteral': return fc.constant(def.value)
    case 'ZodEnum': return fc.constantFrom(...(def.values as string[]))
    case 'ZodBoolean': return fc.boolean()
    case 'ZodUnion': case 'ZodDiscriminatedUnion':
      return fc.oneof(...[...def.options.values()].map((o: ZodTypeAny) => fromSchema(o, pools)))
    case 'ZodArray': {
      const max = Math.min(def.maxLength?.value ?? 4, 4)
      return fc.array(fromSchema(def.type, pools), { minLength: Math.min(def.minLength?.value ?? 0, max), maxLength: max })
    }
    case 'ZodObject': {
      const shape = def.shape() as Record<string, ZodTypeAny>
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fromSchema(v, pools)])))
    }
    case 'ZodNumber': {
      const checks = def.checks as Array<{ kind: string; value: number }>
      const min = checks.find((c) => c.kind === 'min')?.value ?? -1000
      const max = checks.find((c) => c.kind === 'max')?.value ?? 1000
      return checks.some((c) => c.kind === 'int')
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true })
    }
    case 'ZodString': return stringOf(def.checks, pools)
    default: return hostile
  }
}

function stringOf(checks: Array<{ kind: string; value?: number; regex?: RegExp; message?: string }>, pools: Pools) {
  const regex = checks.find((c) => c.kind === 'regex')
  if (regex?.regex?.source === '^[A-Za-z0-9_-]{1,64}$') {
    const kind = ID_LABELS.find(([label]) => label.test(regex.message ?? ''))?.[1]
    const real = (kind && pools.ids[kind]?.length ? pools.ids[kind] : Object.values(pools.ids).flat())
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.stringMatching(regex.regex) })
  }
  if (regex?.regex?.source.startsWith('^cloud:')) return fc.constantFrom(...pools.fileIDs)
  const max = Math.min(checks.find((c) => c.kind === 'max')?.value ?? 30, 30)
  if (regex?.regex) return fc.stringMatching(regex.regex).map((s) => s.slice(0, max))
  if (checks.some((c) => c.kind === 'datetime')) {
    const now = Date.now()
    return fc.tuple(fc.integer({ min: now - 60 * 86400_000, max: now + 120 * 86400_000 }), fc.boolean()).map(([ms, shanghai]) => {
      const d = new Date(Math.floor(ms / 60_000) * 60_000)
      return shanghai ? new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00') : d.toISOString()
    })
  }
  const min = checks.find((c) => c.kind === 'min')?.value ?? 0
  return words(Math.min(Math.max(min, 1), max), max)
}

/** Every path to a value inside `v` (objects and arrays), the root `[]` first. */
function pathsOf(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(at)
  if (v && typeof v === 'object' && at.length < 6) {
    for (const [k, child] of Object.entries(v)) pathsOf(child, [...at, Array.isArray(v) ? Number(k) : k], out)
  }
  return out
}

function cloneWith(v: unknown, path: Array<string | number>, change: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(v) as any
  let parent = copy
  for (const k of path.slice(0, -1)) parent = parent[k]
  change(parent, path[path.length - 1])
  return copy
}

type Mutation = 'replace' | 'remove' | 'add'

/** `base` with one change at one place inside it: a value replaced by a hostile one, removed, or a hostile key added. */
function mutate(base: unknown, pick: number, how: Mutation, value: unknown, key: string): unknown {
  const paths = pathsOf(base)
  const path = paths[pick % paths.length]
  const target = path.reduce((o: any, k) => o[k], base)
  if (how === 'add' || path.length === 0) {
    if (!target || typeof target !== 'object' || Array.isArray(target)) return mutate(base, 0, 'add', value, key)
    const grown = ownKey(key, value, target)
    return path.length === 0 ? grown : cloneWith(base, path, (parent, k) => { parent[k] = grown })
  }
  return cloneWith(base, path, (parent, k) => {
    if (how === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(k), 1)
      else delete parent[k]
    } else {
      parent[k] = value
    }
  })
}

/** Inputs for an action: valid-looking ones, the same mutated once, and objects of random keys and values. */
export function inputsFor(schema: ZodTypeAny, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const valid = fromSchema(schema, pools).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as Record<string, unknown>)
  const mutated = fc.tuple(valid, fc.nat(), fc.constantFrom<Mutation>('replace', 'replace', 'remove', 'add'), hostile,
    fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })))
    .map(([base, pick, how, value, key]) => mutate(base, pick, how, value, key) as Record<string, unknown>)
  const random = fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), hostile, { maxKeys: 4 })
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: random })
}

/**
 * The event as JSON text, as a client would put it on the wire. JSON has no NaN (it goes as null, as
 * JSON.stringify sends it) but does carry ±Infinity (as 1e999, which JSON.parse reads as Infinity) and -0.
 */
export function toWire(event: unknown): string {
  const marks: string[] = []
  const text = JSON.stringify(event, (_k, v) => {
    if (typeof v !== 'number') return v
    if (v === Infinity || v === -Infinity || Object.is(v, -0)) {
      marks.push(v === Infinity ? '1e999' : v === -Infinity ? '-1e999' : '-0')
      return `\u0000num${marks.length - 1}\u0000`
    }
    return v
  })
  return text.replace(/"\\u0000num(\d+)\\u0000"/g, (_m, i) => marks[Number(i)])
}

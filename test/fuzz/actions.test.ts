// Every action of every cloud function (read from each function's own action table, so a new one is fuzzed
// without a change here), called by every kind of caller with hostile input: the answer is never INTERNAL (no
// crash, no unexpected error), every refusal is in Chinese and writes nothing, and input the action's schema
// refuses is INVALID_INPUT before anything is read or written. Deterministic: FUZZ_SEED and FUZZ_RUNS explore more.
import fs from 'fs'
import path from 'path'
import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'
import { ERROR_CODES } from '../../contract/common'
import type { RateLimit } from '../../cloudfunctions/common/rateLimit'
import { CALLERS, CallerKind, MORE_CALLERS } from '../helpers/accessMatrix'
import { asWeChat, login, Metrics, metrics } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { deepJson, inputsFor, Pools, toWire } from './arbitraries'

const SEED = Number(process.env.FUZZ_SEED ?? 20261202)
const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
/** The HTTP access route refuses a larger body itself (emulator/hub.ts API_BODY_LIMIT). */
const BODY_LIMIT = 1024 * 1024
const CHINESE = /[\u4e00-\u9fa5]/
/** What the emulator logs when a function crashed, threw past its router, or left a promise unhandled. */
const CRASHED = /unexpected error|instance crashed|unhandled rejection|invocation failed|request failed|\] \S+ failed:/

type Table = Record<string, { who: string; input: ZodTypeAny; limit?: RateLimit }>

/** Each function's action table: the export of `cloudfunctions/<fn>/actions.ts` named `<fn>Actions`. */
const FUNCTIONS: Array<[string, Table]> = fs.readdirSync(path.join(__dirname, '../../cloudfunctions'))
  .filter((fn) => fs.existsSync(path.join(__dirname, '../../cloudfunctions', fn, 'actions.ts')))
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  .map((fn) => [fn, require(`../../cloudfunctions/${fn}/actions`)[`${fn}Actions`] as Table])

const bed = useBed()
const callers: CallerKind[] = [...CALLERS, MORE_CALLERS[1]]
const tokens = new Map<CallerKind, string | null>()
const pools: Pools = { ids: {}, fileIDs: [] }
/** Answers by function and code ('ok' when served): shows how far past validation the inputs reach. */
const outcomes: Record<string, Record<string, number>> = {}
afterAll(() => {
  console.log(`fuzz (seed ${SEED}, ${RUNS} runs per action), answers by function:\n${Object.entries(outcomes)
    .map(([fn, codes]) => `  ${fn}: ${Object.entries(codes).sort(([, a], [, b]) => b - a).map(([c, n]) => `${c} ${n}`).join(', ')}`).join('\n')}`)
})

beforeAll(async () => {
  for (const c of callers) tokens.set(c, c.openid ? await login(bed.emu, c.openid) : null)
  const db = bed.db()
  for (const collection of ['orgs', 'users', 'classes', 'lecturers', 'stories', 'sites', 'siteBookings']) {
    const { data } = await db.collection(collection).limit(100).get()
    pools.ids[collection] = data.map((d: { _id: string }) => d._id)
  }
  // Files of other people (someone else's upload, a file outside any upload folder), and the caller's own kind.
  const theirs = await bed.photo(bed.demo['demo-member-b'])
  const theirSite = await bed.photo(bed.demo['demo-secretary-b'], 'site photo', 'site')
  const bucket = theirs.slice(0, theirs.indexOf('/', 'cloud://'.length))
  pools.fileIDs = [theirs, theirSite, await bed.photo(bed.demo['demo-member']), `${bucket}/exports/attendance.xlsx`,
    `${bucket}/uploads/../exports/attendance.xlsx`, `${bucket}/${theirs.slice(bucket.length + 1)}x`, 'cloud://other-env.bucket/a.jpg']
})

let counted: Metrics
/** The emulator's counters from here on: each call's cost is the difference to the previous reading. */
async function startCounting() { counted = await metrics(bed.emu) }

/** One call as the H5 app makes it, with `wire` as the body; the answer and what it cost the database. */
async function call(caller: CallerKind, fn: string, wire: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = tokens.get(caller)
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${bed.emu.url}/api/${fn}`, { method: 'POST', headers, body: wire })
  const answer = await res.json()
  const before = counted
  counted = await metrics(bed.emu)
  const writes = Object.entries(counted.writesByCollection)
    .map(([c, n]) => [c, n - (before.writesByCollection[c] ?? 0)] as const).filter(([, n]) => n > 0)
  return { status: res.status, answer, cost: { total: counted.total - before.total, writesByCollection: Object.fromEntries(writes) } }
}

/** What the router hands the schema: the event without `action` and the platform's `userInfo`. */
function schemaInput(wire: string) {
  const { action: _a, userInfo: _u, ...rest } = JSON.parse(wire)
  return rest
}

for (const [fn, table] of FUNCTIONS) {
  describe(`fuzzing the ${fn} function`, () => {
    for (const [action, def] of Object.entries(table)) {
      test(`${fn}.${action}: hostile input from any caller is never INTERNAL, and a refusal writes nothing`, async () => {
        const property = fc.asyncProperty(fc.constantFrom(...callers), inputsFor(def.input, pools), async (caller, input) => {
          const wire = toWire({ ...input, action })
          const { status, answer: r, cost } = await call(caller, fn, wire)
          const seen = `${caller.openid ?? 'anonymous'} → ${status} ${JSON.stringify(r).slice(0, 300)}`
          const tally = (outcomes[fn] ??= {})
          tally[r.ok ? 'ok' : String(r.code)] = (tally[r.ok ? 'ok' : String(r.code)] ?? 0) + 1
          expect([seen, typeof r.ok]).toEqual([seen, 'boolean'])
          expect([seen, r.code]).not.toEqual([seen, 'INTERNAL'])
          if (wire.length > BODY_LIMIT) {
            expect([seen, r.code, cost.total]).toEqual([seen, 'INVALID_INPUT', 0])
            return
          }
          if (!r.ok) {
            expect([seen, ERROR_CODES.includes(r.code)]).toEqual([seen, true])
            expect(r.message).toMatch(CHINESE)
            for (const f of r.fields ?? []) expect(f.message).toMatch(CHINESE)
            // A rate-limited action counts every attempt of a signed-in caller, refused or not (in the documents that
            // carry its limit, when it has them).
            const counted = def.limit && caller.openid ? def.limit.carriedIn ?? ['rateLimits'] : []
            const writes = Object.entries(cost.writesByCollection).filter(([c]) => !counted.includes(c))
            expect([seen, writes]).toEqual([seen, []])
          }
          if (!def.input.safeParse(schemaInput(wire)).success) {
            expect([seen, r.code, cost.total]).toEqual([seen, 'INVALID_INPUT', 0])
          }
        })
        await startCounting()
        await fc.assert(property, { seed: SEED, numRuns: RUNS })
        expect(bed.emu.output()).not.toMatch(CRASHED)
      })
    }
  })
}


describe('bodies no client would send', () => {
  const bodies: Array<[string, string]> = [
    ['an array nested 100 000 deep', deepJson(100_000)],
    ['an event with a field nested 100 000 deep', `{"action":"get","id":${deepJson(100_000)}}`],
    ['an event with an object nested 100 000 deep', `{"action":"get","id":${deepJson(100_000, '{"a":', '}').replace(/\{"a":\}/, '{}')}}`],
    ['an event nested 200 deep', `{"action":"get","id":${deepJson(200)}}`],
    ['not JSON', '{"action":'],
    ['a JSON string', '"get"'],
    ['JSON null', 'null'],
    ['Infinity as a number', '{"action":"get","id":1e999}'],
    ['a byte-order mark first', '\ufeff{"action":"get","id":"x"}'],
    ['lone surrogates', '{"action":"\\ud800","\\udfff":"\\ud800"}'],
  ]
  test.each(bodies)('%s is refused in Chinese, touches nothing, and the function keeps serving', async (_name, body) => {
    await startCounting()
    for (const fn of FUNCTIONS.map(([name]) => name)) {
      const { status, answer, cost } = await call(callers[4], fn, body)
      expect([fn, status < 500, answer.ok, answer.code === 'INTERNAL']).toEqual([fn, true, false, false])
      expect(answer.message).toMatch(CHINESE)
      expect(cost.total).toBe(0)
      // Still serving (asked from the mini-program: the fuzzed signOut has ended the member's H5 sessions).
      expect((await asWeChat(bed.emu, 'demo-member').call('user', 'me')).ok).toBe(true)
      await startCounting()
    }
    expect(bed.emu.output()).not.toMatch(CRASHED)
  })
})

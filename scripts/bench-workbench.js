// `npm run bench:workbench`: what the workbench (党建工作台) costs with ~10² and with ~10⁶ recorded events.
//
// Builds the functions and the emulator, starts the emulator on a free port with a temporary data folder (the demo
// district seeded) and its clock at NOW, and writes a random district (local/seed/randomDistrict.ts: 6 streets, 48
// communities, 240 branches, ~60,000 members, ~24 sites) beside the demo district. Then twice — with a sparse year of
// history (~10² classes, attendance, stories, check-ins and bookings), then with more added (~10⁵, then ~10⁶) — the
// history generator (local/seed/history.ts) writes the raw records through the real SDK in bulk (multi-document
// `add`, 5,000 a request: the emulator has no other bulk path, and this one writes 10⁶ in minutes) and builds the
// monthly figures by each feature's own recount; and the overview, trends and warnings of the district, a street and
// a community, for a month, a quarter and a year, are read as the district office. Printed: the database operations
// each read cost at 10² and at 10⁶ (from the emulator's metrics), and the ratio of its time at 10⁶ to its time at
// 10² (the median of RUNS). The organisations, members and sites are the same in both: only the events grow.
// Stops the emulator and removes the folder at the end. `--quick`: a tenth of the members and check-ins (~10⁵ events),
// to try the script.
const esbuild = require('esbuild')
const path = require('path')
// The SDK adds a listener per request to a kept-alive socket; thousands of bulk writes trip node's leak warning.
require('events').EventEmitter.defaultMaxListeners = 100
const { ROOT, build, opsOf, sdkDatabase, signedIn, startEmulator } = require('./benchEmulator')

const NOW = '2030-06-20T10:00:00+08:00'
const RUNS = 5
const BUDGET = 4
const QUICK = process.argv.includes('--quick')
const DISTRICT = { seed: 7, streets: 6, communitiesPerStreet: 8, branchesPerCommunity: 5, membersPerOrg: QUICK ? 20 : 200 }
const GAPS = { idleSites: ['r-site0'], lateReviews: 2 }
const SPARSE = { months: 12, seed: 11, classChance: 0.002, attendChance: 0.01, storyChance: 0.0001, visitsPerSite: 0.2, bookingChance: 0.02 }
// Added to the sparse year: ~10⁵ events, then ~10⁶.
const MORE = { months: 12, seed: 12, prefix: 'M', classChance: 0.5, attendChance: 0.07, storyChance: 0.015, visitsPerSite: QUICK ? 12 : 120, bookingChance: 0.6 }
const FULL = { months: 12, seed: 13, prefix: 'H', classChance: 0.5, attendChance: 0.7, storyChance: 0.15, visitsPerSite: QUICK ? 120 : 1200, bookingChance: 0.6 }
const EVENTS = ['classes', 'attendance', 'stories', 'siteVisits', 'siteBookings']

/** The seed generators (TypeScript, shared with the tests and the demo district), bundled for node. */
async function generators() {
  const outfile = path.join(ROOT, 'build', 'bench', 'workbenchSeed.js')
  await esbuild.build({
    stdin: {
      contents: "export { writeHistory } from './local/seed/history'\nexport { writeRandomDistrict } from './local/seed/randomDistrict'\n",
      resolveDir: ROOT, loader: 'ts',
    },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile, logLevel: 'warning',
  })
  return require(outfile)
}

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function countEvents(db) {
  const out = {}
  for (const c of EVENTS) out[c] = (await db.collection(c).count()).total
  out.total = EVENTS.reduce((n, c) => n + out[c], 0)
  return out
}

/** Every read measured: its operations (the same each run) and the median of its times. */
async function measure(emu, call, reads) {
  const out = new Map()
  // A function instance reads its session secret on its first call (one operation, once): measured warm.
  for (const [, fn, action, input] of reads) await call(fn, action, input)
  for (const [key, fn, action, input] of reads) {
    const times = []
    const ops = new Map()
    for (let i = 0; i < RUNS; i++) {
      const r = await opsOf(emu, () => call(fn, action, input))
      if (!r.result.ok) throw new Error(`${key}: ${JSON.stringify(r.result)}`)
      ops.set(r.ops, r.byAction)
      times.push(r.ms)
    }
    if (ops.size > 1) console.log(`${key}: the runs cost ${[...ops].map(([n, by]) => `${n} (${JSON.stringify(by)})`).join(' and ')}`)
    out.set(key, { ops: Math.max(...ops.keys()), ms: median(times) })
  }
  return out
}

async function main() {
  build()
  const { writeHistory, writeRandomDistrict } = await generators()
  const emu = await startEmulator({ TIMERS: '0' })
  try {
    await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(NOW).toISOString() }) })
    const db = sdkDatabase(emu.url, 30 * 60_000)
    const call = await signedIn(emu, 'demo-admin')
    let started = Date.now()
    const district = await writeRandomDistrict(db, DISTRICT)
    console.log(`random district: ${district.orgs} organisations, ${district.people} members, ${district.sites} sites (${seconds(Date.now() - started)})`)

    const scopes = [['district', 'org-district'], ['street', district.streets[0]], ['community', district.communities[3]]]
    const periods = [['month', '2030-05'], ['quarter', '2030-Q2'], ['year', '2029']]
    const reads = []
    for (const [scope, orgId] of scopes) {
      for (const [kind, period] of periods) {
        reads.push([`overview  ${scope.padEnd(9)} ${kind}`, 'workbench', 'overview', { orgId, period }])
        reads.push([`trends    ${scope.padEnd(9)} ${kind}`, 'workbench', 'trends', { orgId, period }])
      }
      reads.push([`warnings  ${scope.padEnd(9)} now`, 'workbench', 'warnings', { orgId }])
    }

    const phases = []
    for (const [label, history] of [['sparse', SPARSE], ['more', MORE], ['full', FULL]]) {
      started = Date.now()
      const h = await writeHistory(db, { now: new Date(NOW), quietOrgs: [district.communities[3]], batch: 5000, ...GAPS, ...history })
      const written = Date.now() - started
      const events = await countEvents(db)
      console.log(`${label}: wrote ${(h.classes + h.attendance + h.stories + h.visits + h.bookings).toLocaleString('en')} records and recounted 12 months in ${seconds(written)}; `
        + `events in the database now ${events.total.toLocaleString('en')} (${EVENTS.map((c) => `${c} ${events[c].toLocaleString('en')}`).join(', ')})`)
      phases.push({ label, events: events.total, reads: await measure(emu, call, reads) })
    }

    const [small, mid, large] = phases
    const n = (p) => p.events.toLocaleString('en')
    // The order of magnitude each phase reached (the `--quick` run reaches 10⁵ at most).
    const mag = (p) => `10${String(Math.round(Math.log10(p.events))).split('').map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]).join('')}`
    const [S, M, L] = [small, mid, large].map(mag)
    const rows = reads.map(([key]) => {
      const [a, m, b] = [small, mid, large].map((p) => p.reads.get(key))
      return {
        read: key, [`ops @${n(small)}`]: a.ops, [`ops @${n(mid)}`]: m.ops, [`ops @${n(large)}`]: b.ops,
        [`time ${L}/${S}`]: Number((b.ms / a.ms).toFixed(2)), [`time ${L}/${M}`]: Number((b.ms / m.ms).toFixed(2)), [`ms @${S}`]: Math.round(a.ms), [`ms @${L}`]: Math.round(b.ms),
      }
    })
    console.log(`\nThe workbench read as the district office, median of ${RUNS} runs (database operations include the router's read of the caller):`)
    console.table(rows)
    const opsOfRow = (r) => Object.keys(r).filter((k) => k.startsWith('ops @')).map((k) => r[k])
    const worst = Math.max(...rows.filter((r) => !r.read.startsWith('warnings')).flatMap(opsOfRow))
    const same = rows.every((r) => new Set(opsOfRow(r)).size === 1)
    const ratio = (k) => { const xs = rows.map((r) => r[k]); return `median ${median(xs).toFixed(2)}, at most ${Math.max(...xs).toFixed(2)}` }
    console.log(`${worst <= BUDGET ? '✓' : '✗'} every overview and trend cost ≤ ${BUDGET} database operations (at most ${worst})`)
    console.log(`${same ? `✓ each read costs as many operations at ${L} events as at ${S}` : '✗ some read costs more operations as the events grow'}`)
    console.log(`time at ${L} / time at ${S}: ${ratio(`time ${L}/${S}`)}; time at ${L} / time at ${M}: ${ratio(`time ${L}/${M}`)}`)
    if (worst > BUDGET || !same) process.exitCode = 1
  } finally {
    await emu.stop()
  }
}

main().catch((err) => { console.error(err); process.exit(1) })

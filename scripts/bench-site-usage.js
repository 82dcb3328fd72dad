// `node scripts/bench-site-usage.js`: what a site's usage page costs with 10 and with 100,000 recorded events.
//
// Builds the functions and the emulator, starts the emulator on a free port with a temporary data folder (the demo
// district seeded), registers two sites through the `site` function, writes their month of raw records straight
// through the SDK in batches (check-ins and bookings: 10 for one site, 100,000 for the other), lets `recount` build
// the monthly figures from them, then reads each site's usage page and the ranking and prints the database
// operations each read cost, from the emulator's metrics. Stops the emulator and removes the folder at the end.
const { build, opsOf, post, sdkDatabase, startEmulator } = require('./benchEmulator')

const MONTH = '2030-01'
const SMALL = 10
const LARGE = 100_000
const BATCH = 1000

/** `count` raw records of a site for the month: check-ins (one per person per day) and one booking in ten. */
function* records(siteId, count, orgs) {
  const days = 31
  const bookings = Math.floor(count / 10)
  for (let i = 0; i < count - bookings; i++) {
    const person = Math.floor(i / days)
    const date = `${MONTH}-${String((i % days) + 1).padStart(2, '0')}`
    const org = orgs[person % orgs.length]
    const openid = `bench-${person}`
    yield ['siteVisits', {
      _id: `${siteId}_${date}_${openid}`, siteId, date, month: MONTH, openid, name: `党员${person}`,
      orgId: org._id, orgPath: org.path, orgName: org.name, at: new Date(`${date}T02:00:00Z`),
    }]
  }
  for (let i = 0; i < bookings; i++) {
    const org = orgs[i % orgs.length]
    const date = `${MONTH}-${String((i % days) + 1).padStart(2, '0')}`
    yield ['siteBookings', {
      _id: `bench-${siteId}-${i}`, siteId, siteName: siteId, date, month: MONTH, startMin: 540, endMin: 600, hours: 1,
      headcount: 10, purpose: '主题党日', orgId: org._id, orgPath: org.path, orgName: org.name, bookedBy: 'demo-secretary',
      bookedByName: '李芳', status: 'booked', confirmed: false, arrived: i % 2 === 0, createdAt: new Date(`${MONTH}-01T00:00:00Z`),
    }]
  }
}

async function writeRecords(db, siteId, count, orgs) {
  const batches = { siteVisits: [], siteBookings: [] }
  const flush = async (collection) => {
    if (batches[collection].length) await db.collection(collection).add(batches[collection].splice(0))
  }
  for (const [collection, doc] of records(siteId, count, orgs)) {
    batches[collection].push(doc)
    if (batches[collection].length >= BATCH) await flush(collection)
  }
  await flush('siteVisits')
  await flush('siteBookings')
}

async function main() {
  build()
  const emu = await startEmulator()
  try {
    const { data: { token } } = await post(`${emu.url}/api/user`, { action: 'signIn', openid: 'demo-admin' })
    const call = (action, input = {}) => post(`${emu.url}/api/site`, { action, ...input }, token)
    const db = sdkDatabase(emu.url)
    const { data: orgs } = await db.collection('orgs').limit(100).get()

    const site = async (name, lng) => {
      const r = await call('create', {
        type: 'base', name, address: '先锋大道 1 号', location: { lat: 30.54, lng }, capacity: 50,
        hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '08:00', end: '20:00' })),
        contact: { name: '王建国', phone: '13800000001' }, managingOrgId: 'org-community-a',
      })
      if (!r.ok) throw new Error(`create ${name}: ${JSON.stringify(r)}`)
      return r.data.id
    }
    const small = await site('基准测试阵地（10 条记录）', 114.36)
    const large = await site('基准测试阵地（100,000 条记录）', 114.37)

    let started = Date.now()
    await writeRecords(db, small, SMALL, orgs)
    await writeRecords(db, large, LARGE, orgs)
    console.log(`wrote ${SMALL} and ${LARGE.toLocaleString('en')} raw records for ${MONTH} through the SDK in ${((Date.now() - started) / 1000).toFixed(1)} s`)

    const recount = await opsOf(emu, () => call('recount', { month: MONTH }))
    if (!recount.result.ok) throw new Error(`recount: ${JSON.stringify(recount.result)}`)
    console.log(`recount built the figures from them: ${JSON.stringify(recount.result.data)} — ${recount.ops} database operations, ${(recount.ms / 1000).toFixed(1)} s`)

    console.log('\nsite.usage (the admin; the router\'s read of the caller included):')
    const rows = []
    for (const [label, siteId, events] of [['10 events', small, SMALL], ['100,000 events', large, LARGE]]) {
      const u = await opsOf(emu, () => call('usage', { siteId, month: MONTH }))
      if (!u.result.ok) throw new Error(`usage: ${JSON.stringify(u.result)}`)
      const f = u.result.data.items[0]
      rows.push({ page: `one site, ${label}`, events, ops: u.ops, ms: u.ms, visits: f.visits, visitors: f.visitors, bookings: f.bookings, byAction: JSON.stringify(u.byAction) })
    }
    const ranking = await opsOf(emu, () => call('usage', { month: MONTH }))
    rows.push({ page: `ranking of ${ranking.result.data.items.length} sites`, events: SMALL + LARGE, ops: ranking.ops, ms: ranking.ms, visits: ranking.result.data.summary.visits, visitors: '', bookings: ranking.result.data.summary.bookings, byAction: JSON.stringify(ranking.byAction) })
    console.table(rows)
    const worst = Math.max(...rows.map((r) => r.ops))
    console.log(worst <= 3 ? `✓ every usage read cost ≤ 3 database operations (at most ${worst})` : `✗ a usage read cost ${worst} database operations (budget 3)`)
    if (worst > 3) process.exitCode = 1
  } finally {
    await emu.stop()
  }
}

main().catch((err) => { console.error(err); process.exit(1) })

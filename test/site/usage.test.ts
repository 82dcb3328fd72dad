// Usage per site and month: what the figures count (visits, visitors, bookings, hours, utilisation, classes hosted,
// organisations served from outside), idle sites, the ranking, who sees what, the export, what it costs, and the
// recount: after a random stream of events it equals the live figures, and it repairs figures corrupted by hand.
import ExcelJS from 'exceljs'
import { Caller, costOf, fireTimer } from '../helpers/api'
import { at, bookingInput, MONDAY, MONTH, PLACE, SEEDED, useTestbed } from './support'
import { rngOf } from '../../local/seed/history'

const bed = useTestbed()
jest.setTimeout(180_000)

const A = () => bed.demo['demo-secretary']
const B = () => bed.demo['demo-secretary-b']
const admin = () => bed.demo['demo-admin']

/**
 * Open hours of the test site in March 2030: 21 weekdays less the closed Friday the 8th, 6.5 hours each (09:00–12:00,
 * 14:00–17:30), and 5 Saturdays of 3 hours.
 */
const OPEN_HOURS = 20 * 6.5 + 5 * 3

describe('a site\'s figures for the month', () => {
  let siteId: string
  beforeAll(async () => {
    await bed.setClock(at(MONDAY, '10:00'))
    siteId = await bed.site({ name: '使用统计基地' })
    const token = await bed.token(siteId)
    expect((await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-05', start: '09:00', end: '11:00' }))).ok).toBe(true)
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-06', start: '14:00', end: '17:00' }))).ok).toBe(true)
    const dropped = await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-07', start: '09:00', end: '10:00' }))
    await A().call('site', 'cancel', { bookingId: dropped.data.id })
    expect((await bed.demo['demo-member'].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
    expect((await bed.demo['demo-member-b'].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
    // A class held at the site, with one attendee: the classroom counts it into the site's figures once it ends.
    const cls = await A().call('classroom', 'create', {
      title: '阵地上的党课', topic: '在开放式组织生活基地上党课', category: 'theory', lecturer: { name: '周立新' },
      place: { siteId, name: '使用统计基地' }, start: at(MONDAY, '10:30'), end: at(MONDAY, '12:00'), geofence: null,
    })
    expect(cls.ok).toBe(true)
    await bed.setClock(at(MONDAY, '10:35'))
    const code = await A().call('classroom', 'code', { classId: cls.data.id })
    expect((await bed.demo['demo-retired'].call('classroom', 'checkIn', { token: code.data.token })).ok).toBe(true)
    await bed.setClock(at(MONDAY, '12:30'))
    await A().call('classroom', 'coverage', { month: MONTH })
  })

  test('count visits, visitors, standing bookings and their hours, utilisation, classes, organisations from outside', async () => {
    const { result, ops } = await costOf(bed.emu, () => A().call('site', 'usage', { siteId, month: MONTH }))
    expect(ops).toBeLessThanOrEqual(3)
    expect(result.data.items).toEqual([{
      siteId, name: '使用统计基地', type: 'base', managingOrgId: 'org-community-a', managingOrgName: '幸福里社区党委', active: true,
      visits: 2, visitors: 2, bookings: 2, bookedHours: 5, arrivals: 0, openHours: OPEN_HOURS,
      utilisation: Math.round((5 / OPEN_HOURS) * 1000) / 1000, classesHeld: 1, classAttendees: 1,
      orgsServed: 2, outsideOrgs: 1, loans: 0, idle: false, rank: null,
    }])
  })

  test('default to the current Shanghai month', async () => {
    const r = await A().call('site', 'usage', { siteId })
    expect(r.data.month).toBe(MONTH)
    expect(r.data.items[0].visits).toBe(2)
  })

  test('of a month with nothing in it show an idle site', async () => {
    const r = await A().call('site', 'usage', { siteId, month: '2030-02' })
    expect(r.data.items[0]).toMatchObject({ visits: 0, bookings: 0, classesHeld: 0, idle: true })
  })

  test('rank the sites a person manages, idle ones last; the district office sees every site', async () => {
    const { result: all, ops } = await costOf(bed.emu, () => admin().call('site', 'usage', { month: MONTH }))
    expect(ops).toBeLessThanOrEqual(3)
    expect(all.data.items.map((r: any) => r.rank)).toEqual(all.data.items.map((_: any, i: number) => i + 1))
    expect(all.data.items[0]).toMatchObject({ siteId, rank: 1, idle: false })
    const seededIds = Object.values(SEEDED).map((s) => s.id)
    expect(all.data.items.filter((r: any) => seededIds.includes(r.siteId)).every((r: any) => r.idle)).toBe(true)
    expect(all.data.summary).toMatchObject({ sites: 10, idle: 9, visits: 2, bookings: 2, bookedHours: 5, classesHeld: 1, outsideOrgs: 1 })
    const a = await A().call('site', 'usage', { month: MONTH })
    expect(a.data.items.map((r: any) => r.siteId).sort()).toEqual([siteId, SEEDED.books.id, SEEDED.hub.id].sort())
    const b = await B().call('site', 'usage', { month: MONTH })
    expect(b.data.items.map((r: any) => r.siteId)).toEqual([SEEDED.heping.id])
  })

  test('are for the site\'s managers and the district office only', async () => {
    expect((await B().call('site', 'usage', { siteId })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-member'].call('site', 'usage', { siteId })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-pending-a'].call('site', 'usage', {})).code).toBe('NOT_REGISTERED')
    expect((await bed.anonymous.call('site', 'usage', {})).code).toBe('UNAUTHENTICATED')
    expect((await admin().call('site', 'usage', { siteId, month: MONTH })).data.items[0].visits).toBe(2)
    expect((await A().call('site', 'usage', { siteId: 'no-such-site' })).code).toBe('NOT_FOUND')
  })

  test('export to a workbook that reads back', async () => {
    const r = await admin().call('site', 'exportUsage', { month: MONTH })
    expect(r.ok).toBe(true)
    expect(decodeURIComponent(new URL(r.data.url).pathname).split('/').pop()).toBe(`阵地使用-全区-${MONTH}.xlsx`)
    const file = await fetch(r.data.url)
    expect(file.ok).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as any)
    const sheet = book.worksheets[0]
    const rows: string[][] = []
    sheet.eachRow((row) => rows.push((row.values as any[]).slice(1).map((v) => String(v ?? ''))))
    const top = rows.find((row) => row[1] === '使用统计基地')!
    expect(top.slice(0, 10)).toEqual(['1', '使用统计基地', '开放式组织生活基地', '幸福里社区党委', '2', '2', '2', '5', String(OPEN_HOURS), '3.4%'])
    expect(rows.filter((row) => row[14] === '是')).toHaveLength(9)
    expect((await bed.demo['demo-member'].call('site', 'exportUsage', {})).code).toBe('FORBIDDEN')
  })

  test('of a site with no opening hours have no utilisation', async () => {
    const closed = await bed.site({ name: '暂无开放时间的阵地', hours: [] })
    expect((await A().call('site', 'usage', { siteId: closed, month: MONTH })).data.items[0]).toMatchObject({ openHours: 0, utilisation: null, idle: true })
  })
})

describe('the recount', () => {
  const MONTH2 = '2030-04'
  const pad = (n: number) => String(n).padStart(2, '0')

  test('finds the demo district\'s seeded figures right (they are what its records add up to)', async () => {
    const shanghai = new Date(Date.now() + 8 * 3600_000)
    const thisMonth = shanghai.toISOString().slice(0, 7)
    const lastMonth = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
    for (const month of [thisMonth, lastMonth]) {
      expect((await admin().call('site', 'recount', { month })).data).toMatchObject({ month, repaired: 0, slotsFreed: 0 })
    }
    const figures = await bed.db().collection('siteMonths').where({ month: bed.db().command.in([thisMonth, lastMonth]) }).get()
    expect(figures.data.length).toBeGreaterThan(0)
  })

  test('after a random stream of events equals the live figures, and repairs figures corrupted by hand', async () => {
    const rnd = rngOf(20301104)
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]
    await bed.setClock(at('2030-03-31', '09:00'))
    const sites = [
      await bed.site({ name: '随机甲' }),
      await bed.site({ name: '随机乙', closedDates: ['2030-04-10'] }, B()),
      await bed.site({ name: '随机丙', hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '08:00', end: '20:00' })), managingOrgId: 'org-street-donghu' }, admin()),
    ]
    const tokens = [await bed.token(sites[0]), await bed.token(sites[1], B()), await bed.token(sites[2], admin())]
    const managerOf = [A(), B(), admin()]
    const [twoNewSecretary] = await bed.members(1, 'org-twonew-xinghuo', 'secretary')
    const secretaries: Caller[] = [A(), B(), twoNewSecretary]
    const visitors: Caller[] = [
      ...(await bed.members(5, 'org-branch-a1')), ...(await bed.members(5, 'org-branch-b1')),
      ...(await bed.members(3, 'org-twonew-xinghuo')), twoNewSecretary, A(), B(),
    ]
    const standing: Array<{ id: string; by: Caller; site: number; date: string; start: string }> = []
    const tally: Record<string, number> = {}
    const note = (what: string, r: { ok: boolean; code?: string }) => { const k = `${what}:${r.ok ? 'ok' : r.code}`; tally[k] = (tally[k] ?? 0) + 1 }

    for (let day = 1; day <= 26; day++) {
      const date = `${MONTH2}-${pad(day)}`
      type Step = { time: string; run: () => Promise<void> }
      const steps: Step[] = []
      // Bookings for the coming days, and now and then a cancellation or a refusal.
      steps.push({ time: '08:00', run: async () => {
        for (let k = 0; k < 2; k++) {
          const by = pick(secretaries)
          const site = Math.floor(rnd() * sites.length)
          const start = 9 * 60 + Math.floor(rnd() * 12) * 30
          const length = (1 + Math.floor(rnd() * 4)) * 30
          const bookDate = `${MONTH2}-${pad(Math.min(30, day + 1 + Math.floor(rnd() * 5)))}`
          const clock = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`
          const r = await by.call('site', 'book', bookingInput(sites[site], { date: bookDate, start: clock(start), end: clock(start + length), headcount: 5 }))
          note('book', r)
          if (r.ok) standing.push({ id: r.data.id, by, site, date: bookDate, start: clock(start) })
        }
        if (standing.length && rnd() < 0.4) {
          const i = Math.floor(rnd() * standing.length)
          const b = standing[i]
          const r = rnd() < 0.5
            ? await b.by.call('site', 'cancel', { bookingId: b.id })
            : await managerOf[b.site].call('site', 'decide', { bookingId: b.id, decision: 'decline', reason: '场地另有安排' })
          note('withdraw', r)
          if (r.ok) standing.splice(i, 1)
        }
      } })
      // Bookers arriving for today's bookings (most of them).
      for (const b of standing.filter((x) => x.date === date)) {
        if (rnd() < 0.7) {
          const [h, m] = b.start.split(':').map(Number)
          const t = h * 60 + m - 10
          steps.push({ time: `${pad(Math.floor(t / 60))}:${pad(t % 60)}`, run: async () => note('arrive', await b.by.call('site', 'visit', { token: tokens[b.site], location: PLACE })) })
        }
      }
      // Visitors through the day, some twice.
      for (let k = 0; k < 5; k++) {
        const who = pick(visitors)
        const site = Math.floor(rnd() * sites.length)
        const time = `${pad(9 + Math.floor(rnd() * 8))}:${pick(['05', '20', '40'])}`
        steps.push({ time, run: async () => note('visit', await who.call('site', 'visit', { token: tokens[site], location: PLACE })) })
      }
      steps.sort((x, y) => x.time.localeCompare(y.time))
      for (const s of steps) {
        await bed.setClock(at(date, s.time))
        await s.run()
      }
    }
    // The stream exercised every path.
    for (const k of ['book:ok', 'book:CONFLICT', 'withdraw:ok', 'arrive:ok', 'visit:ok', 'visit:ALREADY_DONE', 'visit:NOT_OPEN']) {
      expect([k, tally[k] > 0]).toEqual([k, true])
    }

    const figures = async () => (await admin().call('site', 'usage', { month: MONTH2 })).data
    const live = await figures()
    const mine = live.items.filter((r: any) => sites.includes(r.siteId))
    expect(mine.reduce((n: number, r: any) => n + r.visits, 0)).toBe(
      (await bed.db().collection('siteVisits').where({ month: MONTH2 }).count()).total)
    expect(mine.some((r: any) => r.arrivals > 0 && r.outsideOrgs > 0)).toBe(true)

    expect((await A().call('site', 'recount', { month: MONTH2 })).code).toBe('FORBIDDEN')
    const clean = await admin().call('site', 'recount', { month: MONTH2 })
    expect(clean.data).toMatchObject({ month: MONTH2, repaired: 0, slotsFreed: 0 })
    expect(await figures()).toEqual(live)

    // Corrupt two figures, drop a third site's document, and leave a slot held by no booking.
    const db = bed.db()
    await db.collection('siteMonths').doc(`${sites[0]}_${MONTH2}`).update({ visits: 999, outsideOrgs: 0 })
    await db.collection('siteMonths').doc(`${sites[1]}_${MONTH2}`).remove()
    await db.collection('siteSlots').add({ _id: `${sites[2]}_2030-04-29_0800`, siteId: sites[2], date: '2030-04-29', month: MONTH2, startMin: 480, bookingId: 'bGhost', createdAt: new Date('2030-04-01T00:00:00Z') })
    expect(await figures()).not.toEqual(live)
    const repair = await admin().call('site', 'recount', { month: MONTH2 })
    expect(repair.data).toMatchObject({ repaired: 2, slotsFreed: 1 })
    expect(await figures()).toEqual(live)
    expect((await admin().call('site', 'recount', { month: MONTH2 })).data).toMatchObject({ repaired: 0, slotsFreed: 0 })
  })

  test('runs on the daily timer for this month and the last', async () => {
    await bed.setClock(at('2030-04-02', '03:00'))
    const r = await fireTimer(bed.emu, 'site', 'recount')
    expect(r.ok).toBe(true)
    expect(Object.keys(r.data as object).sort()).toEqual(['2030-03', '2030-04'])
    expect((r.data as any)['2030-03'].repaired).toBe(0)
  })
})

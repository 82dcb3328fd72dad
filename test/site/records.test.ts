// Honest records (issue 9): a function killed between the steps of a visit, a booking or a cancellation leaves
// figures that the recount sets back to what the records say (counted here straight from the records); two recounts
// at once agree, where adding "want − have" differences twice over-corrected.
import { costOf, crashAfter } from '../helpers/api'
import { at, bookingInput, MONDAY, MONTH, PLACE, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const admin = () => bed.demo['demo-admin']
const recount = () => admin().call('site', 'recount', { month: MONTH })

/** A site's figures for the month as its records add them up, counted without the function's code. */
async function recordsSay(siteId: string) {
  const db = bed.db()
  const site = await bed.stored('sites', siteId)
  const { data: visits } = await db.collection('siteVisits').where({ siteId, month: MONTH }).limit(1000).get()
  const { data: bookings } = await db.collection('siteBookings').where({ siteId, month: MONTH, status: 'booked' }).limit(1000).get()
  const arrived = bookings.filter((b: any) => b.arrived)
  const served = new Map<string, string[]>([...visits, ...arrived].map((r: any) => [r.orgId, r.orgPath]))
  return {
    visits: visits.length,
    visitors: new Set(visits.map((v: any) => v.openid)).size,
    bookings: bookings.length,
    bookedHours: bookings.reduce((n: number, b: any) => n + b.hours, 0),
    arrivals: arrived.length,
    orgsServed: served.size,
    outsideOrgs: [...served.values()].filter((path) => !path.includes(site.managingOrgId)).length,
  }
}

/** The site's pre-counted figures for the month (zeros before its first event). */
async function figuresSay(siteId: string) {
  const f = await bed.stored('siteMonths', `${siteId}_${MONTH}`)
  const keys = ['visits', 'visitors', 'bookings', 'bookedHours', 'arrivals', 'orgsServed', 'outsideOrgs'] as const
  return Object.fromEntries(keys.map((k) => [k, f?.[k] ?? 0]))
}

/** The recount sets the figures to the records; run again, it finds nothing to repair. */
async function expectRepaired(siteId: string) {
  expect((await recount()).ok).toBe(true)
  expect(await figuresSay(siteId)).toEqual(await recordsSay(siteId))
  expect((await recount()).data).toMatchObject({ repaired: 0 })
}

test('visits cut short after any of their steps: the recount sets the figures to the records', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const siteId = await bed.site({ name: '断电签到基地' })
  const token = await bed.token(siteId)
  const people = [...await bed.members(9, 'org-branch-a1'), ...await bed.members(8, 'org-branch-b1')]
  // The first visit of the month also creates the figures document; the cost measured is any later one's.
  expect((await people[0].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
  const whole = await costOf(bed.emu, () => people[1].call('site', 'visit', { token, location: PLACE }))
  expect(whole.result.ok).toBe(true)
  expect(whole.ops).toBeLessThanOrEqual(8)
  // Members of a community inside the managing organisation and of one outside it, each killed after n operations.
  for (const first of [2, 9]) {
    for (let n = 1; n < whole.ops; n++) {
      await crashAfter(bed.emu, 'site', n)
      const r = await people[first + n - 1].call('site', 'visit', { token, location: PLACE })
      expect(r).toMatchObject({ ok: false, code: 'INTERNAL' })
    }
  }
  expect(await figuresSay(siteId)).not.toEqual(await recordsSay(siteId))
  await expectRepaired(siteId)
})

test('bookings and cancellations cut short: the recount sets the figures and frees the slots nobody holds', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const siteId = await bed.site({ name: '断电预约基地' })
  const secretary = bed.demo['demo-secretary']
  // The i-th working day from 11 March, 14:00–15:30.
  const days = [11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 25, 26, 27, 28, 29]
  const slot = (i: number) => bookingInput(siteId, { date: `2030-03-${days[i]}`, start: '14:00', end: '15:30' })
  // The first booking of the month also creates the figures document; the cost measured is any later one's.
  expect((await secretary.call('site', 'book', slot(0))).ok).toBe(true)
  const whole = await costOf(bed.emu, () => secretary.call('site', 'book', slot(1)))
  expect(whole.result.ok).toBe(true)
  for (let n = 1; n < whole.ops; n++) {
    await crashAfter(bed.emu, 'site', n)
    expect(await secretary.call('site', 'book', slot(1 + n))).toMatchObject({ ok: false, code: 'INTERNAL' })
  }
  const standing = await secretary.call('site', 'book', slot(days.length - 1))
  const cancelling = await costOf(bed.emu, () => secretary.call('site', 'cancel', { bookingId: whole.result.data.id }))
  expect(cancelling.result.ok).toBe(true)
  await crashAfter(bed.emu, 'site', cancelling.ops - 1)
  expect(await secretary.call('site', 'cancel', { bookingId: standing.data.id })).toMatchObject({ ok: false, code: 'INTERNAL' })

  // Slots younger than a few minutes may belong to a booking still being written: the recount frees them later.
  await bed.setClock(at(MONDAY, '10:10'))
  await expectRepaired(siteId)
  const { data: slots } = await bed.db().collection('siteSlots').where({ siteId }).limit(100).get()
  const { data: held } = await bed.db().collection('siteBookings').where({ siteId, status: 'booked' }).limit(100).get()
  expect(new Set(slots.map((s: any) => s.bookingId))).toEqual(new Set(held.map((b: any) => b._id)))
  // A slot a crash left behind without its booking is free again; one whose booking was written stays taken.
  const bookedOn = new Set(held.map((b: any) => b.date))
  const crashed = Array.from({ length: whole.ops - 1 }, (_, i) => slot(2 + i).date)
  // Both happened: cut short before its booking was written, and after.
  expect(crashed.some((d) => bookedOn.has(d)) && crashed.some((d) => !bookedOn.has(d))).toBe(true)
  for (let n = 1; n < whole.ops; n++) {
    const again = await secretary.call('site', 'book', slot(1 + n))
    expect([n, again.ok ? 'ok' : again.code]).toEqual([n, bookedOn.has(slot(1 + n).date) ? 'CONFLICT' : 'ok'])
  }
  expect(await figuresSay(siteId)).toEqual(await recordsSay(siteId))
})

test('two recounts at once set the same figures, and a third finds nothing to repair', async () => {
  await bed.setClock(at(MONDAY, '11:00'))
  const siteId = await bed.site({ name: '重算基地' })
  const token = await bed.token(siteId)
  for (const who of ['demo-member', 'demo-member-b', 'demo-retired'] as const) {
    expect((await bed.demo[who].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
  }
  expect((await bed.demo['demo-secretary-b'].call('site', 'book', bookingInput(siteId, { date: '2030-03-20' }))).ok).toBe(true)
  const right = await recordsSay(siteId)
  expect(await figuresSay(siteId)).toEqual(right)
  // Drift both ways, as a crash might leave it.
  await bed.db().collection('siteMonths').doc(`${siteId}_${MONTH}`).update({ visits: 999, visitors: 0, bookedHours: 7 })
  const both = await Promise.all([recount(), recount(), recount()])
  expect(both.map((r) => r.ok)).toEqual([true, true, true])
  expect(await figuresSay(siteId)).toEqual(right)
  expect((await recount()).data).toMatchObject({ repaired: 0 })
})

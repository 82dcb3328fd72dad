// Requests that arrive together: 20 secretaries booking overlapping slots of one site at the same instant → exactly
// one booking, holding exactly its own slots; people scanning the site's code several times at once → one visit
// each, and figures that count every person and organisation once.
import type { ApiAnswer } from '../helpers/api'
import { at, MONDAY, MONTH, PLACE, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(120_000)

test('20 concurrent requests for overlapping slots → exactly one booked, the rest CONFLICT, no stray slot', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const siteId = await bed.site({ name: '并发预约基地' })
  const secretaries = await bed.members(20, 'org-twonew-xinghuo', 'secretary')
  // Every window covers 10:30–11:00, so each pair overlaps; they differ in where they start and end.
  const starts = ['09:00', '09:30', '10:00', '10:30']
  const ends = ['11:00', '11:30', '12:00']
  const answers: ApiAnswer[] = await Promise.all(secretaries.map((s, i) => s.call('site', 'book', {
    siteId, date: '2030-03-05', start: starts[i % starts.length], end: ends[i % ends.length], headcount: 10, purpose: `活动${i}`,
  })))
  const won = answers.filter((a) => a.ok)
  expect(won).toHaveLength(1)
  expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(Array(19).fill('CONFLICT'))

  const booking = await bed.stored('siteBookings', won[0].data.id)
  const { data: slots } = await bed.db().collection('siteSlots').where({ siteId }).limit(100).get()
  expect(slots.length).toBe((booking.endMin - booking.startMin) / 30)
  expect(new Set(slots.map((s: any) => s.bookingId))).toEqual(new Set([booking._id]))
  const { data: bookings } = await bed.db().collection('siteBookings').where({ siteId }).get()
  expect(bookings).toHaveLength(1)
  const usage = await bed.demo['demo-secretary'].call('site', 'usage', { siteId, month: MONTH })
  expect(usage.data.items[0]).toMatchObject({ bookings: 1, bookedHours: booking.hours })
})

test('30 people × 3 concurrent scans → 30 visits, 30 visitors, 2 organisations, each counted once', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const siteId = await bed.site({ name: '并发签到基地' })
  const token = (await bed.demo['demo-secretary'].call('site', 'get', { id: siteId })).data.checkIn.token
  const people = [...(await bed.members(15, 'org-branch-a1')), ...(await bed.members(15, 'org-branch-b1'))]
  const answers = await Promise.all(people.flatMap((p) => [0, 1, 2].map(() => p.call('site', 'visit', { token, location: PLACE }))))
  const byCode = answers.reduce<Record<string, number>>((acc, a) => {
    const k = a.ok ? 'ok' : a.code!
    acc[k] = (acc[k] ?? 0) + 1
    return acc
  }, {})
  expect(byCode).toEqual({ ok: 30, ALREADY_DONE: 60 })
  const usage = await bed.demo['demo-secretary'].call('site', 'usage', { siteId, month: MONTH })
  expect(usage.data.items[0]).toMatchObject({ visits: 30, visitors: 30, orgsServed: 2, outsideOrgs: 1 })
  const { total } = await bed.db().collection('siteVisits').where({ siteId }).count()
  expect(total).toBe(30)
})

// Honest records (issue 9): every change a secretary or the district office makes to a site or a booking is audited
// in the same transaction as the change; a booking decision or a booking killed after any of its steps leaves the
// change with its entry, or neither.
import { siteActions } from '../../cloudfunctions/site/actions'
import { crashEverywhere, runAuditTable } from '../helpers/auditTable'
import { bookingInput, siteInput, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const A = () => bed.demo['demo-secretary']
const B = () => bed.demo['demo-secretary-b']

/** A booking of community B at a fresh site of community A (the manager's to decide). */
async function bookedByB(siteId?: string, date = '2030-03-05') {
  const r = await B().call('site', 'book', bookingInput(siteId ?? await bed.site(), { date }))
  expect(r.ok).toBe(true)
  return r.data.id as string
}

runAuditTable({
  bed,
  fn: 'site',
  actions: siteActions,
  cases: {
    create: {
      by: A,
      input: async () => siteInput({ name: '审计测试基地' }),
      action: 'site.create',
      targetType: 'site',
      targetId: (_input, answer) => answer.data.id,
    },
    update: {
      by: A,
      input: async () => ({ id: await bed.site(), capacity: 50 }),
      action: 'site.update',
      targetType: 'site',
      targetId: (input) => input.id,
    },
    book: {
      by: B,
      input: async () => bookingInput(await bed.site()),
      action: 'site.book',
      targetType: 'booking',
      targetId: (_input, answer) => answer.data.id,
    },
    cancel: {
      by: A,
      input: async () => ({ bookingId: (await A().call('site', 'book', bookingInput(await bed.site()))).data.id, reason: '活动改期' }),
      action: 'site.cancel',
      targetType: 'booking',
      targetId: (input) => input.bookingId,
    },
    decide: {
      by: A,
      input: async () => ({ bookingId: await bookedByB(), decision: 'confirm' }),
      action: 'site.confirm',
      targetType: 'booking',
      targetId: (input) => input.bookingId,
    },
  },
  notAudited: {
    usage: 'reads the pre-counted usage figures and ranking; writes nothing',
    exportUsage: 'writes the ranking to a download file; changes no record',
    uploadPhoto: 'hands out a one-time upload address; the photo joins a site only through create or update, which are audited',
    recount: 'sets the monthly figures to what the records say (the timer runs the same); changes no record',
  },
})

test("a new printed code is its own entry, and a booking decision is in its site's history too", async () => {
  const siteId = await bed.site()
  expect((await A().call('site', 'update', { id: siteId, renewCode: true })).ok).toBe(true)
  const bookingId = await bookedByB(siteId)
  expect((await A().call('site', 'decide', { bookingId, decision: 'decline', reason: '场地维修' })).ok).toBe(true)
  const { data } = await bed.db().collection('audit').where({ subjects: `site:${siteId}` }).orderBy('at', 'asc').get()
  expect(data.map((e: any) => e.action)).toEqual(['site.create', 'site.renewCode', 'site.book', 'site.decline'])
})

describe('a function killed after any of its steps', () => {
  // Working days after MONDAY, one booking each.
  const days = ['05', '06', '07', '11', '12', '13', '14', '15', '18', '19', '20', '21', '22', '25', '26']
  const entries = (action: string) => async (bookingId: string) =>
    (await bed.db().collection('audit').where({ targetId: bookingId, action }).get()).data

  test('declining a booking: declined with its audit entry, or neither', async () => {
    const siteId = await bed.site({ name: '断电婉拒基地' })
    let i = 0
    const outcome = await crashEverywhere({
      bed,
      fn: 'site',
      name: 'decide',
      prepare: () => bookedByB(siteId, `2030-03-${days[i++]}`),
      act: (bookingId) => A().call('site', 'decide', { bookingId, decision: 'decline', reason: '场地维修' }),
      changed: async (id) => (await bed.stored('siteBookings', id)).status === 'declined',
      entries: entries('site.decline'),
    })
    // After the commit the slots, figures and the booker's message are still to come.
    expect(outcome.kept).toBeGreaterThan(0)
    expect(outcome.lost).toBeGreaterThan(0)
  })

  test('booking: the booking is written with its audit entry, or neither', async () => {
    const siteId = await bed.site({ name: '断电预约审计基地' })
    // The first booking of the month also creates the figures document; the cost measured is any later one's.
    expect((await B().call('site', 'book', bookingInput(siteId, { date: `2030-03-${days[0]}` }))).ok).toBe(true)
    let i = 1
    const bookingOn = async (date: string) =>
      (await bed.db().collection('siteBookings').where({ siteId, date }).get()).data[0]
    await crashEverywhere({
      bed,
      fn: 'site',
      name: 'book',
      prepare: async () => `2030-03-${days[i++]}`,
      act: (date) => B().call('site', 'book', bookingInput(siteId, { date })),
      changed: async (date) => !!(await bookingOn(date)),
      entries: async (date) => {
        const b = await bookingOn(date)
        return b ? entries('site.book')(b._id) : (await bed.db().collection('audit').where({ subjects: `site:${siteId}`, 'detail.date': date }).get()).data
      },
    })
  })
})

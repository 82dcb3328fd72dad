// Booking a slot: inside the opening hours, not on a closed date, not in the past nor too far ahead, within capacity;
// an overlap is refused and leaves nothing behind; cancelling and declining free the slots; who may do what.
import { at, bookingInput, MONDAY, useTestbed } from './support'

const bed = useTestbed()

let siteId: string
beforeAll(async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  siteId = await bed.site({ name: '预约测试基地' })
})

const slotsOn = async (date: string) =>
  (await bed.db().collection('siteSlots').where({ siteId, date }).get()).data.map((s: any) => [s._id.slice(siteId.length + 1), s.bookingId]).sort()

const A = () => bed.demo['demo-secretary']
const B = () => bed.demo['demo-secretary-b']

describe('a booking', () => {
  test('holds one slot document per half hour, and shows on the site calendar', async () => {
    const r = await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-05', start: '09:00', end: '10:30' }))
    expect(r.ok).toBe(true)
    expect(await slotsOn('2030-03-05')).toEqual([
      ['2030-03-05_0900', r.data.id], ['2030-03-05_0930', r.data.id], ['2030-03-05_1000', r.data.id],
    ])
    const cal = await bed.demo['demo-member'].call('site', 'bookings', { siteId, from: '2030-03-05', to: '2030-03-05' })
    expect(cal.data.items).toHaveLength(1)
    expect(cal.data.items[0]).toMatchObject({
      id: r.data.id, date: '2030-03-05', start: '09:00', end: '10:30', hours: 1.5, headcount: 20, status: 'booked',
      orgName: '幸福里社区党委', confirmed: false, arrived: false, canCancel: false, canDecide: false,
    })
    // A member sees when the site is busy, not who booked it.
    expect(cal.data.items[0].bookedByName).toBeUndefined()
  })

  test('that overlaps another is CONFLICT and leaves no slot behind; one that touches it is fine', async () => {
    const clash = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-05', start: '10:00', end: '11:00' }))
    expect(clash).toMatchObject({ ok: false, code: 'CONFLICT', fields: [{ field: 'start' }] })
    expect(clash.message).toContain('3月5日 周二 10:00–11:00')
    expect(await slotsOn('2030-03-05')).toHaveLength(3)
    // Another community books community A's site: the open sharing the district wants.
    const next = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-05', start: '10:30', end: '12:00' }))
    expect(next.ok).toBe(true)
    expect(await slotsOn('2030-03-05')).toHaveLength(6)
  })

  test('must lie inside the opening hours of its day', async () => {
    for (const [date, start, end] of [
      ['2030-03-05', '11:30', '12:30'], // past closing
      ['2030-03-05', '12:00', '14:00'], // the lunch break
      ['2030-03-05', '08:30', '09:30'], // before opening
      ['2030-03-09', '11:00', '13:00'], // Saturday closes at 12:00
      ['2030-03-10', '09:00', '10:00'], // closed on Sundays
    ]) {
      const r = await A().call('site', 'book', bookingInput(siteId, { date, start, end }))
      expect([date, start, r.code, r.fields?.[0]?.field]).toEqual([date, start, 'NOT_OPEN', 'start'])
    }
    const sat = await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-09', start: '11:00', end: '13:00' }))
    expect(sat.message).toBe('预约测试基地3月9日 周六的开放时间是 09:00–12:00，请在开放时间内预约')
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-09', start: '09:00', end: '12:00' }))).ok).toBe(true)
  })

  test('is refused on a closed date', async () => {
    const r = await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-08', start: '09:00', end: '10:00' }))
    expect(r).toMatchObject({ code: 'NOT_OPEN', fields: [{ field: 'date' }], message: '预约测试基地3月8日 周五闭馆，请选择其他日期' })
  })

  test('is refused for more people than the site holds', async () => {
    const over = await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-06', headcount: 31 }))
    expect(over).toMatchObject({ code: 'OUT_OF_RANGE', fields: [{ field: 'headcount' }], message: '预约测试基地最多容纳 30 人' })
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-06', headcount: 30 }))).ok).toBe(true)
  })

  test('cannot start in the past or more than 60 days ahead', async () => {
    // The clock reads Monday 10:00.
    const past = await A().call('site', 'book', bookingInput(siteId, { date: MONDAY, start: '09:30', end: '11:00' }))
    expect(past).toMatchObject({ code: 'OUT_OF_RANGE', fields: [{ field: 'start' }] })
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-01', start: '09:00', end: '10:00' }))).code).toBe('OUT_OF_RANGE')
    expect((await A().call('site', 'book', bookingInput(siteId, { date: MONDAY, start: '10:30', end: '11:00' }))).ok).toBe(true)
    const far = await A().call('site', 'book', bookingInput(siteId, { date: '2030-05-06', start: '09:00', end: '10:00' }))
    expect(far).toMatchObject({ code: 'OUT_OF_RANGE', fields: [{ field: 'date' }] })
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-05-03', start: '09:00', end: '10:00' }))).ok).toBe(true)
  })

  test('is made by secretaries for an organisation they manage; not by members, nor for another community', async () => {
    const input = bookingInput(siteId, { date: '2030-03-07', start: '15:00', end: '16:00' })
    expect((await bed.demo['demo-member'].call('site', 'book', input)).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-pending-a'].call('site', 'book', input)).code).toBe('NOT_REGISTERED')
    expect((await bed.demo['demo-rejected'].call('site', 'book', input)).code).toBe('NOT_REGISTERED')
    expect((await bed.anonymous.call('site', 'book', input)).code).toBe('UNAUTHENTICATED')
    expect((await B().call('site', 'book', { ...input, orgId: 'org-community-a' })).code).toBe('FORBIDDEN')
    const branch = await A().call('site', 'book', { ...input, orgId: 'org-branch-a2' })
    expect(branch.ok).toBe(true)
    const mine = await A().call('site', 'bookings', {})
    expect(mine.data.items.find((b: any) => b.id === branch.data.id)).toMatchObject({
      orgId: 'org-branch-a2', orgName: '幸福里社区离退休党支部', bookedByName: '李芳', canCancel: true,
    })
    expect((await bed.demo['demo-admin'].call('site', 'book', bookingInput(siteId, { date: '2030-03-07', start: '16:00', end: '17:00' }))).ok).toBe(true)
  })

  test('of a site that does not exist, or has closed down, is refused', async () => {
    expect((await A().call('site', 'book', bookingInput('no-such-site'))).code).toBe('NOT_FOUND')
    const closed = await bed.site({ name: '已停用的阵地' })
    await A().call('site', 'update', { id: closed, active: false })
    expect((await A().call('site', 'book', bookingInput(closed))).code).toBe('NOT_OPEN')
  })
})

describe('cancelling and declining', () => {
  test('the booker cancels: the slots are free again for anyone', async () => {
    const b = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-12', start: '14:00', end: '15:00' }))
    expect(await slotsOn('2030-03-12')).toHaveLength(2)
    // Community A's secretary manages the site, not community B's bookings: they decline, they do not cancel.
    expect((await A().call('site', 'cancel', { bookingId: b.data.id })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-member-b'].call('site', 'cancel', { bookingId: b.data.id })).code).toBe('FORBIDDEN')
    expect(await B().call('site', 'cancel', { bookingId: b.data.id, reason: '活动改期' })).toEqual({ ok: true, data: { id: b.data.id, status: 'cancelled' } })
    expect(await slotsOn('2030-03-12')).toEqual([])
    expect((await B().call('site', 'cancel', { bookingId: b.data.id })).code).toBe('ALREADY_DONE')
    expect((await A().call('site', 'book', bookingInput(siteId, { date: '2030-03-12', start: '14:00', end: '15:00' }))).ok).toBe(true)
  })

  test('the manager declines with a reason: the booker is told, the slots are freed, the audit log keeps it', async () => {
    const b = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-13', start: '09:00', end: '10:00', purpose: '党员冬训' }))
    expect((await B().call('site', 'decide', { bookingId: b.data.id, decision: 'decline', reason: '不行' })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-member'].call('site', 'decide', { bookingId: b.data.id, decision: 'decline', reason: '不行' })).code).toBe('FORBIDDEN')
    const r = await A().call('site', 'decide', { bookingId: b.data.id, decision: 'decline', reason: '当天场地维修' })
    expect(r).toEqual({ ok: true, data: { id: b.data.id, status: 'declined', confirmed: false } })
    expect(await slotsOn('2030-03-13')).toEqual([])
    const { data: told } = await bed.db().collection('messages').where({ openid: 'demo-secretary-b', bookingId: b.data.id }).get()
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ title: '您的阵地预约未能安排', read: false })
    expect(told[0].body).toContain('当天场地维修')
    const { data: audit } = await bed.db().collection('audit').where({ targetId: b.data.id, action: 'site.decline' }).get()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'demo-secretary', action: 'site.decline', reason: '当天场地维修' })
    expect((await A().call('site', 'decide', { bookingId: b.data.id, decision: 'decline', reason: '再说一次' })).code).toBe('ALREADY_DONE')
    expect((await B().call('site', 'cancel', { bookingId: b.data.id })).code).toBe('ALREADY_DONE')
    const mine = await B().call('site', 'bookings', {})
    expect(mine.data.items.find((x: any) => x.id === b.data.id)).toMatchObject({ status: 'declined', reason: '当天场地维修', canCancel: false })
  })

  test('the manager confirms; the booker is told, and it still stands', async () => {
    const b = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-14', start: '09:00', end: '10:00' }))
    const r = await A().call('site', 'decide', { bookingId: b.data.id, decision: 'confirm' })
    expect(r).toEqual({ ok: true, data: { id: b.data.id, status: 'booked', confirmed: true } })
    expect((await A().call('site', 'decide', { bookingId: b.data.id, decision: 'confirm' })).data.confirmed).toBe(true)
    const { data: told } = await bed.db().collection('messages').where({ openid: 'demo-secretary-b', bookingId: b.data.id }).get()
    expect(told.map((m: any) => m.title)).toEqual(['您的阵地预约已确认'])
    expect(await slotsOn('2030-03-14')).toHaveLength(2)
  })

  test('is no longer possible once the booking has begun', async () => {
    const b = await B().call('site', 'book', bookingInput(siteId, { date: '2030-03-15', start: '09:00', end: '10:00' }))
    await bed.setClock(at('2030-03-15', '09:05'))
    try {
      expect((await B().call('site', 'cancel', { bookingId: b.data.id })).code).toBe('OUT_OF_RANGE')
      expect((await A().call('site', 'decide', { bookingId: b.data.id, decision: 'decline', reason: '太晚了' })).code).toBe('OUT_OF_RANGE')
    } finally {
      await bed.setClock(at(MONDAY, '10:00'))
    }
  })

  test('of a booking that does not exist is NOT_FOUND', async () => {
    expect((await B().call('site', 'cancel', { bookingId: 'bNoSuchBooking' })).code).toBe('NOT_FOUND')
    expect((await A().call('site', 'decide', { bookingId: 'bNoSuchBooking', decision: 'confirm' })).code).toBe('NOT_FOUND')
  })
})

describe('the calendar', () => {
  test('shows its managers every booking with who made it; others the standing ones only', async () => {
    const manager = await A().call('site', 'bookings', { siteId, from: '2030-03-12', to: '2030-03-14' })
    expect(manager.data.canManage).toBe(true)
    const statuses = manager.data.items.map((b: any) => `${b.date} ${b.start} ${b.status}`)
    expect([...statuses].sort()).toEqual([
      '2030-03-12 14:00 booked', '2030-03-12 14:00 cancelled', '2030-03-13 09:00 declined', '2030-03-14 09:00 booked',
    ])
    expect(manager.data.items.map((b: any) => b.date)).toEqual(['2030-03-12', '2030-03-12', '2030-03-13', '2030-03-14'])
    expect(manager.data.items.every((b: any) => b.bookedByName)).toBe(true)
    const other = await B().call('site', 'bookings', { siteId, from: '2030-03-12', to: '2030-03-14' })
    expect(other.data.canManage).toBe(false)
    expect(other.data.items.map((b: any) => b.status)).toEqual(['booked', 'booked'])
    // B sees their own booking's details, not A's.
    const own = other.data.items.find((b: any) => b.orgId === 'org-community-b')
    expect(own).toMatchObject({ bookedByName: '赵强', bookedByPhone: '13800000003', canCancel: true })
    expect(other.data.items.find((b: any) => b.orgId === 'org-community-a').bookedByName).toBeUndefined()
  })

  test('reads at most 62 days at once, and defaults to the coming two weeks', async () => {
    expect((await A().call('site', 'bookings', { siteId, from: '2030-03-01', to: '2030-05-02' })).fields).toEqual([{ field: 'to', message: '一次最多查看 62 天' }])
    const twoWeeks = await A().call('site', 'bookings', { siteId })
    expect(twoWeeks.data.items.every((b: any) => b.date >= MONDAY && b.date <= '2030-03-17')).toBe(true)
    expect(twoWeeks.data.items.length).toBeGreaterThan(5)
  })
})

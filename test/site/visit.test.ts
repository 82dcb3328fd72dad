// Checking in with a site's printed code: once per person per site per Asia/Shanghai day, during opening hours (from
// half an hour before), with the phone's location near the site; the booker's scan confirms their booking.
import { signCheckInTokenWith } from '../../cloudfunctions/common/checkInToken'
import { northOf } from '../helpers/bed'
import { at, bookingInput, MONDAY, MONTH, PLACE, SEEDED, standingAt, useTestbed } from './support'

const bed = useTestbed()
let siteId: string
let token: string
beforeAll(async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  siteId = await bed.site({ name: '签到测试基地', location: PLACE })
  token = await bed.token(siteId)
})

const usage = async () => (await bed.demo['demo-secretary'].call('site', 'usage', { siteId, month: MONTH })).data.items[0]

test('a member checks in once a day; a second scan the same day is ALREADY_DONE', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const first = await bed.demo['demo-member'].call('site', 'visit', { token, location: PLACE })
  expect(first).toMatchObject({ ok: true, data: { siteId, name: '签到测试基地', firstThisMonth: true } })
  expect(Math.abs(Date.parse(first.data.at) - Date.parse(at(MONDAY, '10:00')))).toBeLessThan(5000)
  await bed.setClock(at(MONDAY, '17:29'))
  const again = await bed.demo['demo-member'].call('site', 'visit', { token, location: PLACE })
  expect(again).toMatchObject({ ok: false, code: 'ALREADY_DONE', message: '您今天已经在签到测试基地签到过了，明天再来吧' })
  expect(again.data.at).toBe(first.data.at) // any phone can say when the first scan was
  const stored = await bed.stored('siteVisits', `${siteId}_${MONDAY}_demo-member`)
  expect(stored).toMatchObject({ siteId, date: MONDAY, month: MONTH, openid: 'demo-member', orgId: 'org-branch-a1' })
  expect(await usage()).toMatchObject({ visits: 1, visitors: 1, orgsServed: 1, outsideOrgs: 0 })
})

test('a day is Shanghai\'s: 00:10 on Tuesday is a new day, though it is still Monday in UTC', async () => {
  const books = await bed.token(SEEDED.books.id) // open day and night
  const [night] = await bed.members(1, 'org-branch-a1')
  await bed.setClock(at(MONDAY, '23:50'))
  expect((await night.call('site', 'visit', { token: books, location: standingAt(SEEDED.books) })).ok).toBe(true)
  await bed.setClock(at('2030-03-05', '00:10'))
  expect((await night.call('site', 'visit', { token: books, location: standingAt(SEEDED.books) })).ok).toBe(true)
  await bed.setClock(at('2030-03-05', '07:55')) // 23:55 on Monday in UTC
  expect((await night.call('site', 'visit', { token: books, location: standingAt(SEEDED.books) })).code).toBe('ALREADY_DONE')
  const { data } = await bed.db().collection('siteVisits').where({ openid: night.openid }).get()
  expect(data.map((v: any) => v.date).sort()).toEqual([MONDAY, '2030-03-05'])
})

test('the next day is a new visit by the same visitor', async () => {
  await bed.setClock(at('2030-03-05', '08:40'))
  const next = await bed.demo['demo-member'].call('site', 'visit', { token, location: PLACE })
  expect(next.ok).toBe(true)
  expect(next.data.firstThisMonth).toBe(false)
  expect(await bed.stored('siteVisits', `${siteId}_2030-03-05_demo-member`)).toBeTruthy()
  expect(await usage()).toMatchObject({ visits: 2, visitors: 1 })
})

test('a member of another community counts as an organisation served from outside', async () => {
  await bed.setClock(at('2030-03-05', '09:30'))
  expect((await bed.demo['demo-member-b'].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
  expect((await bed.demo['demo-retired'].call('site', 'visit', { token, location: PLACE })).ok).toBe(true)
  // 张明 (branch a1), 刘洋 (branch b1, outside community A), 陈秀英 (branch a2).
  expect(await usage()).toMatchObject({ visits: 4, visitors: 3, orgsServed: 3, outsideOrgs: 1 })
})

test('is taken from half an hour before opening until closing, not in the lunch break nor on a closed date', async () => {
  const cases: Array<[string, string]> = [
    [at('2030-03-06', '08:20'), 'NOT_OPEN'],
    [at('2030-03-06', '08:30'), 'ok'],
    [at('2030-03-06', '12:10'), 'NOT_OPEN'],
    [at('2030-03-06', '13:30'), 'ok'],
    [at('2030-03-06', '17:30'), 'NOT_OPEN'],
    [at('2030-03-08', '10:00'), 'NOT_OPEN'], // the closed date
    [at('2030-03-10', '10:00'), 'NOT_OPEN'], // Sunday
  ]
  const people = await bed.members(cases.length, 'org-branch-a1')
  for (let i = 0; i < cases.length; i++) {
    await bed.setClock(cases[i][0])
    const r = await people[i].call('site', 'visit', { token, location: PLACE })
    expect([cases[i][0], r.ok ? 'ok' : r.code]).toEqual(cases[i])
  }
  await bed.setClock(at('2030-03-06', '12:10'))
  expect((await people[0].call('site', 'visit', { token, location: PLACE })).message).toBe('签到测试基地现在不开放（今日09:00–12:00、14:00–17:30），请在开放时间内签到')
})

test('a scan without a location is refused, saying why, and counts nothing', async () => {
  await bed.setClock(at('2030-03-07', '10:00'))
  const [relayed] = await bed.members(1, 'org-branch-a1')
  const before = await usage()
  const r = await relayed.call('site', 'visit', { token })
  expect(r).toMatchObject({
    ok: false, code: 'INVALID_INPUT', message: '请允许获取您的位置后再签到：需要核对您是否在签到测试基地',
    fields: [{ field: 'location', message: '请允许获取您的位置后再签到：需要核对您是否在签到测试基地' }],
  })
  expect(await bed.stored('siteVisits', `${siteId}_2030-03-07_${relayed.openid}`)).toBeUndefined()
  expect(await usage()).toEqual(before)
})

test('a scan far from the site is OUT_OF_RANGE; a near one keeps its distance', async () => {
  await bed.setClock(at('2030-03-07', '10:00'))
  const [far, near] = await bed.members(2, 'org-branch-a1')
  const r = await far.call('site', 'visit', { token, location: northOf(PLACE, 10576) })
  expect(r).toMatchObject({ ok: false, code: 'OUT_OF_RANGE', data: { distance: 10576, radius: 1000 } })
  expect(r.message).toContain('约 10.6 公里，')
  expect((await near.call('site', 'visit', { token, location: northOf(PLACE, 80) })).ok).toBe(true)
  expect((await bed.stored('siteVisits', `${siteId}_2030-03-07_${near.openid}`)).distance).toBe(80)
})

test('anything but the site\'s genuine code is TOKEN_INVALID', async () => {
  await bed.setClock(at('2030-03-07', '10:00'))
  const site = await bed.stored('sites', siteId)
  const key = bed.keys.CHECKIN_SECRET
  const signCheckInToken = (kind: 'class' | 'site', id: string, slot: number) => signCheckInTokenWith(key, kind, id, slot)
  const forged = [
    'not-a-token',
    token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA'),
    signCheckInToken('class', site.code, 0), // a class's code for the same id
    signCheckInToken('site', site.code, 7), // a rotating slot, not the fixed code
    signCheckInToken('site', 'AAAAAAAA', 0), // no site has this code
  ]
  for (const t of forged) expect((await bed.demo['demo-admin'].call('site', 'visit', { token: t })).code).toBe('TOKEN_INVALID')
})

test('only approved people check in', async () => {
  expect((await bed.anonymous.call('site', 'visit', { token, location: PLACE })).code).toBe('UNAUTHENTICATED')
  expect((await bed.demo['demo-pending-a'].call('site', 'visit', { token, location: PLACE })).code).toBe('NOT_REGISTERED')
  expect((await bed.demo['demo-rejected'].call('site', 'visit', { token, location: PLACE })).code).toBe('NOT_REGISTERED')
})

test('the booker\'s scan confirms their booking\'s arrival (once), and the booking can no longer be cancelled', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const b = await bed.demo['demo-secretary-b'].call('site', 'book', bookingInput(siteId, { date: '2030-03-11', start: '14:00', end: '15:30' }))
  const before = await usage()
  await bed.setClock(at('2030-03-11', '13:40'))
  const r = await bed.demo['demo-secretary-b'].call('site', 'visit', { token, location: PLACE })
  expect(r.data).toMatchObject({ booking: { id: b.data.id, start: '14:00', end: '15:30', orgName: '和平社区党委' } })
  expect(await bed.stored('siteBookings', b.data.id)).toMatchObject({ arrived: true })
  expect((await bed.demo['demo-secretary-b'].call('site', 'cancel', { bookingId: b.data.id })).code).toBe('CONFLICT')
  const after = await usage()
  expect(after.arrivals).toBe(before.arrivals + 1)
  expect(after.visits).toBe(before.visits + 1)
  // 和平社区党委 is served from outside community A (its member 刘洋's branch was counted already).
  expect(after.outsideOrgs).toBe(before.outsideOrgs + 1)
  await bed.setClock(at('2030-03-11', '14:30'))
  expect((await bed.demo['demo-secretary-b'].call('site', 'visit', { token, location: PLACE })).code).toBe('ALREADY_DONE')
  expect((await usage()).arrivals).toBe(after.arrivals)
})

test('a site closed down takes no check-ins', async () => {
  await bed.setClock(at(MONDAY, '10:00'))
  const id = await bed.site({ name: '停用的阵地' })
  const t = await bed.token(id)
  await bed.demo['demo-secretary'].call('site', 'update', { id, active: false })
  expect((await bed.demo['demo-member'].call('site', 'visit', { token: t, location: PLACE })).code).toBe('NOT_OPEN')
})

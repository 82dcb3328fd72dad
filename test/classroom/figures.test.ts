// Coverage and study records: a class counts, once, in the Asia/Shanghai month of its start when it has been held,
// for its organisation, every organisation above it and its site; coverage lists every organisation of the scope,
// covered or not; the timer recounts and repairs drift; a member's own record by month and year.
import { fireTimer } from '../helpers/api'
import { HALL, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()

const SITE = 'site-test-hall'
const coverage = async (month: string, who: 'demo-admin' | 'demo-secretary' = 'demo-admin', orgId?: string) => {
  const r = await bed.demo[who].call('classroom', 'coverage', { month, ...(orgId ? { orgId } : {}) })
  expect(r.ok).toBe(true)
  return r.data
}
const row = (cov: any, orgId: string) => cov.items.find((i: any) => i.orgId === orgId)

/** A class of community A at `start` (60 minutes, at the test hall), scanned by demo-member and marked for demo-retired. */
async function heldClass(start: string) {
  await bed.setClock(new Date(Date.parse(start) - 60 * MINUTE))
  const r = await bed.demo['demo-secretary'].call('classroom', 'create', {
    title: '月初的课', topic: '跨月', category: 'policy', lecturer: { name: '韩雪梅' },
    place: { siteId: SITE, name: '测试礼堂', location: HALL }, start, end: new Date(Date.parse(start) + 60 * MINUTE).toISOString(),
  })
  expect(r.ok).toBe(true)
  const c = await storedClass(bed, r.data.id)
  await bed.setClock(new Date(c.start.getTime() + MINUTE))
  expect((await bed.demo['demo-member'].call('classroom', 'checkIn', { token: (await bed.code(c._id)).token, location: HALL })).ok).toBe(true)
  expect((await bed.demo['demo-secretary'].call('classroom', 'mark', { classId: c._id, userId: 'demo-retired', status: 'present', reason: '无手机' })).ok).toBe(true)
  return c
}

test('a class held counts once, in the Shanghai month of its start, up the tree and at its site', async () => {
  // 00:30 on 1 April in Shanghai is still 31 March in UTC.
  const c = await heldClass('2031-03-31T16:30:00Z')
  expect(c.month).toBe('2031-04')
  const during = await coverage('2031-04')
  expect(row(during, 'org-community-a').classesHeld).toBe(0) // not held until it has ended

  await bed.setClock(new Date(c.end.getTime() + MINUTE))
  // Twenty people look at once: the class is counted once.
  await Promise.all(Array.from({ length: 20 }, () => coverage('2031-04')))
  const april = await coverage('2031-04')
  expect(row(april, 'org-community-a')).toMatchObject({ classesHeld: 1, attendees: 2, expected: 3, rate: 0.667, covered: true })
  expect(row(april, 'org-street-donghu')).toMatchObject({ classesHeld: 1, attendees: 2 })
  expect(row(april, 'org-district')).toMatchObject({ classesHeld: 1, attendees: 2 })
  // The community's own class expected its branches' members: it covers them.
  expect(row(april, 'org-branch-a1')).toMatchObject({ classesHeld: 0, status: 'viaCommittee', covered: true, rate: null })
  expect(row(await coverage('2031-03'), 'org-community-a').classesHeld).toBe(0)

  // The site's figures, in the shape the site function reads.
  const { _id, ...site } = await bed.stored('classSiteMonths', `${SITE}_2031-04`)
  expect(_id).toBe(`${SITE}_2031-04`)
  expect(site).toEqual({ siteId: SITE, month: '2031-04', classesHeld: 1, attendees: 2 })

  // A mark after the class was counted moves the figures with it.
  expect((await bed.demo['demo-secretary'].call('classroom', 'mark', { classId: c._id, userId: 'demo-secretary', status: 'present', reason: '忘了扫码' })).ok).toBe(true)
  expect(row(await coverage('2031-04'), 'org-community-a')).toMatchObject({ attendees: 3, rate: 1 })
  expect((await bed.stored('classSiteMonths', `${SITE}_2031-04`)).attendees).toBe(3)
  expect((await bed.stored('classMonths', 'org-district_2031-04')).attendees).toBe(3)
})

test('coverage lists every organisation of the scope, the ones without a class included', async () => {
  const april = await coverage('2031-04')
  expect(april.items.map((i: any) => i.orgId)).toEqual([
    'org-district', 'org-street-donghu', 'org-community-a', 'org-branch-a1', 'org-branch-a2', 'org-community-b',
    'org-branch-b1', 'org-twonew-xinghuo', 'org-street-xihu', 'org-community-c', 'org-agency-edu',
    // 南湖街道 (its year of history, local/seed/year.ts).
    'org-street-nanhu', 'org-community-chunhui', 'org-branch-chunhui1', 'org-branch-chunhui2', 'org-community-cuiliu', 'org-branch-cuiliu1',
  ])
  for (const gap of ['org-twonew-xinghuo', 'org-community-c', 'org-agency-edu', 'org-community-b']) {
    expect(row(april, gap)).toMatchObject({ classesHeld: 0, covered: false })
  }
  // Organisations that must hold classes: the communities, their branches, the 两新 organisation and the agency.
  expect(april.items.filter((i: any) => i.status !== 'total').map((i: any) => i.orgId)).toEqual([
    'org-community-a', 'org-branch-a1', 'org-branch-a2', 'org-community-b', 'org-branch-b1', 'org-twonew-xinghuo',
    'org-community-c', 'org-agency-edu', 'org-community-chunhui', 'org-branch-chunhui1', 'org-branch-chunhui2',
    'org-community-cuiliu', 'org-branch-cuiliu1',
  ])
  expect(april.summary).toEqual({ orgs: 13, covered: 3, uncovered: 10, classesHeld: 1, attendees: 3, guests: 0, rate: 1 })

  const mine = await coverage('2031-04', 'demo-secretary')
  expect(mine.orgId).toBe('org-community-a')
  expect(mine.items.map((i: any) => i.orgId)).toEqual(['org-community-a', 'org-branch-a1', 'org-branch-a2'])
  expect((await bed.demo['demo-secretary'].call('classroom', 'coverage', { month: '2031-04', orgId: 'org-district' })).code).toBe('FORBIDDEN')
})

test('a cancelled class and one not yet over are not held', async () => {
  await bed.setClock('2031-05-10T01:00:00Z')
  const cancelled = await bed.schedule()
  expect((await bed.demo['demo-secretary'].call('classroom', 'cancel', { classId: cancelled, reason: '改期' })).ok).toBe(true)
  const later = await bed.schedule({ start: '2031-05-20T01:00:00Z', end: '2031-05-20T02:00:00Z' })
  await bed.setClock('2031-05-12T01:00:00Z')
  expect(row(await coverage('2031-05'), 'org-community-a').classesHeld).toBe(0)
  expect((await bed.stored('classes', later)).settled).toBe(false)
})

test('the timer counts ended classes and repairs drifted figures from the classes', async () => {
  const c = await heldClass('2031-06-10T02:00:00Z')
  await bed.setClock(new Date(c.end.getTime() + MINUTE))
  // Drift: a figure written wrong (as a function stopped between two writes might leave it).
  await bed.db().collection('classMonths').doc('org-street-donghu_2031-05').set({
    orgId: 'org-street-donghu', orgPath: ['org-district', 'org-street-donghu'], month: '2031-05', classesHeld: 7, attendees: 70, expected: 70,
  })
  const timer = await fireTimer(bed.emu, 'classroom', 'settleAndRecount')
  expect(timer).toMatchObject({ ok: true, data: { settled: expect.any(Number) } })
  expect(timer.data.repaired).toBeGreaterThanOrEqual(1)
  expect((await bed.stored('classes', c._id)).settled).toBe(true)
  expect(await bed.stored('classMonths', 'org-community-a_2031-06')).toMatchObject({ classesHeld: 1, attendees: 2, expected: 3 })
  // The class of 20 May from the previous test has ended too: this run counted it, with nobody attending.
  expect(await bed.stored('classMonths', 'org-street-donghu_2031-05')).toMatchObject({ classesHeld: 1, attendees: 0, expected: 3 })
  // Right figures are left alone.
  const again = await fireTimer(bed.emu, 'classroom', 'settleAndRecount')
  expect(again.data).toEqual({ settled: 0, repaired: 0 })
})

test("a member's own study record, by month, in the Shanghai year", async () => {
  // 00:30 on 1 January 2032 in Shanghai: a class of 2032, not 2031.
  await heldClass('2031-12-31T16:30:00Z')
  const r2031 = await bed.demo['demo-member'].call('classroom', 'mine', { year: 2031 })
  expect(r2031.data.year).toBe(2031)
  expect(r2031.data.months.map((m: any) => m.month)).toEqual(['2031-06', '2031-04'])
  expect(r2031.data.total).toBe(2)
  expect(r2031.data.minutes).toBe(120)
  expect(r2031.data.items[0]).toMatchObject({ title: '月初的课', category: 'policy', status: 'on-time', minutes: 60 })

  const r2032 = await bed.demo['demo-member'].call('classroom', 'mine', {})
  expect(r2032.data).toMatchObject({ year: 2032, total: 1, months: [{ month: '2032-01', classes: 1, late: 0, leave: 0, minutes: 60 }] })
  const retired = await bed.demo['demo-retired'].call('classroom', 'mine', { year: 2032 })
  expect(retired.data.items).toEqual([expect.objectContaining({ status: 'present' })])
})

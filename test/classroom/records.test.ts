// Honest records (issue 9): a hand mark only for people of the class's organisation or the marker's scope, answered
// the same whether a person does not exist or is out of reach; marking closes MARK_WINDOW_DAYS after the class, then
// only the district office corrects, audited; a mark and its audit entry commit together; a function killed between
// the steps of a sign-in or a mark leaves figures the recount sets back to what the records say, and two recounts at
// once agree.
import { MARK_WINDOW_DAYS } from '../../contract/classroom'
import { ApiAnswer, costOf, crashAfter, fireTimer } from '../helpers/api'
import { HALL, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const DAY = 24 * 60 * MINUTE
const SITE = 'site-records-hall'
const PRESENT = ['on-time', 'late', 'present']

const markBy = (who: 'demo-secretary' | 'demo-secretary-b' | 'demo-admin', classId: string, userId: string, status = 'present', reason = '书记代为登记') =>
  bed.demo[who].call('classroom', 'mark', { classId, userId, status, reason })

const auditOf = async (classId: string, userId: string) =>
  (await bed.db().collection('audit').where({ targetId: `${classId}_${userId}` }).get()).data

/**
 * A class of `secretary`'s community at the records hall, starting at `start` (each test its own month, so its
 * figures are its own); the clock moved to `offset` from its start.
 */
async function classAt(start: string, offset: number, secretary: 'demo-secretary' | 'demo-secretary-b' = 'demo-secretary') {
  await bed.setClock(new Date(Date.parse(start) - 60 * MINUTE))
  const id = await bed.schedule({ place: { siteId: SITE, name: '记录礼堂', location: HALL } }, bed.demo[secretary])
  const c = await storedClass(bed, id)
  await bed.setClock(new Date(c.start.getTime() + offset))
  return c
}

/** Runs the classroom's timer (settle ended classes, recount this month and the last) as the platform would. */
const timer = () => fireTimer(bed.emu, 'classroom', 'settleAndRecount')

/** What the records say of a class, and what its live count and figures say. */
async function countsOf(classId: string) {
  const c = await storedClass(bed, classId)
  const { data } = await bed.db().collection('attendance').where({ classId }).limit(1000).get()
  const attending = data.filter((r: any) => PRESENT.includes(r.status)).length
  const figures = async (collection: string, id: string) => (await bed.stored(collection, `${id}_${c.month}`))?.attendees
  return {
    records: attending,
    live: c.signedIn,
    community: await figures('classMonths', c.orgId),
    district: await figures('classMonths', 'org-district'),
    site: await figures('classSiteMonths', SITE),
  }
}

describe('who can be marked', () => {
  test("community A's secretary cannot mark community B's member, nor the district admin, in A's class", async () => {
    const c = await classAt('2032-01-12T02:00:00Z', 5 * MINUTE)
    for (const outsider of ['demo-member-b', 'demo-admin', 'demo-secretary-b']) {
      const r = await markBy('demo-secretary', c._id, outsider)
      expect([outsider, r.code]).toEqual([outsider, 'NOT_FOUND'])
      expect(await bed.stored('attendance', `${c._id}_${outsider}`)).toBeUndefined()
      expect(await auditOf(c._id, outsider)).toEqual([])
    }
    expect((await storedClass(bed, c._id)).signedIn).toBe(0)
    // Their own members, in the class's organisation, are marked as before.
    expect((await markBy('demo-secretary', c._id, 'demo-retired')).ok).toBe(true)
  })

  test('a refusal never tells whether the person exists: no such openid and out of reach answer alike', async () => {
    const a = await classAt('2032-01-13T02:00:00Z', 5 * MINUTE)
    const b = await classAt('2032-01-13T02:00:00Z', 5 * MINUTE, 'demo-secretary-b')
    const strip = (r: ApiAnswer) => ({ ok: r.ok, code: r.code, message: r.message, data: r.data, fields: r.fields })
    const nobody = strip(await markBy('demo-secretary', a._id, 'no-such-person-9'))
    expect(nobody).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    for (const [who, classId, userId] of [
      ['demo-secretary', a._id, 'demo-member-b'],
      ['demo-secretary', a._id, 'demo-pending-a'],
      ['demo-secretary-b', b._id, 'demo-member'],
      ['demo-secretary-b', b._id, 'no-such-person-9'],
    ] as const) {
      for (const status of ['present', 'leave', 'absent']) {
        expect([userId, status, strip(await markBy(who, classId, userId, status))]).toEqual([userId, status, nobody])
      }
    }
  })

  test('the district office marks anyone, in any class', async () => {
    const c = await classAt('2032-01-14T02:00:00Z', 5 * MINUTE)
    expect(await markBy('demo-admin', c._id, 'demo-member-b', 'present', '外社区党员现场参加')).toMatchObject({ ok: true })
  })
})

describe('the secretary running the class', () => {
  test('the code screen tells them they have not signed in; their own mark counts them and is audited with its reason', async () => {
    const c = await classAt('2032-01-15T02:00:00Z', 5 * MINUTE)
    const code = () => bed.demo['demo-secretary'].call('classroom', 'code', { classId: c._id })
    const before = (await code()).data
    expect(before.host).toBe('none')
    expect(await markBy('demo-secretary', c._id, 'demo-secretary', 'present', '主持本课，在签到码页面签到')).toMatchObject({ ok: true })
    const after = (await code()).data
    expect(after).toMatchObject({ host: 'present', signedIn: before.signedIn + 1 })
    const row = (await bed.demo['demo-secretary'].call('classroom', 'attendance', { classId: c._id })).data.items
      .find((r: any) => r.userId === 'demo-secretary')
    expect(row).toMatchObject({ status: 'present', by: 'hand', reason: '主持本课，在签到码页面签到', guest: false })
    expect(await auditOf(c._id, 'demo-secretary')).toHaveLength(1)
    // The district office is not one of community A's members: nothing to offer it.
    expect((await bed.demo['demo-admin'].call('classroom', 'code', { classId: c._id })).data.host).toBeNull()
  })
})

describe(`marking closes ${MARK_WINDOW_DAYS} days after the class`, () => {
  test('a secretary marks up to the close; 8 days after, only the district office corrects, audited', async () => {
    const c = await classAt('2032-03-10T02:00:00Z', 5 * MINUTE)
    await bed.setClock(new Date(c.end.getTime() + (MARK_WINDOW_DAYS - 1) * DAY))
    expect((await markBy('demo-secretary', c._id, 'demo-member', 'leave', '出差')).ok).toBe(true)

    await bed.setClock(new Date(c.end.getTime() + 8 * DAY))
    const late = await markBy('demo-secretary', c._id, 'demo-retired', 'present', '补记')
    expect(late).toMatchObject({
      ok: false, code: 'NOT_OPEN', message: `这节课结束已超过 ${MARK_WINDOW_DAYS} 天，出勤登记已关闭。如需更正，请联系区委党建办`,
    })
    expect(await bed.stored('attendance', `${c._id}_demo-retired`)).toBeUndefined()

    // The class is counted into its month (the first look after its end); the correction then moves its figures.
    expect((await bed.demo['demo-admin'].call('classroom', 'attendance', { classId: c._id })).ok).toBe(true)
    const corrected = await markBy('demo-admin', c._id, 'demo-retired', 'present', '核实签到表后更正')
    expect(corrected).toEqual({ ok: true, data: { userId: 'demo-retired', status: 'present' } })
    expect(await bed.stored('attendance', `${c._id}_demo-retired`)).toMatchObject({ status: 'present', by: 'hand', markedBy: 'demo-admin' })
    const audit = await auditOf(c._id, 'demo-retired')
    expect(audit).toEqual([expect.objectContaining({
      action: 'classroom.mark', actor: 'demo-admin', actorName: '王建国', reason: '核实签到表后更正',
      detail: expect.objectContaining({ from: null, to: 'present', afterClose: true }),
    })])
    expect(await countsOf(c._id)).toMatchObject({ records: 1, live: 1, community: 1, site: 1 })
  })
})

describe('a function killed between its steps', () => {
  test('a mark and its audit entry commit together, wherever the worker dies', async () => {
    const c = await classAt('2032-05-12T02:00:00Z', 5 * MINUTE)
    const people = await bed.members(16, 'org-branch-a1')
    const whole = await costOf(bed.emu, () => markBy('demo-secretary', c._id, people[0].openid, 'present', '无手机'))
    expect(whole.result.ok).toBe(true)
    expect(whole.ops).toBeLessThan(people.length)
    // Killed after each of its operations but the last (after the last there is nothing left to cut short).
    const kept: boolean[] = []
    for (let n = 1; n < whole.ops; n++) {
      const p = people[n]
      await crashAfter(bed.emu, 'classroom', n)
      expect(await markBy('demo-secretary', c._id, p.openid, 'present', '无手机')).toMatchObject({ ok: false, code: 'INTERNAL' })
      const record = await bed.stored('attendance', `${c._id}_${p.openid}`)
      const audit = await auditOf(c._id, p.openid)
      expect([n, !!record, audit.length]).toEqual([n, !!record, record ? 1 : 0])
      kept.push(!!record)
    }
    // Cut short before its commit, nothing; after it, both the record and its entry (the count comes last).
    expect(kept).toContain(true)
    expect(kept).toContain(false)
  })

  test('check-ins and marks cut short anywhere: the recount sets live counts and figures to what the records say', async () => {
    const c = await classAt('2032-07-13T02:00:00Z', 5 * MINUTE)
    const people = await bed.members(30, 'org-branch-a1')
    const { token } = await bed.code(c._id)
    const whole = await costOf(bed.emu, () => people[0].call('classroom', 'checkIn', { token, location: HALL }))
    expect(whole.result.ok).toBe(true)
    for (let n = 1; n < whole.ops; n++) {
      await crashAfter(bed.emu, 'classroom', n)
      expect(await people[n].call('classroom', 'checkIn', { token, location: HALL })).toMatchObject({ ok: false, code: 'INTERNAL' })
    }
    // Killed after writing its record, before counting it: the live count is short of the records.
    const during = await countsOf(c._id)
    expect(during.live).toBeLessThan(during.records)

    // The class ends and is counted; then the district office's marks are cut short, while they move the figures too.
    await bed.setClock(new Date(c.end.getTime() + MINUTE))
    expect((await bed.demo['demo-secretary'].call('classroom', 'attendance', { classId: c._id })).ok).toBe(true)
    const mark = await costOf(bed.emu, () => markBy('demo-admin', c._id, people[4].openid, 'present', '核对后更正'))
    expect(mark.result.ok).toBe(true)
    expect(5 + mark.ops).toBeLessThan(people.length)
    for (let n = 1; n < mark.ops; n++) {
      await crashAfter(bed.emu, 'classroom', n)
      expect(await markBy('demo-admin', c._id, people[4 + n].openid, 'present', '核对后更正')).toMatchObject({ ok: false, code: 'INTERNAL' })
    }

    const run = await timer()
    expect(run.ok).toBe(true)
    const after = await countsOf(c._id)
    expect(after).toEqual({ records: after.records, live: after.records, community: after.records, district: after.records, site: after.records })
    expect((await timer()).data).toEqual({ settled: 0, repaired: 0 })
  })

  test('guests (列席) are counted apart from 实到 live and in the figures; the site counts everyone; the recount agrees', async () => {
    const c = await classAt('2032-10-12T02:00:00Z', 5 * MINUTE)
    const { token } = await bed.code(c._id)
    for (const who of ['demo-member', 'demo-member-b'] as const) {
      expect((await bed.demo[who].call('classroom', 'checkIn', { token, location: HALL })).ok).toBe(true)
    }
    await bed.setClock(new Date(c.end.getTime() + MINUTE))
    expect((await timer()).ok).toBe(true)
    // Marked after the class was counted: a guest, then a member; both move the figures on their own side.
    expect((await markBy('demo-admin', c._id, 'demo-secretary-b', 'present', '列席旁听')).ok).toBe(true)
    expect((await markBy('demo-secretary', c._id, 'demo-retired', 'present', '无手机')).ok).toBe(true)
    const { data } = await bed.db().collection('attendance').where({ classId: c._id }).get()
    const present = data.filter((r: any) => PRESENT.includes(r.status))
    const members = present.filter((r: any) => r.expected).length
    const guests = present.filter((r: any) => !r.expected).length
    expect([members, guests]).toEqual([2, 2])
    const check = async () => {
      expect(await storedClass(bed, c._id)).toMatchObject({ signedIn: members, guests })
      for (const org of [c.orgId, 'org-district']) {
        expect(await bed.stored('classMonths', `${org}_${c.month}`)).toMatchObject({ attendees: members, guests })
      }
      expect((await bed.stored('classSiteMonths', `${SITE}_${c.month}`)).attendees).toBe(members + guests)
    }
    await check()
    expect((await timer()).data).toEqual({ settled: 0, repaired: 0 })
    await bed.db().collection('classes').doc(c._id).update({ guests: 0 })
    await bed.db().collection('classMonths').doc(`org-district_${c.month}`).update({ guests: 9 })
    expect((await timer()).data.repaired).toBe(2)
    await check()
  })

  test('two recounts at once agree with the records, and a third finds nothing to repair', async () => {
    const c = await classAt('2032-09-14T02:00:00Z', 5 * MINUTE)
    const { token } = await bed.code(c._id)
    for (const who of ['demo-member', 'demo-retired'] as const) {
      expect((await bed.demo[who].call('classroom', 'checkIn', { token, location: HALL })).ok).toBe(true)
    }
    await bed.setClock(new Date(c.end.getTime() + MINUTE))
    expect((await timer()).ok).toBe(true)
    // Drift in both directions, as crashes and a racing recount might have left it.
    await bed.db().collection('classes').doc(c._id).update({ signedIn: 7 })
    await bed.db().collection('classMonths').doc(`${c.orgId}_${c.month}`).update({ attendees: 40 })
    await bed.db().collection('classSiteMonths').doc(`${SITE}_${c.month}`).update({ attendees: 0, classesHeld: 3 })
    const both = await Promise.all([timer(), timer()])
    expect(both.map((r) => r.ok)).toEqual([true, true])
    const counts = await countsOf(c._id)
    expect(counts.records).toBeGreaterThanOrEqual(2)
    expect(counts).toEqual({ records: counts.records, live: counts.records, community: counts.records, district: counts.records, site: counts.records })
    expect((await bed.stored('classSiteMonths', `${SITE}_${c.month}`)).classesHeld).toBeGreaterThanOrEqual(1)
    expect((await timer()).data).toEqual({ settled: 0, repaired: 0 })
  })
})

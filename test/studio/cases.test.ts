// 民情 and the case behind each: left by anyone with WeChat (registered or not), handled by the studio's managers or
// the representative it is addressed to, transferred within the handler's scope, closed with a reply, rated once;
// each step audited, conditional and told to the person; a studio's page with masked contacts and the next receptions.
import { asWeChat, fireTimer, metrics, resetMetrics } from '../helpers/api'
import { newEntries } from '../helpers/auditTable'
import { outcome } from '../helpers/bed'
import { at, caseInput, MONDAY, SEEDED_STUDIO, useStudioBed } from './support'

const bed = useStudioBed()
jest.setTimeout(60_000)
const admin = () => bed.demo['demo-admin']
const secA = () => bed.demo['demo-secretary']
const secB = () => bed.demo['demo-secretary-b']

async function auditIdsNow(): Promise<Set<string>> {
  const { data } = await bed.db().collection('audit').field({ _id: true }).limit(1000).orderBy('at', 'desc').get()
  return new Set(data.map((d: any) => d._id))
}

/** A member of 幸福里's first branch, registered and approved just now (linked to nothing). */
async function approvedMember() {
  const person = await bed.applicant('org-branch-a1')
  expect((await secA().call('user', 'approve', { openid: person.openid })).ok).toBe(true)
  await person.signInAgain() // the approval ended the registration's session
  return person
}

async function messagesOf(openid: string) {
  const { data } = await bed.db().collection('messages').where({ openid }).orderBy('at', 'asc').limit(100).get()
  return data
}

describe('the studio page', () => {
  test('representatives show a masked phone to everyone, the full number only to the managers', async () => {
    const siteId = await bed.studio()
    await bed.rep(siteId)
    const shown = async (caller: any) => (await caller.call('studio', 'get', { siteId })).data.reps[0].phone
    expect(await shown(bed.anonymous)).toBe('138****1234')
    expect(await shown(bed.demo['demo-member'])).toBe('138****1234')
    expect(await shown(secB())).toBe('138****1234')
    expect(await shown(secA())).toBe('13812341234')
    expect(await shown(admin())).toBe('13812341234')
  })

  test('the next receptions come from weekly times and one-off dates, in Shanghai, past ones left out', async () => {
    const siteId = await bed.studio()
    const rep = await bed.rep(siteId, undefined, { name: '吴秀兰' })
    const saved = await secA().call('studio', 'saveSchedule', {
      siteId, receptions: [{ weekday: 1, start: '09:00', end: '09:30' }, { weekday: 3, start: '14:00', end: '17:00', repId: rep }, { date: '2026-12-08', start: '19:00', end: '20:00' }],
    })
    expect(saved).toEqual({ ok: true, data: { count: 3 } })
    const page = (await bed.anonymous.call('studio', 'get', { siteId })).data
    // Monday 10:00: this morning's 09:00–09:30 is over.
    expect(page.upcoming.slice(0, 3)).toEqual([
      { date: '2026-12-08', label: '12月8日 周二', start: '19:00', end: '20:00' },
      { date: '2026-12-09', label: '12月9日 周三', start: '14:00', end: '17:00', repName: '吴秀兰' },
      { date: '2026-12-14', label: '12月14日 周一', start: '09:00', end: '09:30' },
    ])
  })

  test('a manager finds the member to link by exact name, inside their own scope only, phone masked', async () => {
    const siteId = await bed.studio()
    expect((await secA().call('studio', 'linkable', { siteId, name: '张明' })).data.items)
      .toEqual([{ openid: 'demo-member', name: '张明', orgName: '幸福里社区第一党支部', phone: '138****0004' }])
    expect((await admin().call('studio', 'linkable', { siteId, name: '刘洋' })).data.items.map((m: any) => m.openid)).toEqual(['demo-member-b'])
    // 刘洋 is of community B: not in community A's secretary's scope.
    expect((await secA().call('studio', 'linkable', { siteId, name: '刘洋' })).data.items).toEqual([])
    expect(outcome(await secB().call('studio', 'linkable', { siteId, name: '张明' }))).toBe('FORBIDDEN')
    expect(await secA().call('studio', 'linkable', { siteId, name: '' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/党员姓名/) })
  })

  test('a bad schedule is refused in Chinese and changes nothing; another community cannot edit it', async () => {
    const siteId = await bed.studio()
    const bad = await secA().call('studio', 'saveSchedule', { siteId, receptions: [{ weekday: 2, start: '15:00', end: '14:00' }] })
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '结束时间应晚于开始时间' })
    const both = await secA().call('studio', 'saveSchedule', { siteId, receptions: [{ weekday: 2, date: '2026-12-09', start: '09:00', end: '10:00' }] })
    expect(both.code).toBe('INVALID_INPUT')
    expect(outcome(await secB().call('studio', 'saveSchedule', { siteId, receptions: [] }))).toBe('FORBIDDEN')
    expect(outcome(await secB().call('studio', 'saveRep', { siteId, name: '某', term: '第十三届', phone: '13800001111' }))).toBe('FORBIDDEN')
    expect(await bed.stored('studioSchedules', siteId)).toBeUndefined()
  })
})

describe('leaving a 民情', () => {
  test('a WeChat user who never registered leaves one; a retry with the same request id is the same case; 3 operations', async () => {
    const siteId = await bed.studio()
    const resident = bed.demo['demo-newcomer']
    await bed.leave(bed.demo['demo-member'], siteId) // the month's figures document exists from here on
    const input = caseInput(siteId, { kind: 'suggestion', name: '王阿姨', phone: '13900001111' })
    await resetMetrics(bed.emu)
    // From the mini-program (WeChat vouches for the openid: no session read, as on CloudBase), the resident's first
    // 民情 of the hour: every operation of the call, the rate limit's included.
    const first = await asWeChat(bed.emu, resident.openid).call('studio', 'submit', input)
    const m = await metrics(bed.emu)
    expect(first).toEqual({ ok: true, data: { id: first.data.id, status: 'pending' } })
    console.log(`studio: a new 民情 costs ${m.total} database operations (${JSON.stringify(m.byAction)})`)
    expect(m.total).toBeLessThanOrEqual(3)
    expect(m.writesByCollection).toEqual({ sites: 1, studioCases: 1, studioMonths: 1 })
    // To a representative: the same three.
    const rep = await bed.rep(siteId)
    const other = await bed.visitor()
    await resetMetrics(bed.emu)
    expect((await asWeChat(bed.emu, other.openid).call('studio', 'submit', caseInput(siteId, { repId: rep }))).ok).toBe(true)
    expect((await metrics(bed.emu)).total).toBeLessThanOrEqual(3)

    const again = await resident.call('studio', 'submit', input)
    expect(again).toEqual({ ok: true, data: { id: first.data.id, status: 'pending' } })
    const { data } = await bed.db().collection('studioCases').where({ author: resident.openid, siteId }).limit(10).get()
    expect(data).toHaveLength(1)
    const mine = await resident.call('studio', 'mine')
    expect(mine.data.items[0]).toMatchObject({ siteId, kind: 'suggestion', status: 'pending', deadline: { date: '2026-12-28', label: '剩 15 个工作日' } })
    // Their own case only: another person cannot open it.
    expect(outcome(await bed.demo['demo-member'].call('studio', 'getCase', { id: first.data.id }))).toBe('FORBIDDEN')
    expect((await resident.call('studio', 'getCase', { id: first.data.id })).data).toMatchObject({ name: '王阿姨', phone: '139****1111' })
    expect((await secA().call('studio', 'getCase', { id: first.data.id })).data.phone).toBe('13900001111')
  })

  test('text WeChat refuses is CONTENT_REJECTED and nothing is stored; a photo must be the person\'s own upload', async () => {
    const siteId = await bed.studio()
    const resident = await bed.visitor()
    const risky = await resident.call('studio', 'submit', caseInput(siteId, { content: '楼下有人发传单，违禁测试词，请处理。' }))
    expect(risky).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    const someoneElses = await bed.photo(bed.demo['demo-member'], 'x', 'studio')
    const stolen = await resident.call('studio', 'submit', caseInput(siteId, { photos: [someoneElses] }))
    expect(stolen).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'photos' }] })
    const own = await bed.photo(resident, 'y', 'studio')
    const ok = await resident.call('studio', 'submit', caseInput(siteId, { photos: [own] }))
    expect(ok.ok).toBe(true)
    const { data } = await bed.db().collection('studioCases').where({ author: resident.openid }).limit(10).get()
    expect(data).toHaveLength(1)
    expect(data[0].photoChecks).toHaveLength(1)
  })
  test('30 an hour per person and addressee: the next is RATE_LIMITED in Chinese and writes nothing; the next hour is open again', async () => {
    const siteId = await bed.studio()
    const rep = await bed.rep(siteId)
    const resident = await bed.visitor()
    for (let i = 0; i < 30; i++) await bed.leave(resident, siteId)
    await resetMetrics(bed.emu)
    const refused = await resident.call('studio', 'submit', caseInput(siteId))
    expect(refused).toEqual({ ok: false, code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请 \d+ 分钟后再试$/) })
    expect((await metrics(bed.emu)).writesByCollection).toEqual({})
    // Another person is not held back by this one; the count is kept per studio or representative (the document the
    // call reads anyway carries it), so a representative of the studio is counted apart.
    expect((await (await bed.visitor()).call('studio', 'submit', caseInput(siteId))).ok).toBe(true)
    expect((await resident.call('studio', 'submit', caseInput(siteId, { repId: rep }))).ok).toBe(true)
    await bed.setClock(at(MONDAY, '11:00'))
    try {
      expect((await resident.call('studio', 'submit', caseInput(siteId, { repId: rep }))).ok).toBe(true)
      // The daily timer clears the ended window from the studio and the representative.
      await fireTimer(bed.emu, 'studio', 'recount')
      const ended = (d: any) => Object.keys(d?.limits ?? {}).filter((k) => Number(k.slice(1)) <= Date.parse(at(MONDAY, '11:00')))
      expect(ended(await bed.stored('sites', siteId))).toEqual([])
      expect(ended(await bed.stored('studioReps', rep))).toEqual([])
    } finally {
      await bed.setClock(at(MONDAY, '10:00'))
    }
  })
})

describe('the case workflow', () => {
  test('accept → handling → closed with the reply, each audited and told; the person rates it once', async () => {
    const siteId = await bed.studio()
    const resident = await bed.visitor()
    const id = await bed.leave(resident, siteId, { subscribe: true })
    const before = await auditIdsNow()
    await bed.move(secA(), id, 'accept', 'start')
    const closed = await secA().call('studio', 'act', { id, event: 'close', reply: '已联系物业更换路灯，今晚恢复照明。' })
    expect(closed).toEqual({ ok: true, data: { id, status: 'closed' } })
    const entries = await newEntries(bed, before)
    expect(entries.map((e) => e.action).sort()).toEqual(['studio.accept', 'studio.close', 'studio.start'])
    expect(entries.every((e) => e.actor === 'demo-secretary' && e.targetType === 'case' && e.targetId === id)).toBe(true)
    expect((await messagesOf(resident.openid)).map((m: any) => m.title)).toEqual(['您的民情已受理', '您的民情正在办理', '您的民情已办结'])

    const again = await secA().call('studio', 'act', { id, event: 'close', reply: '再次办结。再次办结。' })
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(outcome(await bed.demo['demo-member'].call('studio', 'rate', { id, rating: 'satisfied' }))).toBe('FORBIDDEN')
    const rated = await resident.call('studio', 'rate', { id, rating: 'basic', comment: '修得挺快' })
    expect(rated).toEqual({ ok: true, data: { id, rating: 'basic' } })
    const twice = await resident.call('studio', 'rate', { id, rating: 'unsatisfied' })
    expect(twice).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    const page = (await resident.call('studio', 'getCase', { id })).data
    expect(page).toMatchObject({ status: 'closed', rating: 'basic', reply: '已联系物业更换路灯，今晚恢复照明。', canRate: false })
    expect(page.timeline.map((s: any) => s.label)).toEqual(['提交', '受理', '开始办理', '办结', '评价'])
  })

  test('a case cannot be rated before it is closed, nor accepted twice at the same instant', async () => {
    const siteId = await bed.studio()
    const resident = await bed.visitor()
    const id = await bed.leave(resident, siteId)
    expect(outcome(await resident.call('studio', 'rate', { id, rating: 'satisfied' }))).toBe('CONFLICT')
    const before = await auditIdsNow()
    const both = await Promise.all([secA().call('studio', 'act', { id, event: 'accept' }), admin().call('studio', 'act', { id, event: 'accept' })])
    expect(both.map(outcome).sort()).toEqual(['CONFLICT', 'ok'])
    expect((await newEntries(bed, before)).filter((e) => e.action === 'studio.accept')).toHaveLength(1)
    expect((await bed.stored('studioCases', id)).history.filter((h: any) => h.event === 'accept')).toHaveLength(1)
  })

  test('a case addressed to a representative is theirs to handle; other members are refused', async () => {
    const siteId = await bed.studio()
    const rep = bed.demo['demo-retired']
    const repId = await bed.rep(siteId, rep)
    const id = await bed.leave(await bed.visitor(), siteId, { repId })
    expect((await rep.call('studio', 'cases')).data.items.map((c: any) => c.id)).toContain(id)
    expect((await bed.demo['demo-member'].call('studio', 'cases')).data.items.map((c: any) => c.id)).not.toContain(id)
    expect(outcome(await bed.demo['demo-member'].call('studio', 'act', { id, event: 'accept' }))).toBe('FORBIDDEN')
    await bed.move(rep, id, 'accept', 'close')
    // A representative is not a manager: transfers are for the studio's secretaries.
    const other = await bed.leave(await bed.visitor(), siteId, { repId })
    expect(outcome(await rep.call('studio', 'act', { id: other, event: 'transfer', orgId: 'org-branch-a1', note: '请支部协助' }))).toBe('FORBIDDEN')
  })

  test('我的 offers 民情办理 to a member only while a serving representative is linked to their account (the server says)', async () => {
    const siteId = await bed.studio()
    const member = await approvedMember()
    const told = async () => (await member.call('user', 'me')).data.representative
    expect(await told()).toBeUndefined()
    const repId = await bed.rep(siteId, member)
    expect(await told()).toBe(true)
    expect((await secA().call('studio', 'removeRep', { id: repId })).ok).toBe(true)
    expect(await told()).toBeUndefined()
    expect((await bed.demo['demo-newcomer'].call('user', 'me')).data.representative).toBeUndefined()
  })

  test('relinking a representative hands their cases to the new account: the old one can no longer see or act on them', async () => {
    const siteId = await bed.studio()
    const [before, after] = [await approvedMember(), await approvedMember()]
    const repId = await bed.rep(siteId, before, { name: '郑国平' })
    const id = await bed.leave(await bed.visitor(), siteId, { repId })
    const listed = async (who: any) => (await who.call('studio', 'cases')).data.items.map((c: any) => c.id)
    expect(await listed(before)).toContain(id)
    expect((await before.call('studio', 'getCase', { id })).data.canAct).toEqual(['accept'])

    const relinked = await secA().call('studio', 'saveRep', { siteId, id: repId, name: '郑国平', term: '第十三届区党代表', phone: '13812341234', openid: after.openid })
    expect(relinked).toEqual({ ok: true, data: { id: repId } })
    expect(await listed(after)).toContain(id)
    expect((await after.call('studio', 'getCase', { id })).data.canAct).toEqual(['accept'])
    expect(await listed(before)).not.toContain(id)
    expect(outcome(await before.call('studio', 'getCase', { id }))).toBe('FORBIDDEN')
    expect(outcome(await before.call('studio', 'act', { id, event: 'accept' }))).toBe('FORBIDDEN')
    await bed.move(after, id, 'accept')
    expect((await bed.stored('studioCases', id)).status).toBe('accepted')
    // Unlinked altogether: the studio's managers handle it; the last account is refused too.
    await secA().call('studio', 'saveRep', { siteId, id: repId, name: '郑国平', term: '第十三届区党代表', phone: '13812341234' })
    expect(outcome(await after.call('studio', 'act', { id, event: 'close', reply: '已经联系相关部门处理完毕。' }))).toBe('FORBIDDEN')
    await bed.move(secA(), id, 'close')
  })

  test('the seeded street studio transfers to community A, whose secretary then handles it; community B never sees it', async () => {
    const resident = await bed.visitor()
    const id = await bed.leave(resident, SEEDED_STUDIO)
    // The studio's own open cases (one page: the suite's other studios' cases are many).
    const listed = async (who: any) => (await who.call('studio', 'cases', { siteId: SEEDED_STUDIO })).data.items.map((c: any) => c.id)
    expect(await listed(admin())).toContain(id)
    expect(await listed(secA())).not.toContain(id)
    expect(outcome(await secA().call('studio', 'act', { id, event: 'accept' }))).toBe('FORBIDDEN')

    const before = await auditIdsNow()
    const moved = await admin().call('studio', 'act', { id, event: 'transfer', orgId: 'org-community-a', note: '属幸福里社区辖区，请社区办理' })
    expect(moved).toEqual({ ok: true, data: { id, status: 'pending' } })
    const [entry] = await newEntries(bed, before)
    expect(entry).toMatchObject({ action: 'studio.transfer', reason: '属幸福里社区辖区，请社区办理', detail: { orgId: 'org-community-a' } })
    expect(await listed(secA())).toContain(id)
    expect(await listed(secB())).not.toContain(id)
    expect(outcome(await secB().call('studio', 'getCase', { id }))).toBe('FORBIDDEN')
    expect(outcome(await secB().call('studio', 'act', { id, event: 'accept' }))).toBe('FORBIDDEN')
    // Across organisations: community A cannot pass it on to community B, outside its scope.
    const across = await secA().call('studio', 'act', { id, event: 'transfer', orgId: 'org-community-b', note: '请和平社区办理' })
    expect(across).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await bed.stored('studioCases', id)).orgPath).toEqual(['org-district', 'org-street-donghu', 'org-community-a'])
    await bed.move(secA(), id, 'accept', 'start', 'close')
    expect((await messagesOf(resident.openid)).map((m: any) => m.title)).toContain('您的民情已转办')
    // The deadline still runs from the first receipt.
    expect((await bed.stored('studioCases', id)).deadlineDate).toBe('2026-12-28')
  })

  test('open cases are listed by deadline, overdue first, each showing what is left or how late it is', async () => {
    const siteId = await bed.studio()
    await bed.setClock(at('2026-11-27', '16:00')) // a Friday: due 2026-12-18
    const late = await bed.leave(await bed.visitor(), siteId)
    await bed.setClock(at('2026-12-21', '09:00'))
    const fresh = await bed.leave(await bed.visitor(), siteId)
    const closedOne = await bed.leave(await bed.visitor(), siteId)
    await bed.move(secA(), closedOne, 'accept', 'close')
    const { items } = (await secA().call('studio', 'cases', { siteId })).data
    expect(items.map((c: any) => c.id)).toEqual([late, fresh])
    expect(items[0].deadline).toMatchObject({ date: '2026-12-18', overdue: true, label: '已超期 3 天' })
    expect(items[1].deadline).toMatchObject({ date: '2027-01-12', overdue: false, label: '剩 15 个工作日' })
    const done = (await secA().call('studio', 'cases', { siteId, status: 'closed' })).data.items
    expect(done.map((c: any) => c.id)).toEqual([closedOne])
    expect(done[0].deadline).toBeUndefined()
    await bed.setClock(at(MONDAY, '10:00'))
  })

  test('bad input to the workflow is refused in Chinese and writes nothing', async () => {
    const siteId = await bed.studio()
    const id = await bed.leave(await bed.visitor(), siteId)
    const before = await auditIdsNow()
    const noReply = await secA().call('studio', 'act', { id, event: 'close' })
    expect(noReply).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '办结前请填写答复' })
    const noOrg = await secA().call('studio', 'act', { id, event: 'transfer', note: '请协助' })
    expect(noOrg).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const tooEarly = await secA().call('studio', 'act', { id, event: 'close', reply: '已经处理好了，谢谢。' })
    expect(tooEarly).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('待受理') })
    expect(await newEntries(bed, before)).toEqual([])
    expect((await bed.stored('studioCases', id)).status).toBe('pending')
  })
})

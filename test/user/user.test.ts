// People and organisations: registration, review in scope, roles — through the same HTTP routes the H5 app uses.
import { userActions } from '../../cloudfunctions/user/actions'
import { WHO_LEVELS, Who } from '../../cloudfunctions/common/router'
import { as, callApi, Caller, costOf, metrics, resetMetrics } from '../helpers/api'
import { RunningEmulator, startEmulator } from '../helpers/emulator'

let emu: RunningEmulator
const people: Record<string, Caller> = {}
const DEMO = ['demo-admin', 'demo-secretary', 'demo-secretary-b', 'demo-member', 'demo-retired', 'demo-member-b',
  'demo-newcomer', 'demo-pending-a', 'demo-rejected']

beforeAll(async () => {
  emu = await startEmulator()
  for (const openid of DEMO) people[openid] = await as(emu, openid)
})
afterAll(async () => { await emu?.stop() })

let applicants = 0
/** A newcomer who registers in `orgId` and is left pending. */
async function applicant(orgId: string, retired = false): Promise<Caller> {
  const p = await as(emu, `applicant-${++applicants}`)
  const r = await p.call('user', 'register', { name: `申请人${applicants}`, orgId, retired, phone: '13912345678' })
  expect(r).toEqual({ ok: true, data: { status: 'pending' } })
  return p
}

describe('what each demo person sees on 我的', () => {
  test.each([
    ['demo-admin', 'approved', 'admin'],
    ['demo-secretary', 'approved', 'secretary'],
    ['demo-secretary-b', 'approved', 'secretary'],
    ['demo-member', 'approved', 'member'],
    ['demo-retired', 'approved', 'member'],
    ['demo-member-b', 'approved', 'member'],
    ['demo-pending-a', 'pending', 'member'],
    ['demo-rejected', 'rejected', 'member'],
  ])('%s is %s as %s', async (openid, status, role) => {
    const r = await people[openid].call('user', 'me')
    expect(r.ok).toBe(true)
    expect(r.data.openid).toBe(openid)
    expect(r.data.person).toMatchObject({ status, role })
  })

  test('the retired member is marked retired and sees their own phone in full', async () => {
    const r = await people['demo-retired'].call('user', 'me')
    expect(r.data.person).toMatchObject({ retired: true, phone: '13800000005', orgName: '幸福里社区离退休党支部' })
  })

  test('a rejected person sees why', async () => {
    const r = await people['demo-rejected'].call('user', 'me')
    expect(r.data.person.rejectReason).toMatch(/重新登记/)
  })

  test('a newcomer is signed in but not registered', async () => {
    const r = await people['demo-newcomer'].call('user', 'me')
    expect(r).toEqual({ ok: true, data: { openid: 'demo-newcomer', person: null } })
  })

  test('a call without a token is refused as unauthenticated', async () => {
    const r = await callApi(emu, null, 'user', { action: 'me' })
    expect(r.code).toBe('UNAUTHENTICATED')
  })

  test('a forged token is refused with 401', async () => {
    const res = await fetch(`${emu.url}/api/user`, {
      method: 'POST',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWFkbWluIn0.forged', 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'me' }),
    })
    expect(res.status).toBe(401)
    expect((await res.json()).code).toBe('UNAUTHENTICATED')
  })

  test('the organisation tree holds every kind of organisation', async () => {
    const r = await people['demo-newcomer'].call('user', 'orgs')
    const types = new Set(r.data.items.map((o: any) => o.type))
    expect([...types].sort()).toEqual(['agency', 'branch', 'community', 'district', 'street', 'twoNew'])
    const branch = r.data.items.find((o: any) => o.id === 'org-branch-a2')
    expect(branch.path).toEqual(['org-district', 'org-street-donghu', 'org-community-a', 'org-branch-a2'])
  })
})

describe('registration and its review', () => {
  test('a newcomer registers, the secretary of their community approves, and they become a member', async () => {
    const p = await applicant('org-branch-a1')
    const queue = await people['demo-secretary'].call('user', 'pending')
    expect(queue.data.items.map((x: any) => x.openid)).toContain(p.openid)
    expect(queue.data.items.find((x: any) => x.openid === p.openid).phone).toBe('13912345678')

    expect(await people['demo-secretary'].call('user', 'approve', { openid: p.openid }))
      .toEqual({ ok: true, data: { status: 'approved' } })
    const me = await p.call('user', 'me')
    expect(me.data.person).toMatchObject({ status: 'approved', role: 'member', orgId: 'org-branch-a1' })
  })

  test('the pending list is oldest first, counted, and paged by cursor', async () => {
    const created: string[] = []
    for (let i = 0; i < 22; i++) created.push((await applicant('org-branch-b1')).openid)
    const first = await people['demo-secretary-b'].call('user', 'pending')
    expect(first.data.items).toHaveLength(20)
    expect(first.data.total).toBeGreaterThanOrEqual(23) // 22 new + demo-pending-b
    const second = await people['demo-secretary-b'].call('user', 'pending', { cursor: first.data.nextCursor })
    const all = [...first.data.items, ...second.data.items].map((x: any) => x.openid)
    expect(new Set(all).size).toBe(all.length)
    expect(all.filter((id) => created.includes(id))).toEqual(created)
    const times = [...first.data.items, ...second.data.items].map((x: any) => x.registeredAt)
    expect([...times].sort()).toEqual(times)
  })

  test('a secretary of another community neither sees nor decides on the applicant', async () => {
    const p = await applicant('org-branch-a2', true)
    const queue = await people['demo-secretary-b'].call('user', 'pending')
    expect(queue.data.items.map((x: any) => x.openid)).not.toContain(p.openid)
    const r = await people['demo-secretary-b'].call('user', 'approve', { openid: p.openid })
    expect(r.code).toBe('FORBIDDEN')
    const r2 = await people['demo-secretary-b'].call('user', 'reject', { openid: p.openid, reason: '不认识' })
    expect(r2.code).toBe('FORBIDDEN')
    expect((await p.call('user', 'me')).data.person.status).toBe('pending')
  })

  test('the district office sees every pending person', async () => {
    const a = await applicant('org-branch-a1')
    const b = await applicant('org-twonew-xinghuo')
    let ids: string[] = []
    let cursor: string | undefined
    do {
      const r = await people['demo-admin'].call('user', 'pending', cursor ? { cursor } : {})
      ids = ids.concat(r.data.items.map((x: any) => x.openid))
      cursor = r.data.nextCursor ?? undefined
    } while (cursor)
    expect(ids).toEqual(expect.arrayContaining([a.openid, b.openid, 'demo-pending-b']))
  })

  test('a rejection carries its reason; the person corrects and registers again', async () => {
    const p = await applicant('org-branch-a1')
    const r = await people['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '请填写真实姓名' })
    expect(r).toEqual({ ok: true, data: { status: 'rejected' } })
    expect((await p.call('user', 'me')).data.person).toMatchObject({ status: 'rejected', rejectReason: '请填写真实姓名' })
    expect((await p.call('user', 'register', { name: '周建华', orgId: 'org-branch-a1', retired: false })).data.status).toBe('pending')
    const me = await p.call('user', 'me')
    expect(me.data.person.status).toBe('pending')
    expect(me.data.person.rejectReason).toBeUndefined()
  })

  test('an approved member cannot register again over their record', async () => {
    const r = await people['demo-member'].call('user', 'register', { name: '张明', orgId: 'org-branch-b1', retired: false })
    expect(r.code).toBe('ALREADY_DONE')
    expect((await people['demo-member'].call('user', 'me')).data.person.orgId).toBe('org-branch-a1')
  })

  test('two secretaries deciding at once: exactly one decision is taken', async () => {
    const p = await applicant('org-branch-a1')
    const [x, y] = await Promise.all([
      people['demo-secretary'].call('user', 'approve', { openid: p.openid }),
      people['demo-admin'].call('user', 'reject', { openid: p.openid, reason: '同时处理' }),
    ])
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1)
    expect([x, y].find((r) => !r.ok)!.code).toBe('CONFLICT')
    const status = (await p.call('user', 'me')).data.person.status
    expect(status).toBe(x.ok ? 'approved' : 'rejected')
  })

  test('registering many times at once leaves one record, pending', async () => {
    const p = await as(emu, 'applicant-retry')
    const answers = await Promise.all(Array.from({ length: 8 }, () =>
      p.call('user', 'register', { name: '重复提交', orgId: 'org-branch-a1', retired: true })))
    expect(answers.filter((a) => !a.ok && a.code !== 'CONFLICT')).toEqual([])
    const queue = await people['demo-secretary'].call('user', 'pending')
    let seen = 0
    let cursor: string | undefined
    let page = queue
    for (;;) {
      seen += page.data.items.filter((x: any) => x.openid === 'applicant-retry').length
      cursor = page.data.nextCursor ?? undefined
      if (!cursor) break
      page = await people['demo-secretary'].call('user', 'pending', { cursor })
    }
    expect(seen).toBe(1)
  })

  test('every review is in the audit log with who, what, when and why', async () => {
    const p = await applicant('org-branch-a1')
    await people['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '信息不全' })
    const app = require('../helpers/emulator').sdkApp(emu)
    const { data } = await app.database().collection('audit').where({ targetId: p.openid }).get()
    expect(data).toHaveLength(1)
    expect(data[0]).toMatchObject({ actor: 'demo-secretary', actorName: '李芳', action: 'user.reject', reason: '信息不全' })
    expect(data[0].at).toBeInstanceOf(Date)
  })
})

describe('roles', () => {
  test('the admin makes an approved member a secretary of an organisation, who then reviews there', async () => {
    const p = await applicant('org-community-c')
    await people['demo-admin'].call('user', 'approve', { openid: p.openid })
    const r = await people['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'secretary', orgId: 'org-community-c' })
    expect(r).toEqual({ ok: true, data: { role: 'secretary', scopeOrgId: 'org-community-c' } })
    const q = await applicant('org-community-c')
    expect((await p.call('user', 'pending')).data.items.map((x: any) => x.openid)).toEqual([q.openid])
    expect((await p.call('user', 'approve', { openid: q.openid })).ok).toBe(true)
    const back = await people['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'member' })
    expect(back).toEqual({ ok: true, data: { role: 'member' } })
    expect((await p.call('user', 'pending')).code).toBe('FORBIDDEN')
  })

  test('a pending person cannot be given a role', async () => {
    const p = await applicant('org-branch-a1')
    const r = await people['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'secretary' })
    expect(r.code).toBe('CONFLICT')
  })
})

describe('who may call each action', () => {
  // Every role, and what `who` level it reaches. The expected answer for a refused call follows the router's rule.
  const ROLES: Array<{ openid: string; reaches: Who[]; refusal: string }> = [
    { openid: 'demo-newcomer', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
    { openid: 'demo-pending-a', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
    { openid: 'demo-rejected', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
    { openid: 'demo-member', reaches: ['anyone', 'signedIn', 'member'], refusal: 'FORBIDDEN' },
    { openid: 'demo-retired', reaches: ['anyone', 'signedIn', 'member'], refusal: 'FORBIDDEN' },
    { openid: 'demo-secretary', reaches: ['anyone', 'signedIn', 'member', 'secretary'], refusal: 'FORBIDDEN' },
    { openid: 'demo-secretary-b', reaches: ['anyone', 'signedIn', 'member', 'secretary'], refusal: 'FORBIDDEN' },
    { openid: 'demo-admin', reaches: WHO_LEVELS, refusal: '' },
  ]
  const scopeOrg: Record<string, string> = { 'demo-secretary': 'org-branch-a1', 'demo-secretary-b': 'org-branch-b1', 'demo-admin': 'org-community-c' }

  /** A valid input for the action, made for this caller (a target inside their scope where one is needed). */
  async function inputFor(actionName: string, caller: string): Promise<Record<string, unknown>> {
    const org = scopeOrg[caller] ?? 'org-branch-a1'
    switch (actionName) {
      case 'register': return { name: '矩阵测试', orgId: 'org-branch-a1', retired: false }
      case 'pending': return {}
      case 'approve': return { openid: (await applicant(org)).openid }
      case 'reject': return { openid: (await applicant(org)).openid, reason: '矩阵测试' }
      case 'setRole': {
        const p = await applicant(org)
        await people['demo-admin'].call('user', 'approve', { openid: p.openid })
        return { openid: p.openid, role: 'secretary' }
      }
      default: return {}
    }
  }

  const cases = Object.entries(userActions).flatMap(([name, def]) => ROLES.map((r) => [name, def.who, r.openid, r] as const))
  test.each(cases)('user.%s (who: %s) called by %s', async (name, who, _openid, role) => {
    // demo-newcomer and demo-rejected registering would change them; register is for anyone signed in anyway.
    if (name === 'register' && role.openid !== 'demo-member') return
    const input = await inputFor(name, role.openid)
    const r = await people[role.openid].call('user', name, input)
    if (role.reaches.includes(who)) {
      expect(r.code === 'ALREADY_DONE' || r.ok).toBe(true)
    } else {
      expect(r.code).toBe(role.refusal)
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  test('every action of the user function is in the matrix', () => {
    expect(Object.keys(userActions).sort()).toEqual(['approve', 'me', 'orgs', 'pending', 'register', 'reject', 'setRole'])
  })
})

describe('bad input is refused in Chinese, naming the field, and touches nothing', () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['register', { orgId: 'org-branch-a1', retired: false }, 'name'],
    ['register', { name: 123, orgId: 'org-branch-a1', retired: false }, 'name'],
    ['register', { name: '张三', orgId: { $ne: null }, retired: false }, 'orgId'],
    ['register', { name: '张'.repeat(21), orgId: 'org-branch-a1', retired: false }, 'name'],
    ['register', { name: '张三', orgId: 'org-branch-a1', retired: 'yes' }, 'retired'],
    ['register', { name: '张三', orgId: 'org-branch-a1', retired: false, phone: '12345' }, 'phone'],
    ['register', { name: '张三', orgId: 'org-branch-a1', retired: false, role: 'admin' }, 'role'],
    ['pending', { cursor: { $gt: '' } }, 'cursor'],
    ['approve', {}, 'openid'],
    ['approve', { openid: { $ne: null } }, 'openid'],
    ['approve', { openid: ['demo-pending-a'] }, 'openid'],
    ['reject', { openid: 'demo-pending-a' }, 'reason'],
    ['reject', { openid: 'demo-pending-a', reason: '很'.repeat(201) }, 'reason'],
    ['reject', { openid: { $regex: '.*' }, reason: '批量' }, 'openid'],
    ['setRole', { openid: 'demo-member', role: 'king' }, 'role'],
    ['setRole', { openid: { $exists: true }, role: 'admin' }, 'openid'],
    ['me', { extra: 1 }, 'extra'],
  ]
  test.each(bad)('user.%s %j → INVALID_INPUT on %s', async (name, input, field) => {
    const caller = people['demo-admin']
    await resetMetrics(emu)
    const r = await caller.call('user', name, input)
    expect(r.ok).toBe(false)
    expect(r.code).toBe('INVALID_INPUT')
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(r.fields!.map((f) => f.field)).toContain(field)
    // A known field is named in Chinese, not by its code name (an unknown one can only be named as sent).
    const message = r.fields!.find((f) => f.field === field)!.message
    if (!message.startsWith('不支持的字段')) expect(message).not.toContain(field)
    expect((await metrics(emu)).total).toBe(0) // refused before anything was read or written
  })

  test('an unknown organisation is refused on the organisation field and nothing is stored', async () => {
    const p = await as(emu, 'applicant-unknown-org')
    const r = await p.call('user', 'register', { name: '张三', orgId: 'org-nowhere', retired: false })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'orgId' }] })
    expect((await p.call('user', 'me')).data.person).toBeNull()
  })

  test('an unknown action is refused', async () => {
    const r = await people['demo-admin'].call('user', 'dropDatabase')
    expect(r.code).toBe('INVALID_INPUT')
  })

  test('identity sent in the body is ignored', async () => {
    const r = await callApi(emu, null, 'user', { action: 'me', userInfo: { openId: 'demo-admin' } })
    expect(r.code).toBe('UNAUTHENTICATED')
  })

  test('a request body over 1 MB is refused before it reaches a function', async () => {
    const res = await fetch(`${emu.url}/api/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'me', pad: 'x'.repeat(1_100_000) }),
    })
    expect(res.status).toBe(413)
  })
})

describe('cost', () => {
  test('我的 (user.me) costs one database operation', async () => {
    const { result, ops } = await costOf(emu, () => people['demo-member'].call('user', 'me'))
    expect(result.ok).toBe(true)
    expect(ops).toBe(1)
  })
})

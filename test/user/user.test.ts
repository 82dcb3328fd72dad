// People and organisations: registration, review in scope, roles — through the same HTTP routes the H5 app uses.
import { as, asWeChat, callApi, costOf } from '../helpers/api'
import { BadInput, runBadInput } from '../helpers/badInput'
import { useBed } from '../helpers/bed'

const bed = useBed()

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
  ] as const)('%s is %s as %s', async (openid, status, role) => {
    const r = await bed.demo[openid].call('user', 'me')
    expect(r.ok).toBe(true)
    expect(r.data.openid).toBe(openid)
    expect(r.data.person).toMatchObject({ status, role })
  })

  test('the retired member is marked retired and sees their own phone in full', async () => {
    const r = await bed.demo['demo-retired'].call('user', 'me')
    expect(r.data.person).toMatchObject({ retired: true, phone: '13800000005', orgName: '幸福里社区离退休党支部' })
  })

  test('a rejected person sees why', async () => {
    const r = await bed.demo['demo-rejected'].call('user', 'me')
    expect(r.data.person.rejectReason).toMatch(/重新登记/)
  })

  test('a newcomer is signed in but not registered', async () => {
    const r = await bed.demo['demo-newcomer'].call('user', 'me')
    expect(r).toEqual({ ok: true, data: { openid: 'demo-newcomer', person: null } })
  })

  test('a call without a token is refused as unauthenticated', async () => {
    const r = await callApi(bed.emu, null, 'user', { action: 'me' })
    expect(r.code).toBe('UNAUTHENTICATED')
  })

  test('a forged token is refused with 401', async () => {
    const res = await fetch(`${bed.emu.url}/api/user`, {
      method: 'POST',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWFkbWluIn0.forged', 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'me' }),
    })
    expect(res.status).toBe(401)
    expect((await res.json()).code).toBe('UNAUTHENTICATED')
  })

  test('the organisation tree holds every kind of organisation', async () => {
    const r = await bed.demo['demo-newcomer'].call('user', 'orgs')
    const types = new Set(r.data.items.map((o: any) => o.type))
    expect([...types].sort()).toEqual(['agency', 'branch', 'community', 'district', 'street', 'twoNew'])
    const branch = r.data.items.find((o: any) => o.id === 'org-branch-a2')
    expect(branch.path).toEqual(['org-district', 'org-street-donghu', 'org-community-a', 'org-branch-a2'])
  })
})

describe('registration and its review', () => {
  test('a newcomer registers, the secretary of their community approves, and they become a member', async () => {
    const p = await bed.applicant('org-branch-a1')
    const queue = await bed.demo['demo-secretary'].call('user', 'pending')
    expect(queue.data.items.map((x: any) => x.openid)).toContain(p.openid)
    expect(queue.data.items.find((x: any) => x.openid === p.openid).phone).toBe('13912345678')

    expect(await bed.demo['demo-secretary'].call('user', 'approve', { openid: p.openid }))
      .toEqual({ ok: true, data: { status: 'approved' } })
    // The approval ended the session they registered in: they sign in again and see what they may now do.
    expect(await p.call('user', 'me')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.stringContaining('重新登录') })
    await p.signInAgain()
    const me = await p.call('user', 'me')
    expect(me.data.person).toMatchObject({ status: 'approved', role: 'member', orgId: 'org-branch-a1' })
  })

  test('the pending list is oldest first, counted, and paged by cursor', async () => {
    const created: string[] = []
    for (let i = 0; i < 22; i++) created.push((await bed.applicant('org-branch-b1')).openid)
    const first = await bed.demo['demo-secretary-b'].call('user', 'pending')
    expect(first.data.items).toHaveLength(20)
    expect(first.data.total).toBeGreaterThanOrEqual(23) // 22 new + demo-pending-b
    const second = await bed.demo['demo-secretary-b'].call('user', 'pending', { cursor: first.data.nextCursor })
    const all = [...first.data.items, ...second.data.items].map((x: any) => x.openid)
    expect(new Set(all).size).toBe(all.length)
    expect(all.filter((id) => created.includes(id))).toEqual(created)
    const times = [...first.data.items, ...second.data.items].map((x: any) => x.registeredAt)
    expect([...times].sort()).toEqual(times)
  })

  test('a secretary of another community neither sees nor decides on the applicant', async () => {
    const p = await bed.applicant('org-branch-a2', true)
    const queue = await bed.demo['demo-secretary-b'].call('user', 'pending')
    expect(queue.data.items.map((x: any) => x.openid)).not.toContain(p.openid)
    const r = await bed.demo['demo-secretary-b'].call('user', 'approve', { openid: p.openid })
    expect(r.code).toBe('FORBIDDEN')
    const r2 = await bed.demo['demo-secretary-b'].call('user', 'reject', { openid: p.openid, reason: '不认识' })
    expect(r2.code).toBe('FORBIDDEN')
    expect((await p.call('user', 'me')).data.person.status).toBe('pending')
  })

  test('the district office sees every pending person', async () => {
    const a = await bed.applicant('org-branch-a1')
    const b = await bed.applicant('org-twonew-xinghuo')
    let ids: string[] = []
    let cursor: string | undefined
    do {
      const r = await bed.demo['demo-admin'].call('user', 'pending', cursor ? { cursor } : {})
      ids = ids.concat(r.data.items.map((x: any) => x.openid))
      cursor = r.data.nextCursor ?? undefined
    } while (cursor)
    expect(ids).toEqual(expect.arrayContaining([a.openid, b.openid, 'demo-pending-b']))
  })

  test('nobody registers as belonging to the district or a street committee: they lead organisations, not members', async () => {
    const p = await bed.visitor()
    for (const orgId of ['org-district', 'org-street-donghu']) {
      const r = await p.call('user', 'register', { name: '周建华', orgId, retired: false })
      expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'orgId', message: '区委和街道党工委不直接管理党员，请选择所在的党支部或社区党组织' }] })
    }
    expect((await p.call('user', 'me')).data.person).toBeNull()
    expect((await p.call('user', 'register', { name: '周建华', orgId: 'org-community-a', retired: false })).data.status).toBe('pending')
  })

  test('a refusal for not being a member says where the person stands, so the app offers the right way on', async () => {
    const p = await bed.visitor()
    // In the mini-program (a rejection also ends the person's H5 sessions).
    const standing = async () => (await asWeChat(bed.emu, p.openid).call('classroom', 'list', {})).data
    expect(await standing()).toEqual({ registration: 'none' })
    await p.call('user', 'register', { name: '周建华', orgId: 'org-branch-a1', retired: false })
    expect(await standing()).toEqual({ registration: 'pending' })
    await bed.demo['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '请填写真实姓名' })
    expect(await standing()).toEqual({ registration: 'rejected' })
  })

  test('a rejection carries its reason; the person corrects and registers again', async () => {
    const p = await bed.applicant('org-branch-a1')
    const r = await bed.demo['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '请填写真实姓名' })
    expect(r).toEqual({ ok: true, data: { status: 'rejected' } })
    expect((await p.call('user', 'me')).code).toBe('UNAUTHENTICATED') // the rejection ended their session
    await p.signInAgain()
    expect((await p.call('user', 'me')).data.person).toMatchObject({ status: 'rejected', rejectReason: '请填写真实姓名' })
    expect((await p.call('user', 'register', { name: '周建华', orgId: 'org-branch-a1', retired: false })).data.status).toBe('pending')
    const me = await p.call('user', 'me')
    expect(me.data.person.status).toBe('pending')
    expect(me.data.person.rejectReason).toBeUndefined()
  })

  test('an approved member cannot register again over their record', async () => {
    const r = await bed.demo['demo-member'].call('user', 'register', { name: '张明', orgId: 'org-branch-b1', retired: false })
    expect(r.code).toBe('ALREADY_DONE')
    expect((await bed.demo['demo-member'].call('user', 'me')).data.person.orgId).toBe('org-branch-a1')
  })

  test('two secretaries deciding at once: exactly one decision is taken', async () => {
    const p = await bed.applicant('org-branch-a1')
    const [x, y] = await Promise.all([
      bed.demo['demo-secretary'].call('user', 'approve', { openid: p.openid }),
      bed.demo['demo-admin'].call('user', 'reject', { openid: p.openid, reason: '同时处理' }),
    ])
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1)
    expect([x, y].find((r) => !r.ok)!.code).toBe('CONFLICT')
    await p.signInAgain()
    const status = (await p.call('user', 'me')).data.person.status
    expect(status).toBe(x.ok ? 'approved' : 'rejected')
  })

  test('registering many times at once leaves one record, pending', async () => {
    const p = await as(bed.emu, 'applicant-retry')
    const answers = await Promise.all(Array.from({ length: 8 }, () =>
      p.call('user', 'register', { name: '重复提交', orgId: 'org-branch-a1', retired: true })))
    expect(answers.filter((a) => !a.ok && a.code !== 'CONFLICT')).toEqual([])
    const queue = await bed.demo['demo-secretary'].call('user', 'pending')
    let seen = 0
    let cursor: string | undefined
    let page = queue
    for (;;) {
      seen += page.data.items.filter((x: any) => x.openid === 'applicant-retry').length
      cursor = page.data.nextCursor ?? undefined
      if (!cursor) break
      page = await bed.demo['demo-secretary'].call('user', 'pending', { cursor })
    }
    expect(seen).toBe(1)
  })

  test('every review is in the audit log with who, what, when and why', async () => {
    const p = await bed.applicant('org-branch-a1')
    await bed.demo['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '信息不全' })
    const { data } = await bed.db().collection('audit').where({ targetId: p.openid }).get()
    expect(data).toHaveLength(1)
    expect(data[0]).toMatchObject({ actor: 'demo-secretary', actorName: '李芳', action: 'user.reject', reason: '信息不全' })
    expect(data[0].at).toBeInstanceOf(Date)
  })
})

describe('the applicant is told the decision', () => {
  async function inbox(openid: string): Promise<any[]> {
    return (await fetch(`${bed.emu.url}/__emulator/inbox?openid=${openid}`)).json()
  }

  test('approved: a message in 我的 (no story or site to open), and a subscribe message when they asked for one', async () => {
    const p = await bed.visitor()
    await p.call('user', 'register', { name: '周建华', orgId: 'org-branch-a1', retired: true, subscribe: true })
    expect((await bed.demo['demo-secretary'].call('user', 'approve', { openid: p.openid })).ok).toBe(true)
    await p.signInAgain()
    const [message, ...more] = (await p.call('story', 'messages')).data.items
    expect(more).toEqual([])
    expect(message).toMatchObject({ title: '您的登记已通过审核', read: false })
    expect(message.body).toMatch(/^您已登记为.+的党员，现在可以写微故事、扫码签到和预约阵地了。$/)
    expect(message.storyId).toBeUndefined()
    expect(message.siteId).toBeUndefined()
    const sent = await inbox(p.openid)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ touser: p.openid, page: 'pages/mine/index' })
    expect(sent[0].data.phrase2.value).toBe('已通过')
    expect([...sent[0].data.thing1.value].length).toBeLessThanOrEqual(20)
  })

  test('rejected: the message carries the reason (one 「。」); no subscribe message when they did not ask; told once', async () => {
    const p = await bed.applicant('org-branch-a1')
    await bed.demo['demo-secretary'].call('user', 'reject', { openid: p.openid, reason: '请填写真实姓名。' })
    // A second decision is refused and tells nobody again.
    expect((await bed.demo['demo-admin'].call('user', 'approve', { openid: p.openid })).code).toBe('CONFLICT')
    await p.signInAgain()
    const items = (await p.call('story', 'messages')).data.items
    expect(items).toHaveLength(1)
    expect(items[0].title).toBe('您的登记未通过审核')
    expect(items[0].body).toMatch(/申请未通过。原因：请填写真实姓名。请在“我的”页面修改后重新登记。$/)
    expect(await inbox(p.openid)).toEqual([])
  })

  test('a secretary of another community cannot decide, and nobody is told anything', async () => {
    const p = await bed.applicant('org-branch-a1')
    expect((await bed.demo['demo-secretary-b'].call('user', 'approve', { openid: p.openid })).code).toBe('FORBIDDEN')
    expect((await p.call('story', 'messages')).data.items).toEqual([])
  })
})

describe('roles', () => {
  test('the admin makes an approved member a secretary of an organisation, who then reviews there', async () => {
    const p = await bed.newMember('org-community-c')
    const r = await bed.demo['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'secretary', orgId: 'org-community-c' })
    expect(r).toEqual({ ok: true, data: { role: 'secretary', scopeOrgId: 'org-community-c' } })
    // The new role ends the sessions they had: the next call says so, and they sign in again.
    expect(await p.call('user', 'pending')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.stringContaining('重新登录') })
    await p.signInAgain()
    const q = await bed.applicant('org-community-c')
    expect((await p.call('user', 'pending')).data.items.map((x: any) => x.openid)).toEqual([q.openid])
    expect((await p.call('user', 'approve', { openid: q.openid })).ok).toBe(true)
    const back = await bed.demo['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'member' })
    expect(back).toEqual({ ok: true, data: { role: 'member' } })
    expect((await p.call('user', 'pending')).code).toBe('UNAUTHENTICATED')
    await p.signInAgain()
    expect((await p.call('user', 'pending')).code).toBe('FORBIDDEN')
  })

  test('a pending person cannot be given a role', async () => {
    const p = await bed.applicant('org-branch-a1')
    const r = await bed.demo['demo-admin'].call('user', 'setRole', { openid: p.openid, role: 'secretary' })
    expect(r.code).toBe('CONFLICT')
  })
})

describe('bad input is refused in Chinese, naming the field, and touches nothing', () => {
  const bad: BadInput[] = [
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
  runBadInput(bed, 'user', bad)

  test('an unknown organisation is refused on the organisation field and nothing is stored', async () => {
    const p = await as(bed.emu, 'applicant-unknown-org')
    const r = await p.call('user', 'register', { name: '张三', orgId: 'org-nowhere', retired: false })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'orgId' }] })
    expect((await p.call('user', 'me')).data.person).toBeNull()
  })

  test('identity sent in the body is ignored', async () => {
    const r = await callApi(bed.emu, null, 'user', { action: 'me', userInfo: { openId: 'demo-admin' } })
    expect(r.code).toBe('UNAUTHENTICATED')
  })

  test('a request body over 1 MB is refused before it reaches a function', async () => {
    const res = await fetch(`${bed.emu.url}/api/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'me', pad: 'x'.repeat(1_100_000) }),
    })
    expect(res.status).toBe(413)
  })
})

describe('cost', () => {
  test('我的 (user.me) costs one database operation', async () => {
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-member'].call('user', 'me'))
    expect(result.ok).toBe(true)
    expect(ops).toBe(1)
  })
})

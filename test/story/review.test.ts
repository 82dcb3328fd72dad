// A story's life: submitted, reviewed by the secretary of the author's organisation tree (or the district office),
// returned and revised, published, withdrawn — for every role, with the history, the audit log and what the author
// is told.
import { Caller, resetMetrics, writesSinceReset } from '../helpers/api'
import { DemoPerson, outcome } from '../helpers/bed'
import { storyInput, useTestbed } from './support'

const bed = useTestbed()
const p = (openid: DemoPerson) => bed.demo[openid]

async function statusOf(id: string) {
  return (await bed.stored('stories', id)).status
}

/** The ids in a secretary's whole review queue, page by page. */
async function wholeQueue(secretary: Caller): Promise<string[]> {
  const ids: string[] = []
  let r = await secretary.call('story', 'queue')
  for (;;) {
    expect(r.ok).toBe(true)
    ids.push(...r.data.items.map((s: any) => s.id))
    if (!r.data.nextCursor) return ids
    r = await secretary.call('story', 'queue', { cursor: r.data.nextCursor })
  }
}

async function inbox(openid: string): Promise<any[]> {
  const res = await fetch(`${bed.emu.url}/__emulator/inbox?openid=${openid}`)
  return res.json()
}

describe('the whole journey', () => {
  test('the author submits, the secretary returns it, the author revises, the secretary publishes it as featured', async () => {
    const author = p('demo-retired')
    const id = await bed.submit(author, { title: '三十年的义诊', category: 'veteran' })
    expect((await author.call('story', 'mine')).data.items[0]).toMatchObject({ id, status: 'pending', title: '三十年的义诊' })

    const queue = await p('demo-secretary').call('story', 'queue')
    expect(queue.data.total).toBeGreaterThanOrEqual(1)
    expect(await wholeQueue(p('demo-secretary'))).toContain(id)

    const back = await p('demo-secretary').call('story', 'review', { id, decision: 'return', reason: '请补充一张照片和具体时间' })
    expect(back).toEqual({ ok: true, data: { id, status: 'returned', featured: false } })
    const mine = (await author.call('story', 'mine')).data.items.find((s: any) => s.id === id)
    expect(mine).toMatchObject({ status: 'returned', reviewNote: '请补充一张照片和具体时间' })
    expect(await wholeQueue(p('demo-secretary'))).not.toContain(id)

    const revised = await author.call('story', 'revise', {
      id, ...storyInput({ title: '三十年的义诊', category: 'veteran', images: [await bed.photo(author)] }),
    })
    expect(revised).toEqual({ ok: true, data: { id, status: 'pending' } })
    expect(await wholeQueue(p('demo-secretary'))).toContain(id)

    const ok = await p('demo-secretary').call('story', 'review', { id, decision: 'approve', featured: true })
    expect(ok).toEqual({ ok: true, data: { id, status: 'approved', featured: true } })
    const feed = await bed.anonymous.call('story', 'feed')
    expect(feed.data.items[0]).toMatchObject({ id, featured: true, title: '三十年的义诊' })

    const page = await author.call('story', 'get', { id })
    expect(page.data.history.map((h: any) => h.event)).toEqual(['submit', 'return', 'revise', 'approve'])
    expect(page.data.history[1]).toMatchObject({ by: 'demo-secretary', byName: '李芳', reason: '请补充一张照片和具体时间' })
    expect(page.data.history[3]).toMatchObject({ by: 'demo-secretary', featured: true })
  })

  test('every transition is in the audit log with who, what, when and why', async () => {
    const id = await bed.storyIn('returned')
    await p('demo-member').call('story', 'revise', { id, ...storyInput() })
    await p('demo-admin').call('story', 'review', { id, decision: 'reject', reason: '与主题无关' })
    await p('demo-member').call('story', 'withdraw', { id })
    const { data } = await bed.db().collection('audit').where({ targetId: id }).orderBy('at', 'asc').get()
    expect(data.map((e: any) => e.action)).toEqual(['story.submit', 'story.return', 'story.revise', 'story.reject', 'story.withdraw'])
    expect(data[3]).toMatchObject({ actor: 'demo-admin', actorName: '王建国', reason: '与主题无关', detail: { from: 'pending', to: 'rejected' } })
    for (const e of data) expect(e.at).toBeInstanceOf(Date)
    expect((await bed.stored('stories', id)).history).toHaveLength(5)
  })
})

test('a 读书心得 keeps the book it is about, from submission to the published card', async () => {
  const author = p('demo-retired')
  const id = await bed.submit(author, { title: '读《红岩》有感', book: '红岩' })
  expect((await author.call('story', 'get', { id })).data).toMatchObject({ title: '读《红岩》有感', book: '红岩' })
  expect((await bed.demo['demo-secretary'].call('story', 'review', { id, decision: 'approve' })).ok).toBe(true)
  expect((await bed.anonymous.call('story', 'get', { id })).data).toMatchObject({ book: '红岩', status: 'approved' })
})

describe('who may do what to a story', () => {
  // The people around a story written by demo-member (幸福里社区第一党支部, under 幸福里社区党委).
  const ROLES = {
    author: 'demo-member',
    otherMember: 'demo-member-b',
    secretary: 'demo-secretary',
    otherCommunitySecretary: 'demo-secretary-b',
    admin: 'demo-admin',
    unregistered: 'demo-newcomer',
    anonymous: '',
  } as const
  type Role = keyof typeof ROLES
  const who = (role: Role): Caller => (role === 'anonymous' ? bed.anonymous : bed.demo[ROLES[role]])
  const REVIEW_EXPECTED: Record<Role, string> = {
    author: 'FORBIDDEN',
    otherMember: 'FORBIDDEN',
    secretary: 'ok',
    otherCommunitySecretary: 'FORBIDDEN',
    admin: 'ok',
    unregistered: 'NOT_REGISTERED',
    anonymous: 'UNAUTHENTICATED',
  }
  const AUTHOR_ONLY: Record<Role, string> = {
    author: 'ok',
    otherMember: 'FORBIDDEN',
    secretary: 'FORBIDDEN',
    otherCommunitySecretary: 'FORBIDDEN',
    admin: 'FORBIDDEN',
    unregistered: 'NOT_REGISTERED',
    anonymous: 'UNAUTHENTICATED',
  }
  const roles = Object.keys(ROLES) as Role[]

  const decisions: Array<[string, Record<string, unknown>, string]> = [
    ['approve', { decision: 'approve' }, 'approved'],
    ['reject', { decision: 'reject', reason: '请围绕具体事迹来写' }, 'rejected'],
    ['return', { decision: 'return', reason: '请补充细节' }, 'returned'],
  ]
  describe.each(decisions)('%s a pending story', (_name, input, after) => {
    test.each(roles)('by %s', async (role) => {
      const id = await bed.storyIn('pending')
      const r = await who(role).call('story', 'review', { id, ...input })
      expect(outcome(r)).toBe(REVIEW_EXPECTED[role])
      if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(await statusOf(id)).toBe(r.ok ? after : 'pending')
    })
  })

  test.each(roles)('revise a returned story: %s', async (role) => {
    const id = await bed.storyIn('returned')
    const r = await who(role).call('story', 'revise', { id, ...storyInput({ title: '改过的标题' }) })
    expect(outcome(r)).toBe(AUTHOR_ONLY[role])
    const stored = await bed.stored('stories', id)
    expect(stored.status).toBe(r.ok ? 'pending' : 'returned')
    expect(stored.title).toBe(r.ok ? '改过的标题' : '社区里的热心人')
  })

  test.each(roles)('withdraw a published story: %s', async (role) => {
    const id = await bed.storyIn('approved')
    const r = await who(role).call('story', 'withdraw', { id })
    expect(outcome(r)).toBe(AUTHOR_ONLY[role])
    expect(await statusOf(id)).toBe(r.ok ? 'withdrawn' : 'approved')
  })

  const READ_PENDING: Record<Role, string> = {
    author: 'ok', otherMember: 'NOT_FOUND', secretary: 'ok', otherCommunitySecretary: 'NOT_FOUND', admin: 'ok',
    unregistered: 'NOT_FOUND', anonymous: 'NOT_FOUND',
  }
  test.each(roles)('read a story still under review: %s', async (role) => {
    const id = await bed.storyIn('pending')
    const r = await who(role).call('story', 'get', { id })
    expect(outcome(r)).toBe(READ_PENDING[role])
    if (r.ok) expect(r.data.history.map((h: any) => h.event)).toEqual(['submit'])
  })

  test.each(roles)('read a published story: %s', async (role) => {
    const id = await bed.storyIn('approved')
    const r = await who(role).call('story', 'get', { id })
    expect(r.ok).toBe(true)
    expect(r.data).toMatchObject({ id, status: 'approved', mine: role === 'author', liked: false })
    // History and review notes are for the author and the reviewers in scope only; nobody sees the author's openid
    // or the consent and subscription flags on the page.
    const privileged = ['author', 'secretary', 'admin'].includes(role)
    expect(r.data.history !== undefined).toBe(privileged)
    if (!privileged) expect(JSON.stringify(r.data)).not.toContain('demo-member')
    expect(JSON.stringify(r.data)).not.toMatch(/consent|subscribe/)
  })

  const QUEUE: Record<Role, string> = {
    author: 'FORBIDDEN', otherMember: 'FORBIDDEN', secretary: 'listed', otherCommunitySecretary: 'not listed',
    admin: 'listed', unregistered: 'NOT_REGISTERED', anonymous: 'UNAUTHENTICATED',
  }
  test.each(roles)('see a pending story in the review queue: %s', async (role) => {
    const id = await bed.storyIn('pending')
    const first = await who(role).call('story', 'queue')
    const seen = first.ok ? ((await wholeQueue(who(role))).includes(id) ? 'listed' : 'not listed') : first.code
    expect(seen).toBe(QUEUE[role])
  })

  test('a secretary of another community cannot approve this story, and it stays out of their queue', async () => {
    const id = await bed.storyIn('pending', p('demo-retired'))
    const r = await p('demo-secretary-b').call('story', 'review', { id, decision: 'approve', featured: true })
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await wholeQueue(p('demo-secretary-b'))).not.toContain(id)
    expect(await statusOf(id)).toBe('pending')
  })

  test("the secretary of a community reviews stories from its branches, not from the other community's", async () => {
    const mine = await bed.storyIn('pending', await bed.newMember('org-branch-a2', true))
    const theirs = await bed.storyIn('pending', p('demo-member-b'))
    const queue = await wholeQueue(p('demo-secretary'))
    expect(queue).toContain(mine)
    expect(queue).not.toContain(theirs)
    expect((await p('demo-secretary').call('story', 'review', { id: theirs, decision: 'approve' })).code).toBe('FORBIDDEN')
  })

  test('a secretary cannot review a story they wrote themselves', async () => {
    const id = await bed.submit(p('demo-secretary'))
    const r = await p('demo-secretary').call('story', 'review', { id, decision: 'approve', featured: true })
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await p('demo-admin').call('story', 'review', { id, decision: 'approve' })).ok).toBe(true)
  })
})

describe('the review queue', () => {
  test('oldest first, with the count, paged by cursor without repeats', async () => {
    const author = await bed.newMember('org-branch-b1')
    const created: string[] = []
    for (let i = 0; i < 23; i++) created.push(await bed.submit(author, { title: `排队的故事 ${i}` }))
    const first = await p('demo-secretary-b').call('story', 'queue')
    expect(first.data.items).toHaveLength(20)
    const all = await wholeQueue(p('demo-secretary-b'))
    expect(first.data.total).toBe(all.length)
    expect(new Set(all).size).toBe(all.length)
    expect(all.filter((id) => created.includes(id))).toEqual(created)
    expect(first.data.items[0]).toMatchObject({ status: 'pending', content: expect.any(String), flagged: false })
  })
})

describe('the state machine refuses what cannot happen', () => {
  test.each(['approved', 'rejected', 'returned', 'withdrawn'] as const)('a %s story cannot be reviewed again', async (status) => {
    const id = await bed.storyIn(status)
    const r = await p('demo-secretary').call('story', 'review', { id, decision: 'approve' })
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await statusOf(id)).toBe(status)
  })

  test.each(['pending', 'approved', 'rejected', 'withdrawn'] as const)('a %s story cannot be revised', async (status) => {
    const id = await bed.storyIn(status)
    const r = await p('demo-member').call('story', 'revise', { id, ...storyInput() })
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await statusOf(id)).toBe(status)
  })

  test.each(['pending', 'approved', 'rejected', 'returned'] as const)('the author withdraws a %s story', async (status) => {
    const id = await bed.storyIn(status)
    expect(await p('demo-member').call('story', 'withdraw', { id })).toEqual({ ok: true, data: { id, status: 'withdrawn' } })
    expect((await p('demo-member').call('story', 'mine')).data.items.find((s: any) => s.id === id).status).toBe('withdrawn')
  })

  test('withdrawing twice says it is already done', async () => {
    const id = await bed.storyIn('withdrawn')
    expect((await p('demo-member').call('story', 'withdraw', { id })).code).toBe('ALREADY_DONE')
  })

  test('a withdrawn story leaves the feed and its page', async () => {
    const id = await bed.storyIn('approved', p('demo-member'), true)
    expect((await bed.anonymous.call('story', 'feed')).data.items.map((s: any) => s.id)).toContain(id)
    await p('demo-member').call('story', 'withdraw', { id })
    expect((await bed.anonymous.call('story', 'feed')).data.items.map((s: any) => s.id)).not.toContain(id)
    expect((await bed.anonymous.call('story', 'get', { id })).code).toBe('NOT_FOUND')
    expect((await p('demo-member').call('story', 'get', { id })).data.status).toBe('withdrawn')
    expect((await p('demo-member-b').call('story', 'like', { id, liked: true })).code).toBe('NOT_FOUND')
  })

  test('a story that does not exist is not found', async () => {
    expect((await p('demo-admin').call('story', 'review', { id: 'no-such-story', decision: 'approve' })).code).toBe('NOT_FOUND')
    expect((await bed.anonymous.call('story', 'get', { id: 'no-such-story' })).code).toBe('NOT_FOUND')
  })
})

describe('two reviewers at once', () => {
  test('exactly one decision is taken; the other reviewer is told someone was first', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await bed.storyIn('pending')
      const [a, b] = await Promise.all([
        p('demo-secretary').call('story', 'review', { id, decision: 'approve', featured: true }),
        p('demo-admin').call('story', 'review', { id, decision: 'reject', reason: '同时处理' }),
      ])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' })
      const stored = await bed.stored('stories', id)
      expect(stored.status).toBe(a.ok ? 'approved' : 'rejected')
      expect(stored.history.map((h: any) => h.event)).toEqual(['submit', a.ok ? 'approve' : 'reject'])
      const { data: audit } = await bed.db().collection('audit').where({ targetId: id }).get()
      expect(audit).toHaveLength(2)
      const { data: messages } = await bed.db().collection('messages').where({ storyId: id }).get()
      expect(messages).toHaveLength(1)
    }
  })

  test('the author withdrawing while the secretary approves: one of them wins', async () => {
    const id = await bed.storyIn('pending')
    const [w, a] = await Promise.all([
      p('demo-member').call('story', 'withdraw', { id }),
      p('demo-secretary').call('story', 'review', { id, decision: 'approve' }),
    ])
    const stored = await bed.stored('stories', id)
    if (a.ok && w.ok) {
      // The approval came first; the author then withdrew the published story.
      expect(stored.history.map((h: any) => h.event)).toEqual(['submit', 'approve', 'withdraw'])
    } else {
      expect([w, a].filter((r) => !r.ok).map((r) => r.code)).toEqual(['CONFLICT'])
    }
    expect(stored.status).toBe(w.ok ? 'withdrawn' : 'approved')
  })
})

describe('the author is told the result', () => {
  test('a message in 我的 on every platform, and a subscribe message when they asked for one', async () => {
    const author = await bed.newMember('org-branch-a1')
    const told = await bed.submit(author, { title: '一封想收到通知的故事', subscribe: true })
    const quiet = await bed.submit(author, { title: '不需要通知的故事' })
    await p('demo-secretary').call('story', 'review', { id: told, decision: 'reject', reason: '请补充具体事例' })
    await p('demo-secretary').call('story', 'review', { id: quiet, decision: 'approve', featured: true })

    const list = await author.call('story', 'messages')
    // Latest first: the two reviews, then the approval of their registration (the user function's message).
    expect(list.data.items).toHaveLength(3)
    expect(list.data.items[2]).toMatchObject({ title: '您的登记已通过审核' })
    expect(list.data.items[0]).toMatchObject({ storyId: quiet, title: '您的故事已发布', read: false })
    expect(list.data.items[0].body).toMatch(/精选/)
    expect(list.data.items[1]).toMatchObject({ storyId: told, title: '您的故事未通过审核' })
    expect(list.data.items[1].body).toMatch(/请补充具体事例/)

    const sent = await inbox(author.openid)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ touser: author.openid, page: `pages/story/detail?id=${told}` })
    expect(sent[0].data.thing1.value).toBe('一封想收到通知的故事')
    expect(sent[0].data.phrase2.value).toBe('未通过')

    const read = await author.call('story', 'readMessages', { ids: [list.data.items[0].id] })
    expect(read).toEqual({ ok: true, data: { updated: 1 } })
    expect((await author.call('story', 'messages')).data.items.map((m: any) => m.read)).toEqual([true, false, false])
  })

  test('a reason the secretary ended with 「。」 reads with one 「。」, not 「。。」', async () => {
    const author = await bed.newMember('org-branch-a1')
    const id = await bed.submit(author, { title: '句号测试的故事' })
    await p('demo-secretary').call('story', 'review', { id, decision: 'return', reason: '请补充一张照片。' })
    const [message] = (await author.call('story', 'messages')).data.items
    expect(message.body).toBe('《句号测试的故事》需要修改后再提交。修改意见：请补充一张照片。请在“我的故事”中修改。')
  })

  test('a long title is cut to 20 characters in the subscribe message, in full in the message list', async () => {
    const author = await bed.newMember('org-branch-a1')
    const title = '这是一个有整整二十五个字的很长很长的故事标题啊'
    const id = await bed.submit(author, { title, subscribe: true })
    await p('demo-admin').call('story', 'review', { id, decision: 'approve' })
    const [sent] = await inbox(author.openid)
    expect([...sent.data.thing1.value].length).toBeLessThanOrEqual(20)
    expect((await author.call('story', 'messages')).data.items[0].body).toContain(title)
  })

  test("nobody reads or marks someone else's messages", async () => {
    const author = await bed.newMember('org-branch-a1')
    const id = await bed.submit(author)
    await p('demo-admin').call('story', 'review', { id, decision: 'approve' })
    const [message] = (await author.call('story', 'messages')).data.items
    expect((await p('demo-member-b').call('story', 'messages')).data.items.map((m: any) => m.id)).not.toContain(message.id)
    expect(await p('demo-member-b').call('story', 'readMessages', { ids: [message.id] })).toEqual({ ok: true, data: { updated: 0 } })
    expect((await author.call('story', 'messages')).data.items[0].read).toBe(false)
  })
})

describe('submitting', () => {
  test('a story about another member keeps their name, organisation and whether they are retired', async () => {
    const id = await bed.submit(p('demo-member'), {
      subject: { name: '李振华', orgId: 'org-branch-a2', retired: true, consent: true },
    })
    const r = await p('demo-member').call('story', 'get', { id })
    expect(r.data.subject).toEqual({ self: false, name: '李振华', orgName: '幸福里社区离退休党支部', retired: true })
  })

  test('a story about oneself carries the author as its subject', async () => {
    const id = await bed.submit(p('demo-retired'))
    const r = await p('demo-retired').call('story', 'get', { id })
    expect(r.data.subject).toEqual({ self: true, name: '陈秀英', orgName: '幸福里社区离退休党支部', retired: true })
  })

  test('submitting the same draft twice (a retry, a double tap) makes one story', async () => {
    const author = await bed.newMember('org-branch-a1')
    const input = storyInput({ draftId: 'draft-20261127-abc' })
    const answers = await Promise.all([1, 2, 3].map(() => author.call('story', 'submit', input)))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(new Set(answers.map((a) => a.data.id)).size).toBe(1)
    expect((await author.call('story', 'mine')).data.items).toHaveLength(1)
  })

  test("someone else's story id for revise or withdraw is refused and nothing is written", async () => {
    const id = await bed.storyIn('returned', p('demo-member'))
    for (const [action, input] of [['revise', { id, ...storyInput({ title: '冒名修改' }) }], ['withdraw', { id }]] as const) {
      await resetMetrics(bed.emu)
      const r = await p('demo-retired').call('story', action, input)
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(r.message).toMatch(/自己/)
      expect(await writesSinceReset(bed.emu)).toBe(0)
    }
    expect((await bed.stored('stories', id)).title).toBe('社区里的热心人')
  })
})

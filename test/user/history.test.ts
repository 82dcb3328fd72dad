// A record's history (操作记录): the district office reads any; a secretary reads those of the stories, classes, sites
// and people in their scope; anything else is answered as a record that does not exist; members are refused.
import { classInput } from '../classroom/support'
import { ApiAnswer, Caller } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { siteInput } from '../site/support'
import { storyInput } from '../story/support'

const bed = useBed()
jest.setTimeout(60_000)

const A = () => bed.demo['demo-secretary']
const B = () => bed.demo['demo-secretary-b']
const admin = () => bed.demo['demo-admin']
const history = (who: Caller, type: string, id: string, cursor?: string) =>
  who.call('user', 'history', { type, id, ...(cursor ? { cursor } : {}) })

async function ok(p: Promise<ApiAnswer>): Promise<any> {
  const r = await p
  expect(r).toMatchObject({ ok: true })
  return r.data
}

/** A story of community A's member, approved by A's secretary. */
async function reviewedStory() {
  const { id } = await ok(bed.demo['demo-member'].call('story', 'submit', storyInput()))
  await ok(A().call('story', 'review', { id, decision: 'approve', featured: false }))
  return id as string
}

async function classOf(secretary: Caller) {
  const start = new Date((await bed.now()).getTime() + 60 * 60_000)
  return (await ok(secretary.call('classroom', 'create', classInput(start)))).id as string
}

test("community A's secretary reads the history of A's story, newest first, with who, what and why", async () => {
  const id = await reviewedStory()
  const page = await ok(history(A(), 'story', id))
  expect(page.items.map((e: any) => [e.action, e.actionLabel, e.actorName])).toEqual([
    ['story.approve', '审核通过', '李芳'],
    ['story.submit', '提交故事', expect.any(String)],
  ])
  expect(page.items[0]).toMatchObject({ detail: { from: 'pending', to: 'approved' }, at: expect.stringMatching(/^\d{4}-/) })
  expect(page.nextCursor).toBeNull()
  expect((await ok(history(admin(), 'story', id))).items).toHaveLength(2)
})

test("community A's secretary cannot read B's records: answered as a record that does not exist", async () => {
  const story = await ok(bed.demo['demo-member-b'].call('story', 'submit', storyInput()))
  const classId = await classOf(B())
  const site = await ok(B().call('site', 'create', siteInput({ name: '和平社区测试基地' })))
  const targets: Array<[string, string, string]> = [
    ['story', story.id, '这个故事不存在或已被删除'],
    ['class', classId, '这个课程不存在或已被删除'],
    ['site', site.id, '这个阵地不存在或已被删除'],
    ['person', 'demo-member-b', '这个人员不存在或已被删除'],
  ]
  for (const [type, id, message] of targets) {
    const theirs = await history(A(), type, id)
    const nothing = await history(A(), type, `${id}x`)
    expect([type, theirs]).toEqual([type, { ok: false, code: 'NOT_FOUND', message }])
    expect([type, nothing]).toEqual([type, theirs])
    expect([type, (await history(B(), type, id)).ok]).toEqual([type, true])
    expect([type, (await history(admin(), type, id)).ok]).toEqual([type, true])
  }
})

test('members are refused, whatever the record', async () => {
  const id = await reviewedStory()
  for (const who of ['demo-member', 'demo-retired'] as const) {
    expect(await history(bed.demo[who], 'story', id)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  }
  expect(await history(bed.anonymous, 'story', id)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
})

test("a class's history holds its marks, page by page; a person's holds the marks of them and their role", async () => {
  const classId = await classOf(A())
  const people = await bed.members(21, 'org-branch-a1')
  for (const p of people) {
    await ok(A().call('classroom', 'mark', { classId, userId: p.openid, status: 'leave', reason: '外出' }))
  }
  await ok(A().call('classroom', 'cancel', { classId, reason: '暴雨' }))
  const first = await ok(history(A(), 'class', classId))
  expect(first.items).toHaveLength(20)
  expect(first.items[0]).toMatchObject({ action: 'classroom.cancel', reason: '暴雨' })
  const second = await ok(history(A(), 'class', classId, first.nextCursor))
  expect(second.nextCursor).toBeNull()
  const all = [...first.items, ...second.items]
  expect(all.map((e: any) => e.action).sort()).toEqual(['classroom.cancel', 'classroom.create', ...Array(21).fill('classroom.mark')].sort())
  expect(new Set(all.map((e: any) => e.id)).size).toBe(all.length)

  await ok(admin().call('user', 'setRole', { openid: people[0].openid, role: 'secretary' }))
  const person = await ok(history(A(), 'person', people[0].openid))
  expect(person.items.map((e: any) => e.action)).toEqual(['user.setRole', 'classroom.mark'])
  expect(person.items[1].detail).toMatchObject({ classId, to: 'leave' })
})

test('a cursor not made by the list is refused on its field', async () => {
  const id = await reviewedStory()
  expect(await A().call('user', 'history', { type: 'story', id, cursor: 'not-a-cursor' })).toMatchObject({
    ok: false, code: 'INVALID_INPUT', fields: [{ field: 'cursor' }],
  })
  expect(await A().call('user', 'history', { type: 'booking', id })).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
})

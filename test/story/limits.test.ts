// Counts that cannot be inflated: a view counts once per person (or device) per story per Asia/Shanghai day, a share
// once per person; likes, shares, upload tickets and submissions are rate-limited per person, and a refused call
// answers RATE_LIMITED in Chinese, saying when to try again, and writes nothing.
import type { ApiAnswer, Caller } from '../helpers/api'
import { storyInput, useTestbed } from './support'

const bed = useTestbed()

afterEach(() => bed.setClock(null))

const views = async (id: string) => (await bed.stored('stories', id)).views
const shares = async (id: string) => (await bed.stored('stories', id)).shares

test('a view counts once per person, and once per device without sign-in, per Shanghai day', async () => {
  const id = await bed.storyIn('approved')
  await bed.setClock('2031-05-20T23:50:00+08:00')
  const member = bed.demo['demo-member-b']
  for (let i = 0; i < 3; i++) await member.call('story', 'get', { id })
  expect(await views(id)).toBe(1)
  for (let i = 0; i < 3; i++) await bed.anonymous.call('story', 'get', { id, device: 'phone-1' })
  expect(await views(id)).toBe(2)
  // Without sign-in or a device there is nobody to count once: the page is shown, nothing is counted.
  const nobody = await bed.anonymous.call('story', 'get', { id })
  expect(nobody.data.views).toBe(2)
  await bed.setClock('2031-05-21T00:10:00+08:00')
  await member.call('story', 'get', { id })
  await member.call('story', 'get', { id })
  await bed.anonymous.call('story', 'get', { id, device: 'phone-1' })
  expect(await views(id)).toBe(4)
})

test('a share counts once per person per Shanghai day', async () => {
  const id = await bed.storyIn('approved')
  await bed.setClock('2031-05-20T12:00:00+08:00')
  const member = bed.demo['demo-member-b']
  const answers = await Promise.all(Array.from({ length: 5 }, () => member.call('story', 'share', { id })))
  expect(answers.map((a) => a.data.shares)).toEqual([1, 1, 1, 1, 1])
  await bed.setClock('2031-05-21T09:00:00+08:00')
  expect((await member.call('story', 'share', { id })).data.shares).toBe(2)
  expect(await shares(id)).toBe(2)
})

/**
 * Calls `call` `limit` times (all served), then once more: RATE_LIMITED, in Chinese, saying when to try again. The
 * refused call changes no document: the counter stays at the limit, and `unchanged` (what the action would change)
 * reads the same before and after.
 */
async function overLimit(who: Caller, limit: number, call: () => Promise<ApiAnswer>, minutes: number, unchanged: () => Promise<unknown>) {
  for (let i = 0; i < limit; i++) expect((await call()).code).not.toBe('RATE_LIMITED')
  const before = await unchanged()
  const refused = await call()
  expect(refused).toEqual({ ok: false, code: 'RATE_LIMITED', message: `操作太频繁，请 ${minutes} 分钟后再试` })
  expect(await unchanged()).toEqual(before)
  const counters = (await bed.db().collection('rateLimits').where({ openid: who.openid }).get()).data
  expect(counters.map((c: { count: number }) => c.count)).toEqual([limit])
}

test('likes: 30 a minute per person', async () => {
  const id = await bed.storyIn('approved')
  await bed.setClock('2031-05-20T12:00:00+08:00')
  const member = bed.demo['demo-member-b']
  let taps = 0
  await overLimit(member, 30, () => member.call('story', 'like', { id, liked: taps++ % 2 === 0 }), 1, () => bed.stored('stories', id))
  // 30 taps (like, unlike, ...): not liked; the refused 31st changed nothing.
  expect((await member.call('story', 'get', { id })).data).toMatchObject({ liked: false, likes: 0 })
  // Someone else is not held back by it.
  expect((await bed.demo['demo-member'].call('story', 'like', { id, liked: true })).data).toEqual({ liked: true, likes: 1 })
  await bed.setClock('2031-05-20T12:01:00+08:00')
  expect((await member.call('story', 'like', { id, liked: true })).ok).toBe(true)
})

test('shares: 10 a minute per person', async () => {
  const id = await bed.storyIn('approved')
  await bed.setClock('2031-05-20T12:00:00+08:00')
  const member = bed.demo['demo-member-b']
  await overLimit(member, 10, () => member.call('story', 'share', { id }), 1, () => bed.stored('stories', id))
})

test('upload tickets: 30 in ten minutes per person', async () => {
  await bed.setClock('2031-05-20T12:00:00+08:00')
  const member = bed.demo['demo-member-b']
  await overLimit(member, 30, () => member.call('story', 'uploadPhoto'), 10, async () => null)
})

test('submissions: 30 an hour per person; bad input is refused before it counts', async () => {
  const author = await bed.newMember('org-branch-a1')
  await bed.setClock('2031-05-20T12:30:00+08:00')
  for (let i = 0; i < 5; i++) expect((await author.call('story', 'submit', { ...storyInput(), title: '' })).code).toBe('INVALID_INPUT')
  const stories = async () => (await bed.db().collection('stories').where({ author: author.openid }).count()).total
  await overLimit(author, 30, () => author.call('story', 'submit', storyInput({ title: `第 ${Math.random()} 篇` })), 30, stories)
  expect(await stories()).toBe(30)
})

test('the limit holds for calls at once: the database counts, not a read before the write', async () => {
  const id = await bed.storyIn('approved')
  await bed.setClock('2031-05-20T12:00:00+08:00')
  const member = bed.demo['demo-member-b']
  const answers = await Promise.all(Array.from({ length: 16 }, () => member.call('story', 'share', { id })))
  expect(answers.filter((a) => a.ok)).toHaveLength(10)
  expect(answers.filter((a) => a.code === 'RATE_LIMITED')).toHaveLength(6)
  expect((await bed.db().collection('rateLimits').where({ openid: member.openid }).get()).data).toMatchObject([{ count: 10 }])
})

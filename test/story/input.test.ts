// Bad input is refused in Chinese, naming the field, before anything is read or written; text WeChat's content
// check refuses is never stored.
import { metrics, resetMetrics } from '../helpers/api'
import { until } from '../helpers/bed'
import { BadInput, runBadInput } from '../helpers/badInput'
import { storyInput, useTestbed } from './support'

const bed = useTestbed()

const story = storyInput()
const image = (n: number) => `cloud://pioneer-local.bucket/stories/${n}.jpg`

describe('bad input is refused, naming the field, and touches nothing', () => {
  const bad: BadInput[] = [
    ['submit', { ...story, title: undefined }, 'title'],
    ['submit', { ...story, title: '长'.repeat(31) }, 'title'],
    ['submit', { ...story, title: '   ' }, 'title'],
    ['submit', { ...story, title: 123 }, 'title'],
    ['submit', { ...story, content: '字'.repeat(2001) }, 'content'],
    ['submit', { ...story, content: ['正文'] }, 'content'],
    ['submit', { ...story, category: '八卦' }, 'category'],
    ['submit', { ...story, category: { $ne: null } }, 'category'],
    ['submit', { ...story, images: Array.from({ length: 10 }, (_, i) => image(i)) }, 'images'],
    ['submit', { ...story, images: ['https://example.com/a.jpg'] }, 'images.0'],
    ['submit', { ...story, images: [`cloud://pioneer-local.bucket/${'a'.repeat(250)}.jpg`] }, 'images.0'],
    ['submit', { ...story, images: [{ $regex: '.*' }] }, 'images.0'],
    ['submit', { ...story, images: image(1) }, 'images'],
    ['submit', { ...story, subject: undefined }, 'subject'],
    ['submit', { ...story, subject: { self: false } }, 'subject.name'],
    ['submit', { ...story, subject: { self: 'me' } }, 'subject.self'],
    ['submit', { ...story, subject: { name: '李振华', retired: true } }, 'subject.consent'],
    ['submit', { ...story, subject: { name: '李振华', retired: true, consent: false } }, 'subject.consent'],
    ['submit', { ...story, subject: { name: '李振华', consent: true } }, 'subject.retired'],
    ['submit', { ...story, subject: { self: true, name: '别人' } }, 'subject.name'],
    ['submit', { ...story, subject: { name: '李振华', retired: true, consent: true, orgId: { $gt: '' } } }, 'subject.orgId'],
    ['submit', { ...story, subject: { name: '李'.repeat(21), retired: true, consent: true } }, 'subject.name'],
    ['submit', { ...story, subscribe: 'yes' }, 'subscribe'],
    ['submit', { ...story, status: 'approved' }, 'status'],
    ['submit', { ...story, author: 'demo-admin' }, 'author'],
    ['submit', { ...story, draftId: { $exists: true } }, 'draftId'],
    ['revise', { ...story, id: { $ne: null } }, 'id'],
    ['revise', { ...story }, 'id'],
    ['withdraw', { id: ['story-seed-barber'] }, 'id'],
    ['withdraw', { id: 'x'.repeat(65) }, 'id'],
    ['review', { id: 'story-seed-courier', decision: 'publish' }, 'decision'],
    ['review', { id: 'story-seed-courier', decision: 'reject' }, 'reason'],
    ['review', { id: 'story-seed-courier', decision: 'return' }, 'reason'],
    ['review', { id: 'story-seed-courier', decision: 'reject', reason: '因'.repeat(501) }, 'reason'],
    ['review', { id: 'story-seed-courier', decision: 'reject', reason: '不行', featured: true }, 'featured'],
    ['review', { id: { $regex: '.*' }, decision: 'approve' }, 'id'],
    ['review', { id: 'story-seed-courier', decision: 'approve', featured: 'true' }, 'featured'],
    ['feed', { limit: 21 }, 'limit'],
    ['feed', { limit: 0 }, 'limit'],
    ['feed', { limit: '20' }, 'limit'],
    ['feed', { cursor: { $lt: 'z' } }, 'cursor'],
    ['feed', { category: ['veteran'] }, 'category'],
    ['get', {}, 'id'],
    ['get', { id: { $exists: true } }, 'id'],
    ['like', { id: 42, liked: true }, 'id'],
    ['like', { id: 'story-1' }, 'liked'],
    ['like', { id: 'story-1', liked: 'yes' }, 'liked'],
    ['share', { id: null }, 'id'],
    ['queue', { cursor: 7 }, 'cursor'],
    ['mine', { author: 'demo-retired' }, 'author'],
    ['messages', { openid: 'demo-member' }, 'openid'],
    ['readMessages', { ids: [] }, 'ids'],
    ['readMessages', { ids: { $ne: null } }, 'ids'],
    ['stats', { month: '2026-13' }, 'month'],
    ['stats', { month: '2026/11' }, 'month'],
    ['stats', { orgId: { $in: ['org-district'] } }, 'orgId'],
  ]
  runBadInput(bed, 'story', bad)

  test.each([
    ['an unknown organisation', 'org-nowhere', '没有找到被讲述人所在的党组织，请重新选择'],
    ['a street committee (it leads organisations, not members)', 'org-street-donghu', '区委和街道党工委不直接管理党员，请选择所在的党支部或社区党组织'],
  ])('%s for the person written about is refused and nothing is stored', async (_case, orgId, message) => {
    const before = (await bed.demo['demo-member'].call('story', 'mine')).data.items.length
    const r = await bed.demo['demo-member'].call('story', 'submit', {
      ...story, subject: { name: '李振华', orgId, retired: true, consent: true },
    })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'subject.orgId', message }] })
    expect((await bed.demo['demo-member'].call('story', 'mine')).data.items).toHaveLength(before)
  })

  test('the longest allowed story and nine photos are accepted', async () => {
    const author = bed.demo['demo-member']
    const r = await author.call('story', 'submit', {
      ...story, title: '题'.repeat(30), content: '文'.repeat(2000), images: await Promise.all(Array.from({ length: 9 }, () => bed.photo(author))),
    })
    expect(r).toMatchObject({ ok: true, data: { status: 'pending' } })
    // The photos' verdicts come in before the next test counts operations.
    const checked = await until(() => bed.stored('stories', r.data.id), (s) => s.photoChecks.length === 0)
    expect(checked.photoChecks).toEqual([])
  })
})

describe('content safety', () => {
  const refusedTitle = '加微信领取 免费礼品'

  test.each([
    ['title', { title: refusedTitle }],
    ['content', { content: `社区活动很精彩，违禁测试词，欢迎大家参加。` }],
    ['subject.name', { subject: { name: '违禁测试词', retired: false, consent: true } }],
  ])('refused text in %s answers CONTENT_REJECTED naming it, and nothing is stored', async (field, overrides) => {
    const author = await bed.newMember('org-branch-a1')
    await resetMetrics(bed.emu)
    const r = await author.call('story', 'submit', storyInput(overrides))
    expect(r).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    expect(r.fields!.map((f) => f.field)).toEqual([field])
    expect(r.message).toMatch(/不宜发布/)
    const { byAction } = await metrics(bed.emu)
    // The only writes are the attempt's count against the author's submission limit: the window's first call finds
    // no counter to raise (an update), then makes it (an insert).
    expect(byAction['database.insertDocument'] ?? 0).toBe(1)
    expect(byAction['database.modifyDocument'] ?? 0).toBe(1)
    expect((await bed.db().collection('rateLimits').where({ openid: author.openid }).get()).data).toMatchObject([{ count: 1 }])
    expect((await author.call('story', 'mine')).data.items).toHaveLength(0)
  })

  test('the word list is matched through spaces and full-width letters', async () => {
    const author = await bed.newMember('org-branch-a1')
    const r = await author.call('story', 'submit', storyInput({ content: '违 禁 测 试 词' }))
    expect(r.code).toBe('CONTENT_REJECTED')
  })

  test('a revision is checked again; the refused revision leaves the returned story as it was', async () => {
    const id = await bed.storyIn('returned')
    const r = await bed.demo['demo-member'].call('story', 'revise', { id, ...storyInput({ title: refusedTitle }) })
    expect(r).toMatchObject({ ok: false, code: 'CONTENT_REJECTED', fields: [{ field: 'title' }] })
    const stored = await bed.stored('stories', id)
    expect(stored).toMatchObject({ status: 'returned', title: '社区里的热心人' })
  })

  test('a story that merely talks about a topic passes', async () => {
    const author = await bed.newMember('org-branch-a1')
    const r = await author.call('story', 'submit', storyInput({ content: '他常年在社区做禁毒宣传，提醒大家远离赌博、防范电信诈骗。' }))
    expect(r.ok).toBe(true)
  })
})

// Publishing and spreading: the feed (featured first, then newest, paged by cursor), the public story page, likes
// that stay exact under concurrent taps, views and shares — and what each costs in database operations.
import { as, costOf, metrics, resetMetrics } from '../helpers/api'
import { until } from '../helpers/bed'
import { useTestbed } from './support'

const bed = useTestbed()

/** Every card of the feed, page by page. */
async function wholeFeed(input: Record<string, unknown> = {}) {
  const cards: any[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 50; pages++) {
    const r = await bed.anonymous.call('story', 'feed', { ...input, ...(cursor ? { cursor } : {}) })
    expect(r.ok).toBe(true)
    cards.push(...r.data.items)
    cursor = r.data.nextCursor ?? undefined
    if (!cursor) return cards
  }
  throw new Error('the feed did not end')
}

beforeAll(async () => {
  // Enough published stories for more than one full page.
  for (let i = 0; i < 22; i++) {
    const id = await bed.submit(bed.demo[i % 2 ? 'demo-member' : 'demo-member-b'], {
      title: `发布的故事 ${i}`, category: i % 3 ? 'volunteer' : 'frontline',
    })
    expect((await bed.demo['demo-admin'].call('story', 'review', { id, decision: 'approve', featured: i === 5 })).ok).toBe(true)
  }
})

describe('the feed', () => {
  test('featured stories come first, then the newest published; pages never repeat or skip a story', async () => {
    const cards = await wholeFeed({ limit: 7 })
    expect(cards.length).toBeGreaterThanOrEqual(26) // 22 published here + 4 in the demo district
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length)
    const featured = cards.filter((c) => c.featured)
    expect(featured.length).toBeGreaterThanOrEqual(3)
    expect(cards.slice(0, featured.length).every((c) => c.featured)).toBe(true)
    for (const group of [featured, cards.filter((c) => !c.featured)]) {
      const times = group.map((c) => c.publishedAt)
      expect([...times].sort().reverse()).toEqual(times)
    }
    expect(cards.find((c) => c.title === '发布的故事 5').featured).toBe(true)
  })

  test('the seeded district shows published stories from both communities, with their likes', async () => {
    const cards = await wholeFeed()
    const barber = cards.find((c) => c.id === 'story-seed-barber')
    expect(barber).toMatchObject({ featured: true, likes: 3, orgName: '幸福里社区离退休党支部', subject: { retired: true } })
    expect(cards.find((c) => c.id === 'story-seed-canteen').orgName).toBe('和平社区第一党支部')
    expect(cards.map((c) => c.id)).not.toContain('story-seed-courier') // still under review
  })

  test('a category shows only its stories, still featured first', async () => {
    const cards = await wholeFeed({ category: 'frontline', limit: 3 })
    expect(cards.length).toBeGreaterThanOrEqual(8)
    expect(cards.every((c) => c.category === 'frontline')).toBe(true)
    expect(cards[0].featured).toBe(true)
  })

  test('pull to refresh after a new story is published shows it at the top of the non-featured stories', async () => {
    const id = await bed.storyIn('approved', bed.demo['demo-retired'])
    const cards = await wholeFeed()
    expect(cards.find((c) => !c.featured).id).toBe(id)
  })

  test('one page of 20 costs at most 2 database operations, signed in or not', async () => {
    const anonymous = await costOf(bed.emu, () => bed.anonymous.call('story', 'feed', { limit: 20 }))
    expect(anonymous.result.data.items).toHaveLength(20)
    const signedIn = await costOf(bed.emu, () => bed.demo['demo-member'].call('story', 'feed', { limit: 20 }))
    expect(signedIn.result.data.items).toHaveLength(20)
    const next = await costOf(bed.emu, () => bed.demo['demo-member'].call('story', 'feed', { limit: 20, cursor: signedIn.result.data.nextCursor }))
    expect(next.result.ok).toBe(true)
    console.log(`feed page of 20: ${anonymous.ops} op(s) anonymous, ${signedIn.ops} signed in, ${next.ops} for the next page`)
    expect(anonymous.ops).toBeLessThanOrEqual(2)
    expect(signedIn.ops).toBeLessThanOrEqual(2)
    expect(next.ops).toBeLessThanOrEqual(2)
  })

  test('a forged cursor is refused before the database is asked', async () => {
    await resetMetrics(bed.emu)
    const r = await bed.anonymous.call('story', 'feed', { cursor: '{"$gt":""}' })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'cursor' }] })
    expect((await metrics(bed.emu)).total).toBe(0)
  })
})

describe('the story page', () => {
  test('renders without sign-in, counts the view (by the device), and says not liked', async () => {
    const id = await bed.storyIn('approved')
    const first = await bed.anonymous.call('story', 'get', { id, device: 'phone-1' })
    expect(first.data).toMatchObject({ id, liked: false, mine: false, views: 1, likes: 0, shares: 0 })
    expect(first.data.content).toMatch(/十年如一日/)
    const second = await bed.demo['demo-member-b'].call('story', 'get', { id })
    expect(second.data.views).toBe(2)
  })

  test('photos come back with temporary URLs once the media check has cleared them', async () => {
    const image = await bed.photo(bed.demo['demo-member'])
    const id = await bed.submit(bed.demo['demo-member'], { images: [image] })
    await bed.demo['demo-admin'].call('story', 'review', { id, decision: 'approve' })
    const r = await until(() => bed.anonymous.call('story', 'get', { id }), (a) => a.data.images.length === 1)
    expect(r.data.images).toEqual([{ fileID: image, url: expect.any(String) }])
    expect(r.data.imageCount).toBe(1)
  })

  test('sharing is counted once a day per person; a share without sign-in is not counted', async () => {
    const id = await bed.storyIn('approved')
    expect(await bed.anonymous.call('story', 'share', { id })).toEqual({ ok: true, data: { shares: 0 } })
    expect(await bed.demo['demo-member-b'].call('story', 'share', { id })).toEqual({ ok: true, data: { shares: 1 } })
    expect(await bed.demo['demo-member-b'].call('story', 'share', { id })).toEqual({ ok: true, data: { shares: 1 } })
    expect(await bed.demo['demo-member'].call('story', 'share', { id })).toEqual({ ok: true, data: { shares: 2 } })
    expect((await bed.anonymous.call('story', 'get', { id })).data.shares).toBe(2)
    const pending = await bed.storyIn('pending')
    expect((await bed.anonymous.call('story', 'share', { id: pending })).code).toBe('NOT_FOUND')
  })

  test('a published story page costs at most 5 database operations (3 round trips), 4 once viewed today', async () => {
    const id = await bed.storyIn('approved')
    const anonymous = await costOf(bed.emu, () => bed.anonymous.call('story', 'get', { id }))
    const device = await costOf(bed.emu, () => bed.anonymous.call('story', 'get', { id, device: 'phone-2' }))
    const signedIn = await costOf(bed.emu, () => bed.demo['demo-member-b'].call('story', 'get', { id }))
    const again = await costOf(bed.emu, () => bed.demo['demo-member-b'].call('story', 'get', { id }))
    console.log(`story page: ${anonymous.ops} op(s) anonymous, ${device.ops} by a device, ${signedIn.ops} signed in, ${again.ops} again`)
    // The story (signed in: my like and who I am alongside), then, as it is published, the view's mark for the day
    // and the count. The story is read first so that asking for a missing or unpublished one writes nothing.
    expect(anonymous.ops).toBeLessThanOrEqual(1)
    expect(device.ops).toBeLessThanOrEqual(3)
    expect(signedIn.ops).toBeLessThanOrEqual(5)
    expect(again.ops).toBeLessThanOrEqual(4)
  })
})

describe('likes', () => {
  test('a like counts once; repeating it (a retry, a double tap) changes nothing; taking it back does', async () => {
    const id = await bed.storyIn('approved')
    const member = bed.demo['demo-member-b']
    expect(await member.call('story', 'like', { id, liked: true })).toEqual({ ok: true, data: { liked: true, likes: 1 } })
    expect(await member.call('story', 'like', { id, liked: true })).toEqual({ ok: true, data: { liked: true, likes: 1 } })
    expect((await member.call('story', 'get', { id })).data).toMatchObject({ liked: true, likes: 1 })
    expect(await member.call('story', 'like', { id, liked: false })).toEqual({ ok: true, data: { liked: false, likes: 0 } })
    expect(await member.call('story', 'like', { id, liked: false })).toEqual({ ok: true, data: { liked: false, likes: 0 } })
    expect((await member.call('story', 'get', { id })).data).toMatchObject({ liked: false, likes: 0 })
  })

  test('50 people liking at once make exactly 50 likes', async () => {
    const id = await bed.storyIn('approved')
    const people = await Promise.all(Array.from({ length: 50 }, () => bed.visitor()))
    const answers = await Promise.all(people.map((v) => v.call('story', 'like', { id, liked: true })))
    expect(answers.every((a) => a.ok && a.data.liked)).toBe(true)
    expect(answers.map((a) => a.data.likes).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect((await bed.anonymous.call('story', 'get', { id })).data.likes).toBe(50)
    const { total } = await bed.db().collection('storyLikes').where({ storyId: id }).count()
    expect(total).toBe(50)
  })

  test('one person tapping many times at once ends with 0 or 1 like, matching what they see', async () => {
    for (const taps of [2, 7, 10]) {
      const id = await bed.storyIn('approved')
      const member = await as(bed.emu, `tapper-${taps}`)
      const answers = await Promise.all(Array.from({ length: taps }, (_, i) => member.call('story', 'like', { id, liked: i % 2 === 0 })))
      expect(answers.every((a) => a.ok)).toBe(true)
      const page = (await member.call('story', 'get', { id })).data
      expect([0, 1]).toContain(page.likes)
      expect(page.liked).toBe(page.likes === 1)
      const { total } = await bed.db().collection('storyLikes').where({ storyId: id }).count()
      expect(total).toBe(page.likes)
    }
  })

  test('a like costs at most 6 database operations (the story, the like\'s own, the rate limit, the H5 session\'s check)', async () => {
    const id = await bed.storyIn('approved')
    const like = await costOf(bed.emu, () => bed.demo['demo-member'].call('story', 'like', { id, liked: true }))
    expect(like.result.data).toEqual({ liked: true, likes: 1 })
    const unlike = await costOf(bed.emu, () => bed.demo['demo-member'].call('story', 'like', { id, liked: false }))
    expect(unlike.result.data).toEqual({ liked: false, likes: 0 })
    console.log(`like: ${like.ops} op(s); taking it back: ${unlike.ops}`)
    // The story (read first, so that liking a missing or unpublished one writes nothing), the like's own (insert,
    // count), the rate limit's counter (one operation, two for the window's first call) and, through HTTP access,
    // the read of the person's record that checks the session is still on (sign-out, role).
    expect(like.ops).toBeLessThanOrEqual(6)
    // Taking it back: the story, the removal, the count, the rate limit and the session's check.
    expect(unlike.ops).toBeLessThanOrEqual(5)
  })

  test('liking needs a WeChat identity, not registration; a story under review cannot be liked', async () => {
    const id = await bed.storyIn('approved')
    expect((await bed.anonymous.call('story', 'like', { id, liked: true })).code).toBe('UNAUTHENTICATED')
    expect((await bed.demo['demo-newcomer'].call('story', 'like', { id, liked: true })).data).toEqual({ liked: true, likes: 1 })
    const pending = await bed.storyIn('pending')
    expect((await bed.demo['demo-member-b'].call('story', 'like', { id: pending, liked: true })).code).toBe('NOT_FOUND')
    expect((await bed.demo['demo-member-b'].call('story', 'like', { id: pending, liked: false })).code).toBe('NOT_FOUND')
    const { total } = await bed.db().collection('storyLikes').where({ storyId: pending }).count()
    expect(total).toBe(0)
  })
})

test('reading, liking or sharing a missing or unpublished story writes nothing (no mark or like made and taken back)', async () => {
  const pending = await bed.storyIn('pending')
  for (const id of [pending, 'no-such-story']) {
    for (const [who, action, input] of [
      [bed.anonymous, 'get', { id, device: 'phone-9' }], [bed.demo['demo-member-b'], 'get', { id }],
      [bed.demo['demo-member-b'], 'like', { id, liked: true }], [bed.demo['demo-member-b'], 'like', { id, liked: false }],
      [bed.demo['demo-member-b'], 'share', { id }],
    ] as const) {
      await resetMetrics(bed.emu)
      expect((await who.call('story', action, input)).code).toBe('NOT_FOUND')
      const { writesByCollection } = await metrics(bed.emu)
      // The like's rate limit counts the attempt; nothing else is written.
      expect([action, Object.keys(writesByCollection).filter((c) => c !== 'rateLimits')]).toEqual([action, []])
    }
  }
})

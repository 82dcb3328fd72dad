// Monthly story figures per organisation, counted as events happen in the Asia/Shanghai month they happen in,
// for the story's organisation and every organisation above it; read by secretaries for their subtree.
import { costOf, fireTimer } from '../helpers/api'
import { useTestbed } from './support'

// Each file has its own emulator, so a test that moves its clock leaves no other file's time moved.
const bed = useTestbed()

type Figures = { submitted: number; approved: number; featured: number; aboutRetired: number }
const ZERO: Figures = { submitted: 0, approved: 0, featured: 0, aboutRetired: 0 }

/** month → orgId → figures, as the district office reads them. */
async function districtFigures(month: string): Promise<Record<string, Figures>> {
  const r = await bed.demo['demo-admin'].call('story', 'stats', { month })
  expect(r.ok).toBe(true)
  return Object.fromEntries(r.data.items.map((i: any) => [i.orgId, {
    submitted: i.submitted, approved: i.approved, featured: i.featured, aboutRetired: i.aboutRetired,
  }]))
}

function delta(after: Record<string, Figures>, before: Record<string, Figures>, orgId: string): Figures {
  const a = after[orgId] ?? ZERO
  const b = before[orgId] ?? ZERO
  return { submitted: a.submitted - b.submitted, approved: a.approved - b.approved, featured: a.featured - b.featured, aboutRetired: a.aboutRetired - b.aboutRetired }
}

describe('figures follow the events, month by month in Asia/Shanghai', () => {
  test('a day that is still 30 November in UTC but already 1 December in Shanghai counts in December', async () => {
    const beforeNov = await districtFigures('2026-11')
    const beforeDec = await districtFigures('2026-12')
    const veteran = await bed.newMember('org-branch-a2', true)

    await bed.setClock('2026-11-30T15:59:00Z') // 23:59 on 30 November in Shanghai
    const aboutSelf = await bed.submit(veteran)
    await bed.submit(bed.demo['demo-member'], { subject: { name: '李振华', retired: true, consent: true } })
    await bed.submit(bed.demo['demo-member']) // about himself, not retired

    await bed.setClock('2026-11-30T16:30:00Z') // 00:30 on 1 December in Shanghai
    expect((await bed.demo['demo-secretary'].call('story', 'review', { id: aboutSelf, decision: 'approve', featured: true })).ok).toBe(true)
    await bed.submit(bed.demo['demo-member-b'])

    const nov = await districtFigures('2026-11')
    const dec = await districtFigures('2026-12')
    expect(delta(nov, beforeNov, 'org-branch-a2')).toEqual({ submitted: 1, approved: 0, featured: 0, aboutRetired: 1 })
    expect(delta(nov, beforeNov, 'org-branch-a1')).toEqual({ submitted: 2, approved: 0, featured: 0, aboutRetired: 1 })
    expect(delta(nov, beforeNov, 'org-community-a')).toEqual({ submitted: 3, approved: 0, featured: 0, aboutRetired: 2 })
    expect(delta(nov, beforeNov, 'org-community-b')).toEqual(ZERO)
    expect(delta(dec, beforeDec, 'org-branch-a2')).toEqual({ submitted: 0, approved: 1, featured: 1, aboutRetired: 0 })
    expect(delta(dec, beforeDec, 'org-community-a')).toEqual({ submitted: 0, approved: 1, featured: 1, aboutRetired: 0 })
    expect(delta(dec, beforeDec, 'org-community-b')).toEqual({ submitted: 1, approved: 0, featured: 0, aboutRetired: 0 })
    // The street and the district count everything under them.
    expect(delta(dec, beforeDec, 'org-street-donghu')).toEqual({ submitted: 1, approved: 1, featured: 1, aboutRetired: 0 })
    expect(delta(dec, beforeDec, 'org-district')).toEqual({ submitted: 1, approved: 1, featured: 1, aboutRetired: 0 })
    expect(delta(nov, beforeNov, 'org-district')).toEqual({ submitted: 3, approved: 0, featured: 0, aboutRetired: 2 })

    // Without a month, the current one in Shanghai.
    expect((await bed.demo['demo-admin'].call('story', 'stats')).data.month).toBe('2026-12')
  })

  test('rejections, returns and withdrawals do not count as approvals', async () => {
    await bed.setClock('2027-01-15T04:00:00Z')
    const before = await districtFigures('2027-01')
    await bed.storyIn('rejected')
    await bed.storyIn('returned')
    await bed.storyIn('withdrawn')
    const after = await districtFigures('2027-01')
    expect(delta(after, before, 'org-branch-a1')).toEqual({ submitted: 3, approved: 0, featured: 0, aboutRetired: 0 })
  })

  test('twenty stories submitted at once in a new month count twenty, at every level', async () => {
    await bed.setClock('2027-03-15T04:00:00Z')
    const author = await bed.newMember('org-branch-b1', true)
    const answers = await Promise.all(Array.from({ length: 20 }, () => author.call('story', 'submit', {
      title: '同时提交', content: '同时提交的故事', category: 'veteran', subject: { self: true },
    })))
    expect(answers.every((a) => a.ok)).toBe(true)
    const figures = await districtFigures('2027-03')
    for (const org of ['org-branch-b1', 'org-community-b', 'org-street-donghu', 'org-district']) {
      expect(figures[org]).toEqual({ submitted: 20, approved: 0, featured: 0, aboutRetired: 20 })
    }
  })
})

describe('who reads which figures', () => {
  test('a secretary reads their own subtree, their organisation first', async () => {
    const r = await bed.demo['demo-secretary'].call('story', 'stats', { month: '2026-11' })
    expect(r.data.orgId).toBe('org-community-a')
    expect(r.data.items.map((i: any) => i.orgId)).toEqual(['org-community-a', 'org-branch-a1', 'org-branch-a2'])
    expect(r.data.items[0]).toMatchObject({ orgName: '幸福里社区党委', orgType: 'community' })
  })

  test('the district office reads the whole district in tree order, organisations with nothing included', async () => {
    const r = await bed.demo['demo-admin'].call('story', 'stats', { month: '2030-01' })
    // The demo district's 11 organisations and 南湖街道's 6 (its year of history, local/seed/year.ts).
    expect(r.data.items).toHaveLength(17)
    expect(r.data.items[0].orgId).toBe('org-district')
    expect(r.data.items.map((i: any) => i.orgId).indexOf('org-branch-a1'))
      .toBe(r.data.items.map((i: any) => i.orgId).indexOf('org-community-a') + 1)
    expect(r.data.items.every((i: any) => i.submitted === 0)).toBe(true)
    expect((await bed.demo['demo-admin'].call('story', 'stats', { orgId: 'org-community-b', month: '2026-11' })).data.items)
      .toHaveLength(2)
  })

  test.each([
    ['demo-secretary', 'org-community-b', 'FORBIDDEN'],
    ['demo-secretary', 'org-district', 'FORBIDDEN'],
    ['demo-secretary-b', 'org-branch-a1', 'FORBIDDEN'],
    ['demo-admin', 'org-nowhere', 'NOT_FOUND'],
  ])('%s asking for %s → %s', async (who, orgId, code) => {
    expect((await bed.demo[who as 'demo-admin'].call('story', 'stats', { orgId })).code).toBe(code)
  })

  test('a secretary may look at one branch inside their subtree', async () => {
    const r = await bed.demo['demo-secretary'].call('story', 'stats', { orgId: 'org-branch-a2', month: '2026-11' })
    expect(r.data.items.map((i: any) => i.orgId)).toEqual(['org-branch-a2'])
  })

  test.each(['demo-member', 'demo-newcomer'])('%s cannot read figures', async (who) => {
    expect((await bed.demo[who as 'demo-member'].call('story', 'stats')).code).toMatch(/FORBIDDEN|NOT_REGISTERED/)
  })

  test('reading a month of the whole district costs 3 database operations (who is asking, organisations, figures)', async () => {
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('story', 'stats', { month: '2026-11' }))
    expect(result.ok).toBe(true)
    expect(ops).toBeLessThanOrEqual(3)
  })
})

describe('the timer repairs drift', () => {
  test('figures knocked off by a failure are recounted from the stories', async () => {
    await bed.setClock(null)
    const before = await districtFigures(currentMonth())
    const db = bed.db()
    // As if a function had stopped between a story's write and its figures': one figure lost, one doubled.
    await db.collection('storyStats').doc(`org-community-a_${currentMonth()}`).update({ submitted: 999, approved: 0 })
    await db.collection('storyStats').doc(`org-branch-a9_${currentMonth()}`).set({
      orgId: 'org-branch-a9', orgPath: ['org-district', 'org-branch-a9'], month: currentMonth(),
      submitted: 5, approved: 0, featured: 0, aboutRetired: 0,
    })
    const r = await fireTimer(bed.emu, 'story', 'recountFigures')
    expect(r).toMatchObject({ ok: true })
    expect(r.data.repaired).toBeGreaterThanOrEqual(2)
    const after = await districtFigures(currentMonth())
    expect(after['org-community-a']).toEqual(before['org-community-a'])
    const stray = (await db.collection('storyStats').doc(`org-branch-a9_${currentMonth()}`).get()).data[0]
    expect(stray).toMatchObject({ submitted: 0 })
    // Right figures are left alone.
    const again = await fireTimer(bed.emu, 'story', 'recountFigures')
    expect(again.data.repaired).toBe(0)
  })
})

function currentMonth() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)
}

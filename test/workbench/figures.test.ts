// Every figure of the workbench equals a recount from the records: a random district of more than 300 organisations
// with a year of classes, attendance, stories, check-ins and bookings (local/seed), its figures built by each
// feature's own recount; the overview of the district, a street and a community, for a month, a quarter and a year,
// against a count made here from the raw records alone. And what an overview costs: at most 4 database operations.
import { openHoursInMonth } from '../../cloudfunctions/site/hours'
import { holdsMembers } from '../../contract/user'
import { writeHistory } from '../../local/seed/history'
import { writeRandomDistrict } from '../../local/seed/randomDistrict'
import { costOf } from '../helpers/api'
import { useBed } from '../helpers/bed'

const bed = useBed()
jest.setTimeout(600_000)

const NOW = '2030-06-20T10:00:00+08:00'
const DAY = 24 * 3600 * 1000
const round3 = (x: number) => Math.round(x * 1000) / 1000
const rate = (a: number, b: number) => (b > 0 ? round3(Math.min(1, a / b)) : null)
const PRESENT = ['on-time', 'late', 'present']

let district: Awaited<ReturnType<typeof writeRandomDistrict>>
const R: Record<string, any[]> = {}

async function all(collection: string) {
  const db = bed.db()
  const out: any[] = []
  for (;;) {
    const last = out[out.length - 1]
    const { data } = await db.collection(collection).where(last ? { _id: db.command.gt(last._id) } : {}).orderBy('_id', 'asc').limit(1000).get()
    out.push(...data)
    if (data.length < 1000) return out
  }
}

beforeAll(async () => {
  await bed.setClock(NOW)
  district = await writeRandomDistrict(bed.db(), { seed: 7, streets: 6, communitiesPerStreet: 8, branchesPerCommunity: 5, membersPerOrg: 2 })
  await writeHistory(bed.db(), { now: new Date(NOW), months: 12, seed: 11, classChance: 0.5, visitsPerSite: 4, quietOrgs: [district.communities[3]], idleSites: ['r-site0'], lateReviews: 2 })
  for (const c of ['orgs', 'users', 'classes', 'attendance', 'stories', 'sites', 'siteVisits', 'siteBookings']) R[c] = await all(c)
})

const monthsOf = (period: string) => {
  const y = period.slice(0, 4)
  if (period.includes('Q')) { const q = Number(period.slice(6)); return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`) }
  if (period.length === 4) return Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`)
  return [period]
}
const shanghaiMonth = (d: Date) => new Date(new Date(d).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7)

/** The figures of `orgId` (within the subtree of `rootId`) for `period`, counted from the records only. */
function recount(rootId: string, orgId: string, period: string) {
  const months = monthsOf(period)
  const inP = (d: Date) => months.includes(shanghaiMonth(d))
  const under = (path: string[]) => path.includes(orgId)
  const orgById = new Map(R.orgs.map((o) => [o._id, o]))
  const held = R.classes.filter((c) => c.status === 'scheduled' && c.settled && months.includes(c.month))
  const mine = held.filter((c) => under(c.orgPath))
  const ids = new Set(mine.map((c) => c._id))
  const present = R.attendance.filter((a) => ids.has(a.classId) && PRESENT.includes(a.status))
  const rootSubtree = R.orgs.filter((o) => o.path.includes(rootId))
  const required = rootSubtree.filter((o) => under(o.path) && holdsMembers(o.type))
  const heldBy = (id: string) => held.some((c) => c.orgPath.includes(id))
  const heldOwn = (id: string) => held.some((c) => c.orgId === id)
  const coveredByCommittee = (o: any): boolean => {
    const parent = o.parentId && o._id !== rootId ? orgById.get(o.parentId) : undefined
    if (!parent || !parent.path.includes(rootId) || !holdsMembers(parent.type)) return false
    return (['community', 'twoNew', 'agency'].includes(parent.type) && heldOwn(parent._id)) || coveredByCommittee(parent)
  }
  const covered = required.filter((o) => heldBy(o._id) || coveredByCommittee(o)).length
  const members = R.users.filter((u) => u.status === 'approved' && under(u.orgPath))
  const memberOrg = new Map(R.orgs.map((o) => [o._id, o.path]))
  const attendedIds = new Set(R.attendance.filter((a) => a.expected && PRESENT.includes(a.status) && inP(a.classStart)
    && under(memberOrg.get(a.orgId) ?? [])).map((a) => a.openid))
  const attendees = present.filter((a) => a.expected).length
  const expected = mine.reduce((n, c) => n + c.expected, 0)
  const submitted = R.stories.filter((s) => under(s.orgPath) && inP(s.submittedAt))
  const published = R.stories.filter((s) => under(s.orgPath) && s.publishedAt && inP(s.publishedAt))
  const aboutRetired = submitted.filter((s) => s.aboutRetired).length
  const cutoff = new Date(NOW).getTime() - 3 * DAY
  const sites = R.sites.filter((s) => s.active && s.managingOrgPath.includes(orgId))
  let visits = 0; let bookedHours = 0; let openHours = 0; let outsideOrgs = 0; let siteClasses = 0; let idleSites = 0
  for (const s of sites) {
    let used = false
    for (const m of months) {
      const vs = R.siteVisits.filter((v) => v.siteId === s._id && v.month === m)
      const bs = R.siteBookings.filter((b) => b.siteId === s._id && b.month === m && b.status === 'booked')
      const cs = held.filter((c) => c.place?.siteId === s._id && c.month === m)
      visits += vs.length
      bookedHours += bs.reduce((h, b) => h + b.hours, 0)
      openHours += openHoursInMonth(s, m)
      siteClasses += cs.length
      const served = new Map([...vs, ...bs.filter((b) => b.arrived)].map((r) => [r.orgId, r.orgPath]))
      outsideOrgs += [...served.values()].filter((path) => !path.includes(s.managingOrgId)).length
      used ||= vs.length + bs.length + cs.length > 0
    }
    if (!used) idleSites += 1
  }
  return {
    classroom: {
      classesHeld: mine.length, ownClassesHeld: mine.filter((c) => c.orgId === orgId).length, orgsRequired: required.length,
      orgsCovered: covered, coverageRate: rate(covered, required.length), attendees, guests: present.length - attendees, expected,
      attendanceRate: rate(attendees, expected), members: members.length, membersNeverAttended: members.length - attendedIds.size,
    },
    story: {
      submitted: submitted.length, published: published.length, featured: published.filter((s) => s.featured).length, aboutRetired,
      retiredShare: rate(aboutRetired, submitted.length),
      pendingOverdue: R.stories.filter((s) => s.status === 'pending' && under(s.orgPath) && new Date(s.queuedAt).getTime() < cutoff).length,
    },
    site: { sites: sites.length, visits, bookedHours, openHours, utilisation: rate(bookedHours, openHours), outsideOrgs, classesHeld: siteClasses, idleSites },
  }
}

const figuresOf = (row: any) => ({ classroom: row.classroom, story: row.story, site: row.site })

describe('the overview equals a recount from the records', () => {
  test('the random district is big enough: more than 300 organisations, a year of records', () => {
    expect(R.orgs.length).toBeGreaterThanOrEqual(300)
    expect(new Set(R.classes.map((c) => c.month)).size).toBeGreaterThanOrEqual(12)
    expect(R.attendance.length).toBeGreaterThan(1000)
    expect(R.siteVisits.length).toBeGreaterThan(500)
  })

  const cases: Array<[string, () => string, string]> = [
    ['the district, a year', () => 'org-district', '2030'],
    ['the district, a quarter', () => 'org-district', '2030-Q1'],
    ['the district, a month', () => 'org-district', '2029-11'],
    ['a street, a quarter', () => district.streets[2], '2029-Q4'],
    ['a community, a month', () => district.communities[5], '2030-05'],
    ['a community, a year', () => district.communities[3], '2029'],
  ]
  test.each(cases)('%s: the organisation and each one under it; at most 4 database operations', async (_name, org, period) => {
    const orgId = org()
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('workbench', 'overview', { orgId, period }))
    expect(result.ok).toBe(true)
    expect(ops).toBeLessThanOrEqual(4)
    expect(figuresOf(result.data.org)).toEqual(recount(orgId, orgId, period))
    expect(result.data.children.length).toBeGreaterThan(0)
    for (const child of result.data.children) expect([child.orgId, figuresOf(child)]).toEqual([child.orgId, recount(orgId, child.orgId, period)])
  })
})

/** The warnings of `rootId`'s subtree now, counted from the records: which organisations, sites and stories deserve one. */
function recountWarnings(rootId: string) {
  const now = new Date(NOW).getTime()
  const since = now - 60 * DAY
  const lastMonth = shanghaiMonth(new Date(new Date(`${NOW.slice(0, 7)}-01T00:00:00+08:00`).getTime() - DAY))
  const subtree = R.orgs.filter((o) => o.path.includes(rootId))
  const orgById = new Map(subtree.map((o) => [o._id, o]))
  const ended = R.classes.filter((c) => c.status === 'scheduled' && new Date(c.end).getTime() < now)
  const recent = ended.filter((c) => new Date(c.end).getTime() >= since)
  const heldBy = (id: string) => recent.some((c) => c.orgPath.includes(id))
  const heldOwn = (id: string) => recent.some((c) => c.orgId === id)
  const viaCommittee = (o: any): boolean => {
    const parent = orgById.get(o.parentId)
    if (!parent || !holdsMembers(parent.type)) return false
    return (['community', 'twoNew', 'agency'].includes(parent.type) && heldOwn(parent._id)) || viaCommittee(parent)
  }
  const plaqueOnly = new Map(subtree.filter((o) => holdsMembers(o.type) && !heldBy(o._id) && !viaCommittee(o)).map((o) => {
    const last = Math.max(...ended.filter((c) => c.orgId === o._id).map((c) => new Date(c.end).getTime()))
    return [o._id, Number.isFinite(last) ? Math.floor((now - last) / DAY) : 60]
  }))
  const held = R.classes.filter((c) => c.status === 'scheduled' && c.settled && c.month === lastMonth)
  const idleSite = R.sites.filter((s) => s.active && s.managingOrgPath.includes(rootId)
    && !R.siteVisits.some((v) => v.siteId === s._id && v.month === lastMonth)
    && !R.siteBookings.some((b) => b.siteId === s._id && b.month === lastMonth && b.status === 'booked')
    && !held.some((c) => c.place?.siteId === s._id)).map((s) => s._id)
  const lateReview = R.stories.filter((s) => s.status === 'pending' && s.orgPath.includes(rootId) && new Date(s.queuedAt).getTime() < now - 3 * DAY)
    .map((s) => [s._id, Math.floor((now - new Date(s.queuedAt).getTime()) / DAY)])
  return { plaqueOnly, idleSite, lateReview: new Map(lateReview as Array<[string, number]>) }
}

describe('warnings name exactly what the history left undone, each with the page that fixes it', () => {
  const scopes: Array<[string, () => string]> = [
    ['the district', () => 'org-district'],
    ['the street of the quiet community', () => district.streets[0]],
    ['the quiet community', () => district.communities[3]],
    ['a busy community', () => district.communities[5]],
  ]
  test.each(scopes)('%s: every organisation with no class for 60 days, every idle site, every late review — and nothing else', async (_name, root) => {
    const orgId = root()
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('workbench', 'warnings', { orgId }))
    expect(result.ok).toBe(true)
    // The caller, the subtree, the last classes, the sites, the late reviews, the last classes before the window.
    expect(ops).toBeLessThanOrEqual(6)
    const items = result.data.items as any[]
    const want = recountWarnings(orgId)
    const got = (kind: string) => new Map(items.filter((w) => w.kind === kind).map((w) => [w.subjectId, w.days]))
    expect(got('plaqueOnly')).toEqual(want.plaqueOnly)
    expect(new Set(got('idleSite').keys())).toEqual(new Set(want.idleSite))
    expect(got('lateReview')).toEqual(want.lateReview)
    for (const w of items) {
      const fix = { plaqueOnly: { page: 'classEdit', params: { orgId: w.subjectId } }, idleSite: { page: 'siteUsage', params: { siteId: w.subjectId, month: '2030-05' } },
        lateReview: { page: 'storyReview', params: { id: w.subjectId } } }[w.kind as string]
      expect([w.subjectId, w.fix]).toEqual([w.subjectId, fix])
    }
  })

  test('what the history left undone is there: the quiet community and its branches, the idle site, the two reviews left five days', async () => {
    const { data } = await bed.demo['demo-admin'].call('workbench', 'warnings', {})
    const plaque = new Set(data.items.filter((w: any) => w.kind === 'plaqueOnly').map((w: any) => w.orgId))
    const quiet = R.orgs.filter((o) => o.path.includes(district.communities[3]) && holdsMembers(o.type)).map((o) => o._id)
    expect(quiet.length).toBeGreaterThan(1)
    for (const id of quiet) expect(plaque).toContain(id)
    expect(data.items.find((w: any) => w.kind === 'plaqueOnly' && w.orgId === district.communities[3]).days).toBeGreaterThanOrEqual(60)
    expect(data.items.filter((w: any) => w.kind === 'idleSite').map((w: any) => w.subjectId)).toContain('r-site0')
    expect(data.items.filter((w: any) => w.kind === 'lateReview' && w.days === 5)).toHaveLength(2)
    // And a busy district does not warn about everything: most organisations held a class lately.
    expect(plaque.size).toBeLessThan(R.orgs.filter((o) => holdsMembers(o.type)).length / 2)
  })
})

const lastMonths = (last: string, n: number) => {
  const out = [last]
  while (out.length < n) { const [y, m] = out[0].split('-').map(Number); out.unshift(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`) }
  return out
}

describe('trends and the ranking equal a recount', () => {
  const cases: Array<[string, () => string, string]> = [
    ['the district, up to this month', () => 'org-district', '2030-06'],
    ['a street, up to a quarter', () => district.streets[2], '2030-Q1'],
    ['the quiet community, up to a year', () => district.communities[3], '2029'],
  ]
  test.each(cases)('%s: 12 months of classes, attendance rate, stories and visits; the organisations under it ranked; at most 4 database operations', async (_name, org, period) => {
    const orgId = org()
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('workbench', 'trends', { orgId, period }))
    expect(result.ok).toBe(true)
    expect(ops).toBeLessThanOrEqual(4)
    const months = lastMonths(monthsOf(period).slice(-1)[0], 12)
    const under = (path: string[]) => path.includes(orgId)
    const held = R.classes.filter((c) => c.status === 'scheduled' && c.settled && under(c.orgPath))
    const want = months.map((m) => {
      const mine = held.filter((c) => c.month === m)
      const ids = new Set(mine.map((c) => c._id))
      const attendees = R.attendance.filter((a) => ids.has(a.classId) && a.expected && PRESENT.includes(a.status)).length
      const sites = new Set(R.sites.filter((s) => s.active && under(s.managingOrgPath)).map((s) => s._id))
      return {
        month: m, classesHeld: mine.length, attendanceRate: rate(attendees, mine.reduce((n, c) => n + c.expected, 0)),
        storiesSubmitted: R.stories.filter((s) => under(s.orgPath) && shanghaiMonth(s.submittedAt) === m).length,
        storiesPublished: R.stories.filter((s) => under(s.orgPath) && s.publishedAt && shanghaiMonth(s.publishedAt) === m).length,
        visits: R.siteVisits.filter((v) => sites.has(v.siteId) && v.month === m).length,
      }
    })
    expect(result.data.months).toEqual(want)
    // The history is a year of it: the trend has something in most months.
    expect(want.filter((p) => p.classesHeld > 0).length).toBeGreaterThanOrEqual(period === '2029' ? 6 : 9)

    // The ranking: every child, by the mean of coverage, attendance and utilisation (0–100); ties by stories, then name.
    const children = R.orgs.filter((o) => o.parentId === orgId)
    const scored = children.map((o) => {
      const f = recount(orgId, o._id, period)
      const rates = [f.classroom.coverageRate, f.classroom.attendanceRate, f.site.utilisation].filter((r): r is number => r !== null)
      return { orgId: o._id, name: o.name, stories: f.story.submitted, score: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 1000) / 10 : 0 }
    }).sort((a, b) => b.score - a.score || b.stories - a.stories || a.name.localeCompare(b.name, 'zh-CN'))
    expect(result.data.ranking.map((r: any) => [r.rank, r.orgId, r.score])).toEqual(scored.map((r, i) => [i + 1, r.orgId, r.score]))
    expect(new Set(scored.map((r) => r.score)).size).toBeGreaterThan(1)
  })
})

describe('the list behind a figure, walked page by page, is the figure', () => {
  const cases: Array<[string, () => string, string]> = [
    ['the district, a month', () => 'org-district', '2030-04'],
    ['a street, a quarter', () => district.streets[1], '2029-Q4'],
    ['a community with a site, a year', () => R.sites.find((s) => s._id === 'r-site1').managingOrgId, '2029'],
    ['a community without one, a quarter', () => district.communities.find((c) => !R.sites.some((s) => s.managingOrgId === c))!, '2030-Q1'],
  ]
  test.each(cases)('%s: classes, stories and check-ins with no duplicate and no gap, as many as the overview counts', async (_name, org, period) => {
    const orgId = org()
    const { data: overview } = await bed.demo['demo-admin'].call('workbench', 'overview', { orgId, period })
    const under = (path: string[]) => path.includes(orgId)
    const months = monthsOf(period)
    const sites = new Set(R.sites.filter((s) => under(s.managingOrgPath)).map((s) => s._id))
    const expected = {
      classroom: R.classes.filter((c) => under(c.orgPath) && months.includes(c.month)),
      story: R.stories.filter((s) => under(s.orgPath) && months.includes(shanghaiMonth(s.submittedAt))),
      site: R.siteVisits.filter((v) => sites.has(v.siteId) && months.includes(v.month)),
    }
    const figure = { classroom: overview.org.classroom.classesHeld, story: overview.org.story.submitted, site: overview.org.site.visits }
    const order = { classroom: (c: any) => c.start, story: (s: any) => s.submittedAt, site: (v: any) => v.at }
    for (const area of ['classroom', 'story', 'site'] as const) {
      const items: any[] = []
      let cursor: string | undefined
      let pages = 0
      do {
        const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('workbench', 'drill', { area, orgId, period, ...(cursor ? { cursor } : {}) }))
        expect(result.ok).toBe(true)
        // The caller, the organisation, the page (and for check-ins the subtree's sites).
        expect([area, ops]).toEqual([area, area === 'site' && sites.size > 0 ? 4 : 3])
        expect(result.data.items.length).toBeLessThanOrEqual(20)
        items.push(...result.data.items)
        cursor = result.data.nextCursor ?? undefined
        pages += 1
      } while (cursor && pages < 500)
      const ids = items.map((i) => i.id)
      expect([area, new Set(ids).size]).toEqual([area, ids.length])
      expect([area, new Set(ids)]).toEqual([area, new Set(expected[area].map((r) => r._id))])
      // Newest first.
      const times = expected[area].map((r) => [r._id, new Date(order[area](r)).getTime()] as const)
      const at = new Map(times)
      for (let i = 1; i < ids.length; i++) expect(at.get(ids[i - 1])!).toBeGreaterThanOrEqual(at.get(ids[i])!)
      const total = area === 'classroom' ? items.filter((i) => i.status === 'held').length : items.length
      expect([area, total]).toEqual([area, figure[area]])
      if (area !== 'site' || sites.size > 0) expect(figure[area]).toBeGreaterThan(area === 'classroom' && orgId === 'org-district' ? 20 : 0)
    }
  })
})

describe('on or behind the targets the admin set', () => {
  const targets = { coverageRate: 0.9, coverageBy: '2030-03-31', minClassesPerQuarter: 2, storiesPerCommunity: 2, minUtilisation: 0.01 }
  beforeAll(async () => {
    const r = await bed.demo['demo-admin'].call('workbench', 'setTargets', { period: '2030-Q1', targets })
    expect(r.ok).toBe(true)
  })

  /** The marks of `orgId` counted here: its own where a target applies to it, else any behind under it. */
  function marksOf(rootId: string, orgId: string, period: string) {
    const required = Math.ceil((targets.minClassesPerQuarter * monthsOf(period).length) / 3)
    const own = (o: any) => {
      const f = recount(rootId, o._id, period)
      const judge = (applies: boolean, ok: boolean) => (applies ? (ok ? 'on' : 'behind') : null)
      return {
        coverage: judge(f.classroom.coverageRate !== null, (f.classroom.coverageRate ?? 0) >= targets.coverageRate),
        classes: judge(holdsMembers(o.type), f.classroom.classesHeld >= required),
        stories: judge(o.type === 'community', f.story.submitted >= targets.storiesPerCommunity),
        utilisation: judge(f.site.utilisation !== null, (f.site.utilisation ?? 0) >= targets.minUtilisation),
      }
    }
    const me = R.orgs.find((o) => o._id === orgId)
    const below = R.orgs.filter((o) => o.path.includes(orgId) && o.path.includes(rootId)).map(own)
    const mine = own(me)
    const out: Record<string, unknown> = {}
    for (const k of ['coverage', 'classes', 'stories', 'utilisation'] as const) {
      const ms = below.map((m) => m[k]).filter((m) => m !== null)
      out[k] = mine[k] ?? (ms.length === 0 ? null : ms.includes('behind') ? 'behind' : 'on')
    }
    out.behind = Object.values(out).includes('behind')
    return out
  }

  const cases: Array<[string, () => string, string]> = [
    ['a street, the quarter', () => district.streets[0], '2030-Q1'],
    ['a community, a month of the quarter (a third of its classes)', () => district.communities[5], '2030-02'],
  ]
  test.each(cases)('%s: every organisation marked as a recount of its figures against the targets says; at most 4 database operations', async (_name, org, period) => {
    const orgId = org()
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-admin'].call('workbench', 'overview', { orgId, period }))
    expect(ops).toBeLessThanOrEqual(4)
    expect(result.data.targets).toMatchObject({ period: '2030-Q1', ...targets })
    const rows = [result.data.org, ...result.data.children]
    for (const row of rows) expect([row.orgId, row.targets]).toEqual([row.orgId, marksOf(orgId, row.orgId, period)])
    // Both marks occur, so the comparison could fail either way.
    const all = rows.flatMap((r: any) => [r.targets.classes, r.targets.stories])
    expect(all).toContain('on')
    expect(all).toContain('behind')
  })

  test('the quiet community, with no class this quarter, is behind on classes in the overview and in the ranking', async () => {
    await bed.demo['demo-admin'].call('workbench', 'setTargets', { period: '2030-Q2', targets: { minClassesPerQuarter: 1 } })
    const { data } = await bed.demo['demo-admin'].call('workbench', 'trends', { orgId: district.streets[0], period: '2030-Q2' })
    const quiet = data.ranking.find((r: any) => r.orgId === district.communities[3])
    expect(recount(district.streets[0], district.communities[3], '2030-Q2').classroom.classesHeld).toBe(0)
    expect(quiet.behind).toBe(true)
    const { data: o } = await bed.demo['demo-admin'].call('workbench', 'overview', { orgId: district.streets[0], period: '2030-Q2' })
    expect(o.children.find((c: any) => c.orgId === district.communities[3]).targets.classes).toBe('behind')
  })
})

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

describe('warnings name what the history left undone, each with the page that fixes it', () => {
  test('the quiet community (只挂牌子), the idle site, the reviews left waiting', async () => {
    const { data } = await bed.demo['demo-admin'].call('workbench', 'warnings', {})
    const quiet = data.items.find((w: any) => w.kind === 'plaqueOnly' && w.orgId === district.communities[3])
    expect(quiet).toMatchObject({ fix: { page: 'classEdit', params: { orgId: district.communities[3] } } })
    expect(quiet.days).toBeGreaterThanOrEqual(60)
    expect(data.items.find((w: any) => w.kind === 'idleSite' && w.subjectId === 'r-site0')).toMatchObject({ fix: { page: 'siteUsage', params: { siteId: 'r-site0' } } })
    const late = data.items.filter((w: any) => w.kind === 'lateReview')
    // The two the history left five days ago (the demo district's own pending stories may wait longer).
    expect(late.filter((w: any) => w.days === 5).length).toBeGreaterThanOrEqual(2)
    for (const w of late) expect(w.fix).toEqual({ page: 'storyReview', params: { id: w.subjectId } })
  })
})

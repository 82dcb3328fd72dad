// The overview of an organisation for a period: its figures and those of each organisation right under it, all of
// them from the pre-counted documents read.ts joins (never the events), with the marks against the targets.
import type {
  ClassroomFigures, OrgOverview, PeriodInfo, RankingRow, SiteAreaFigures, StoryAreaFigures, TargetMark, TargetMarks, Targets,
  TrendPoint, WorkbenchOutput,
} from '../../contract/workbench'
import type { OrgType } from '../../contract/user'
import { coverageOf } from '../classroom/coverage'
import type { ClassMonthDoc } from '../classroom/figures'
import { round3 } from '../common/figures'
import type { PersonDoc } from '../common/people'
import { defaultOrgId } from '../common/orgs'
import { whenAll } from '../common/whenAll'
import { openHoursInMonth } from '../site/hours'
import { OrgRow, readOverdue, readSites, readSubtree, SiteRow } from './read'
import { ownMarks, targetKeysOf, toTargets } from './targets'
import { periodOrNow } from './period'

const rate = (part: number, whole: number) => (whole > 0 ? round3(Math.min(1, part / whole)) : null)
const sum = <T>(items: Iterable<T>, f: (t: T) => number) => { let n = 0; for (const i of items) n += f(i); return n }

/** Everything the overview, the trends' ranking and the report compute from. */
export interface Snapshot {
  period: PeriodInfo
  targets: Targets | null
  org: OrgOverview
  children: OrgOverview[]
  /** Every organisation of the subtree, the root first. */
  all: OrgOverview[]
  orgs: OrgRow[]
  sites: SiteRow[]
}

/** An organisation's class figures for the period, summed over its months, as coverage.ts reads a month's. */
function periodClassDoc(o: OrgRow, months: string[]): ClassMonthDoc {
  const docs = months.map((m) => o.classes.get(m)).filter(Boolean) as ClassMonthDoc[]
  return {
    _id: o._id, orgId: o._id, orgPath: o.path, month: months[0],
    classesHeld: sum(docs, (d) => d.classesHeld), ownClassesHeld: sum(docs, (d) => d.ownClassesHeld),
    attendees: sum(docs, (d) => d.attendees), guests: sum(docs, (d) => d.guests), expected: sum(docs, (d) => d.expected),
  }
}

function siteFigures(sites: SiteRow[], months: string[]): SiteAreaFigures {
  let visits = 0; let bookedHours = 0; let openHours = 0; let outsideOrgs = 0; let classesHeld = 0; let idleSites = 0
  const active = sites.filter((s) => s.active)
  for (const s of active) {
    let used = false
    for (const m of months) {
      const f = s.figures.get(m)
      const k = s.classes.get(m)
      visits += f?.visits ?? 0
      bookedHours += f?.bookedHours ?? 0
      outsideOrgs += f?.outsideOrgs ?? 0
      classesHeld += k?.classesHeld ?? 0
      openHours += openHoursInMonth(s, m)
      used ||= (f?.visits ?? 0) > 0 || (f?.bookings ?? 0) > 0 || (k?.classesHeld ?? 0) > 0
    }
    if (!used) idleSites += 1
  }
  return { sites: active.length, visits, bookedHours, openHours, utilisation: rate(bookedHours, openHours), outsideOrgs, classesHeld, idleSites }
}

/** The overview rows of every organisation of the subtree, with their marks (the organisations under one judged too). */
export function computeSnapshot(period: PeriodInfo, targets: Targets | null, orgs: OrgRow[], sites: SiteRow[], overdue: Map<string, number>): Snapshot {
  const months = period.months
  const classDocs = orgs.map((o) => periodClassDoc(o, months))
  const coverage = coverageOf(period.key, orgs, classDocs).items
  const statusOf = new Map(coverage.map((c) => [c.orgId, c]))
  const inSubtree = (orgId: string) => (o: { path: string[] }) => o.path.includes(orgId)
  const rows = orgs.map((o, i): OrgOverview => {
    const under = orgs.filter(inSubtree(o._id))
    const required = under.filter((u) => statusOf.get(u._id)!.status !== 'total')
    const covered = required.filter((u) => statusOf.get(u._id)!.covered).length
    const c = classDocs[i]
    const members = o.period?.members ?? 0
    const classroom: ClassroomFigures = {
      classesHeld: c.classesHeld, ownClassesHeld: c.ownClassesHeld, orgsRequired: required.length, orgsCovered: covered,
      coverageRate: rate(covered, required.length), attendees: c.attendees, guests: c.guests, expected: c.expected,
      attendanceRate: rate(c.attendees, c.expected), members,
      membersNeverAttended: Math.max(0, members - (o.period?.membersAttended ?? 0)),
    }
    const stats = months.map((m) => o.stories.get(m)).filter(Boolean)
    const submitted = sum(stats, (s) => s!.submitted)
    const aboutRetired = sum(stats, (s) => s!.aboutRetired)
    const story: StoryAreaFigures = {
      submitted, published: sum(stats, (s) => s!.approved), featured: sum(stats, (s) => s!.featured), aboutRetired,
      retiredShare: rate(aboutRetired, submitted), pendingOverdue: sum(under, (u) => overdue.get(u._id) ?? 0),
    }
    const row: OrgOverview = {
      orgId: o._id, orgName: o.name, orgType: o.type as OrgType, parentId: o.parentId,
      hasChildren: orgs.some((u) => u.parentId === o._id),
      classroom, story, site: siteFigures(sites.filter((s) => s.managingOrgPath.includes(o._id)), months),
      targets: { coverage: null, classes: null, stories: null, utilisation: null, behind: false },
    }
    return row
  })
  // Marks: an organisation's own where the target applies to it; else those of the organisations under it (a street
  // is behind on classes when one of its organisations that must hold classes is).
  const own = rows.map((r) => ownMarks(r, targets, period))
  rows.forEach((r, i) => {
    const under = rows.map((u, j) => [u, j] as const).filter(([, j]) => orgs[j].path.includes(r.orgId))
    const marks = {} as TargetMarks
    for (const k of ['coverage', 'classes', 'stories', 'utilisation'] as const) {
      const below = under.map(([, j]) => own[j][k]).filter((m): m is Exclude<TargetMark, null> => m !== null)
      marks[k] = own[i][k] ?? (below.length === 0 ? null : below.includes('behind') ? 'behind' : 'on')
    }
    marks.behind = Object.values(marks).includes('behind')
    r.targets = marks
  })
  const root = rows[0]
  return { period, targets, org: root, children: rows.filter((r) => r.parentId === root.orgId), all: rows, orgs, sites }
}

/** Reads and computes a snapshot: 3 database operations (read.ts), plus `extraMonths` joined for trends. */
export async function snapshot(person: PersonDoc, input: { orgId?: string; period?: string }, at: Date, extraMonths: string[] = []): Promise<Snapshot> {
  const period = periodOrNow(input.period, at)
  const orgId = input.orgId ?? defaultOrgId(person)
  const months = [...new Set([...period.months, ...extraMonths])].sort()
  const [{ orgs, targets }, sites, overdue] = await whenAll([
    readSubtree(person, orgId, months, period.key, targetKeysOf(period)),
    readSites(orgId, months),
    readOverdue(orgId, at),
  ])
  return computeSnapshot(period, toTargets(targets), orgs, sites, overdue)
}


export function overviewOf(s: Snapshot, at: Date): WorkbenchOutput['overview'] {
  return { period: s.period, targets: s.targets, org: s.org, children: s.children, asOf: at.toISOString() }
}

/**
 * The ranking of the organisations right under the root: by the mean of their coverage rate, attendance rate and
 * site utilisation (those they have), as 0–100; ties by stories submitted, then name.
 */
export function ranking(s: Snapshot): RankingRow[] {
  const rows = s.children.map((c) => {
    const rates = [c.classroom.coverageRate, c.classroom.attendanceRate, c.site.utilisation].filter((r): r is number => r !== null)
    return {
      orgId: c.orgId, orgName: c.orgName, orgType: c.orgType, rank: 0,
      score: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 1000) / 10 : 0,
      coverageRate: c.classroom.coverageRate, attendanceRate: c.classroom.attendanceRate,
      storiesSubmitted: c.story.submitted, utilisation: c.site.utilisation, behind: c.targets.behind,
    }
  })
  rows.sort((a, b) => b.score - a.score || b.storiesSubmitted - a.storiesSubmitted || a.orgName.localeCompare(b.orgName, 'zh-CN'))
  rows.forEach((r, i) => { r.rank = i + 1 })
  return rows
}

/** The root's monthly points over `months`, from the joined documents. */
export function trendOf(s: Snapshot, months: string[]): TrendPoint[] {
  const root = s.orgs[0]
  const sites = s.sites.filter((x) => x.active)
  return months.map((m) => {
    const c = root.classes.get(m)
    const st = root.stories.get(m)
    return {
      month: m,
      classesHeld: c?.classesHeld ?? 0,
      attendanceRate: rate(c?.attendees ?? 0, c?.expected ?? 0),
      storiesSubmitted: st?.submitted ?? 0,
      storiesPublished: st?.approved ?? 0,
      visits: sum(sites, (x) => x.figures.get(m)?.visits ?? 0),
    }
  })
}

// A year of history for any organisation tree: classes with their attendance, stories, check-ins and bookings spread
// over the months before `now`, with gaps (organisations that hold no class lately, sites nobody uses, a review left
// waiting), written in bulk through the SDK, and then the monthly figures built from those records by each
// feature's own recount — so every figure is what a recount says. One generator for the demo district's year
// (local/seed), the workbench's random district (test/workbench) and the benchmark (scripts/bench-workbench.js).
// Deterministic for a seed.
import { classroomFigures } from '../../cloudfunctions/classroom/figures'
import type { AttendanceDoc, ClassDoc } from '../../cloudfunctions/classroom/model'
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import type { OrgDoc } from '../../cloudfunctions/common/orgs'
import type { PersonDoc } from '../../cloudfunctions/common/people'
import { readAll } from '../../cloudfunctions/common/query'
import { monthDates, previousMonth, shanghaiInstant, shanghaiMonth } from '../../cloudfunctions/common/time'
import { siteFigures } from '../../cloudfunctions/site/figures'
import { spansOn } from '../../cloudfunctions/site/hours'
import { isOutside, MarkDoc, orgMarkId, SiteDoc, visitId, visitorMarkId } from '../../cloudfunctions/site/model'
import { storyFigures } from '../../cloudfunctions/story/figures'
import { feedRank } from '../../cloudfunctions/story/model'
import { whenAll } from '../../cloudfunctions/common/whenAll'
import { recountPeriods } from '../../cloudfunctions/workbench/figures'
import { periodsOfMonth } from '../../cloudfunctions/workbench/period'
import { holdsMembers } from '../../contract/user'
import type { SeedDatabase } from './put'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const BATCH = 500

export interface HistoryOptions {
  now: Date
  /** Months back from the current one (the current month is filled up to `now`). */
  months: number
  seed: number
  /** Chance an organisation that must hold classes holds one in a month, and of a second. */
  classChance?: number
  /** Chance an expected member attends a class. */
  attendChance?: number
  /** Chance a member writes a story in a month. */
  storyChance?: number
  /** Check-ins per active site per month (mean). */
  visitsPerSite?: number
  /** Chance an active site is booked in a month. */
  bookingChance?: number
  /** Documents per write (the benchmark writes bigger batches). */
  batch?: number
  /** Organisations that held no class for the last 90 days (只挂牌子). */
  quietOrgs?: string[]
  /** Sites nobody used last month nor this one (闲置). */
  idleSites?: string[]
  /** How many stories were left waiting for review 5 days (审核超时). */
  lateReviews?: number
  /** Id prefix, so a history never collides with hand-written seed records. */
  prefix?: string
  /** Only this organisation's subtree: its organisations, members and sites (default: all). */
  root?: string
  /** Stop before the current month (whose records the other seeds keep); the figures of every month are recounted. */
  pastMonthsOnly?: boolean
}

export interface HistoryCounts { classes: number; attendance: number; stories: number; visits: number; bookings: number; months: string[] }

/** mulberry32: a small deterministic generator. */
export function rngOf(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function addAll(db: SeedDatabase, collection: string, docs: Array<Record<string, unknown>>, batch = BATCH) {
  for (let i = 0; i < docs.length; i += batch) await db.collection(collection).add(docs.slice(i, i + batch))
}

/** Adds the documents whose ids are not stored yet. */
async function addMissing(db: SeedDatabase, collection: string, docs: Array<{ _id: string }>, batch = BATCH): Promise<number> {
  // A query answers at most 1000 documents.
  const step = Math.min(batch, 1000)
  const missing: Array<{ _id: string }> = []
  for (let i = 0; i < docs.length; i += step) {
    const chunk = docs.slice(i, i + step)
    const { data } = await db.collection(collection).where({ _id: db.command.in(chunk.map((d) => d._id)) }).field({ _id: true }).limit(step).get()
    const have = new Set((data as Array<{ _id: string }>).map((d) => d._id))
    missing.push(...chunk.filter((d) => !have.has(d._id)))
  }
  await addAll(db, collection, missing, batch)
  return missing.length
}

export async function writeHistory(db: SeedDatabase, o: HistoryOptions): Promise<HistoryCounts> {
  const rng = rngOf(o.seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]
  const prefix = o.prefix ?? 'h'
  const [orgs, people, sites] = await whenAll([
    readAll<OrgDoc>(db as any, COLLECTIONS.orgs, o.root ? { path: o.root } : {}),
    readAll<PersonDoc>(db as any, COLLECTIONS.users, { status: 'approved', ...(o.root ? { orgPath: o.root } : {}) }),
    readAll<SiteDoc>(db as any, COLLECTIONS.sites, { active: true, ...(o.root ? { managingOrgPath: o.root } : {}) }),
  ])
  const thisMonth = shanghaiMonth(o.now)
  const recounted = [thisMonth]
  while (recounted.length < o.months + (o.pastMonthsOnly ? 1 : 0)) recounted.unshift(previousMonth(recounted[0]))
  const months = o.pastMonthsOnly ? recounted.slice(0, -1) : recounted
  const quiet = new Set(o.quietOrgs ?? [])
  const idle = new Set(o.idleSites ?? [])
  const quietFrom = o.now.getTime() - 90 * DAY
  const idleFrom = previousMonth(thisMonth)
  const membersOf = new Map<string, PersonDoc[]>()
  for (const p of people) {
    for (const id of p.orgPath) {
      const list = membersOf.get(id)
      if (list) list.push(p)
      else membersOf.set(id, [p])
    }
  }
  const sitesFor = (org: OrgDoc) => sites.filter((s) => org.path.includes(s.managingOrgId))

  const classes: ClassDoc[] = []
  const attendance: AttendanceDoc[] = []
  const stories: Array<Record<string, unknown>> = []
  const visits = new Map<string, Record<string, unknown>>()
  const bookings: Array<Record<string, unknown>> = []
  const marks = new Map<string, MarkDoc>()
  let serial = 0
  const idOf = (kind: string) => `${prefix}${kind}${(serial++).toString(36)}`
  const past = (at: Date) => at.getTime() < o.now.getTime() - 2 * 60 * MINUTE

  for (const month of months) {
    const dates = monthDates(month)
    for (const org of orgs.filter((x) => holdsMembers(x.type))) {
      const expected = membersOf.get(org._id) ?? []
      const count = rng() < (o.classChance ?? 0.7) ? (rng() < 0.2 ? 2 : 1) : 0
      for (let k = 0; k < count; k++) {
        const start = shanghaiInstant(pick(dates), 14 * 60 + 30)
        const end = new Date(start.getTime() + 90 * MINUTE)
        if (!past(end) || (org.path.some((id) => quiet.has(id)) && start.getTime() >= quietFrom)) continue
        // An idle site hosts no class either.
        const site = rng() < 0.5 ? pick(sitesFor(org).filter((x) => !(idle.has(x._id) && month >= idleFrom))) : undefined
        const c: ClassDoc = {
          _id: idOf('c'), title: `${org.name}${month.slice(5)}月党员大课堂`, topic: '学习党的创新理论', category: 'theory', description: '',
          lecturer: { name: '周立新', title: '区委党校副教授' }, orgId: org._id, orgPath: org.path, orgName: org.name,
          place: site ? { siteId: site._id, name: site.name, address: site.address, location: { lat: 30.54, lng: 114.36 } } as any
            : { name: `${org.name}会议室`, address: '', location: { lat: 30.54, lng: 114.36 } } as any,
          start, end, opensBefore: 30, opensAt: new Date(start.getTime() - 30 * MINUTE), lateAt: new Date(start.getTime() + 10 * MINUTE),
          month, geofence: null, expected: expected.length, expectedByDefault: true, openToAll: false, status: 'scheduled',
          signedIn: 0, guests: 0, settled: true, settledAt: end, version: 2, createdBy: 'seed', createdByName: '系统', createdAt: start, updatedAt: end,
        }
        for (const p of expected) {
          if (rng() >= (o.attendChance ?? 0.7)) continue
          const late = rng() < 0.15
          c.signedIn += 1
          attendance.push({
            _id: `${c._id}_${p._id}`, classId: c._id, openid: p._id, name: p.name, orgId: p.orgId, orgName: p.orgName, expected: true,
            status: late ? 'late' : 'on-time', by: 'scan', at: new Date(start.getTime() + (late ? 15 : -5) * MINUTE),
            classTitle: c.title, classCategory: c.category, classOrgName: c.orgName, classStart: start, classMinutes: 90,
          })
        }
        classes.push(c)
      }
    }
    for (const p of people) {
      if (rng() >= (o.storyChance ?? 0.15)) continue
      const submittedAt = shanghaiInstant(pick(dates), 9 * 60 + Math.floor(rng() * 600))
      if (!past(new Date(submittedAt.getTime() + 4 * DAY))) continue
      const roll = rng()
      const status = roll < 0.75 ? 'approved' : roll < 0.9 ? 'rejected' : 'withdrawn'
      const publishedAt = new Date(submittedAt.getTime() + (1 + Math.floor(rng() * 3)) * DAY)
      const featured = status === 'approved' && rng() < 0.15
      const aboutRetired = p.retired || rng() < 0.2
      stories.push(storyDoc(idOf('s'), p, submittedAt, status, featured, aboutRetired, status === 'approved' ? publishedAt : undefined))
    }
    for (const site of sites) {
      if (idle.has(site._id) && month >= idleFrom) continue
      const open = dates.filter((d) => spansOn(site, d).length > 0)
      if (open.length === 0) continue
      const n = Math.round((o.visitsPerSite ?? 8) * (0.5 + rng()))
      for (let k = 0; k < n; k++) {
        const p = pick(people)
        const date = pick(open)
        const [span] = spansOn(site, date)
        const at = shanghaiInstant(date, span[0] + 10)
        const id = visitId(site._id, date, p._id)
        if (!past(at) || visits.has(id)) continue
        visits.set(id, { _id: id, siteId: site._id, date, month, openid: p._id, name: p.name, orgId: p.orgId, orgPath: p.orgPath, orgName: p.orgName, at, distance: 10 })
        marks.set(visitorMarkId(site._id, month, p._id), { _id: visitorMarkId(site._id, month, p._id), siteId: site._id, month, kind: 'visitor', key: p._id })
        marks.set(orgMarkId(site._id, month, p.orgId), { _id: orgMarkId(site._id, month, p.orgId), siteId: site._id, month, kind: 'org', key: p.orgId, outside: isOutside(p.orgPath, site.managingOrgId) })
      }
      if (rng() < (o.bookingChance ?? 0.6)) {
        const booker = pick(people)
        const date = pick(open)
        const [span] = spansOn(site, date)
        const hours = Math.min(1 + Math.floor(rng() * 3), Math.floor((span[1] - span[0]) / 60))
        if (hours < 1 || !past(shanghaiInstant(date, span[0] + hours * 60))) continue
        bookings.push({
          _id: idOf('b'), siteId: site._id, siteName: site.name, date, month, startMin: span[0], endMin: span[0] + hours * 60, hours,
          headcount: 10, purpose: '主题党日活动', orgId: booker.orgId, orgPath: booker.orgPath, orgName: booker.orgName,
          bookedBy: booker._id, bookedByName: booker.name, status: rng() < 0.9 ? 'booked' : 'cancelled', confirmed: true, arrived: false,
          createdAt: shanghaiInstant(date, 0),
        })
      }
    }
  }
  // Reviews left waiting: submitted five days ago, still pending.
  for (let k = 0; k < (o.lateReviews ?? 0) && people.length; k++) {
    const p = people[k % people.length]
    stories.push(storyDoc(idOf('s'), p, new Date(o.now.getTime() - 5 * DAY), 'pending', false, p.retired, undefined))
  }

  await addAll(db, COLLECTIONS.classes, classes as unknown as Array<Record<string, unknown>>, o.batch)
  await addAll(db, COLLECTIONS.attendance, attendance as unknown as Array<Record<string, unknown>>, o.batch)
  await addAll(db, COLLECTIONS.stories, stories, o.batch)
  // A check-in is one per person, site and day: one another history (or the demo seed) made already is kept.
  const visitsAdded = await addMissing(db, COLLECTIONS.siteVisits, [...visits.values()] as Array<{ _id: string }>, o.batch)
  await addAll(db, COLLECTIONS.siteBookings, bookings, o.batch)
  // Markers only where none is there yet (another seed's records may have made one already).
  await addMissing(db, COLLECTIONS.siteMarks, [...marks.values()], o.batch)
  await recountHistory(db, recounted, o.now)
  return { classes: classes.length, attendance: attendance.length, stories: stories.length, visits: visitsAdded, bookings: bookings.length, months }
}

function storyDoc(id: string, p: PersonDoc, submittedAt: Date, status: string, featured: boolean, aboutRetired: boolean, publishedAt: Date | undefined) {
  return {
    _id: id, author: p._id, authorName: p.name, orgId: p.orgId, orgPath: p.orgPath, orgName: p.orgName,
    title: `${p.name}身边的党员故事`, content: '社区里的一件小事，记下党员的担当。', category: 'service', images: [],
    subject: { self: true, name: p.name, retired: p.retired }, status, featured, version: 2,
    ...(publishedAt ? { publishedAt, feedRank: feedRank(featured, publishedAt, id), reviewedAt: publishedAt, reviewedBy: 'seed' } : {}),
    likes: 0, views: 0, shares: 0, aboutRetired, flagged: false, subscribe: false,
    submittedAt, queuedAt: submittedAt, updatedAt: publishedAt ?? submittedAt,
    history: [{ event: 'submit', by: p._id, byName: p.name, at: submittedAt }],
  }
}

/**
 * Builds every month's figures from the records, by each feature's own recount (what their timers run), month by
 * month as the timers do (setFigures writes a month's documents at once; a big district's year in one go floods the
 * database).
 */
export async function recountHistory(db: SeedDatabase, months: string[], now: Date) {
  const d = db as any
  const done = new Set<string>()
  for (const month of months) {
    await classroomFigures.recountMonth(d, month, now)
    await storyFigures.recountMonth(d, month, now)
    await siteFigures.recountMonth(d, month, now)
    // The workbench's month, and its quarter and year the first time (its timer's recount of a month does them again).
    const periods = periodsOfMonth(month).filter((p) => !done.has(p))
    periods.forEach((p) => done.add(p))
    await recountPeriods(d, periods)
  }
}

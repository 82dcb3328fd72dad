// Monthly site figures, pre-counted as events happen so the usage page reads one aggregation whatever the number of
// events: `siteMonths` `${siteId}_${YYYY-MM}` holds visits, distinct visitors, bookings, booked hours, arrivals,
// organisations served and those outside the managing organisation. Distinct counts grow only when a first-of-month
// marker (`siteMarks`) is newly written, so they are exact under concurrency.
//
// The recount (the daily timer, or the admin by hand) rebuilds a month from the raw records with a few server-side
// aggregations and sets any figure that drifted (a function stopped between a record and its count), and frees the
// slots of bookings that no longer stand.
import { database, Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { bump, Figures, recentMonths, setFigures } from '../common/figures'
import { readAll } from '../common/query'
import { FIGURE_KEYS, MonthRecords, SiteDoc, SiteFigures, SiteMonthDoc, siteMonthId, tally, zeroFigures } from './model'
import { whenAll } from '../common/whenAll'

/** Rows one aggregation may answer (CloudBase answers 20 without a limit). */
const AGG_LIMIT = 10000
/** A slot younger than this may belong to a booking still being written: the recount leaves it. */
const ORPHAN_GRACE_MS = 5 * 60_000

/** What one event (a visit, a booking, its withdrawal, a repair) changes in a site's figures for a month. */
export interface SiteFigureChange { siteId: string; month: string; delta: Partial<SiteFigures> }

/** Adds a change to a site's figures for a month, creating the document on its first event (exact under concurrency). */
async function record(db: Database, { siteId, month, delta }: SiteFigureChange) {
  const changes = Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0)) as Record<string, number>
  if (Object.keys(changes).length === 0) return
  await bump(db, COLLECTIONS.siteMonths, siteMonthId(siteId, month), { siteId, month, ...zeroFigures() }, changes)
}

/** Runs an aggregation whose answer may be longer than one reply, AGG_LIMIT rows at a time. */
async function aggregateAll(db: Database, collection: string, build: (agg: any) => any): Promise<any[]> {
  const out: any[] = []
  for (;;) {
    const { data } = await build(db.collection(collection).aggregate()).sort({ _id: 1 }).skip(out.length).limit(AGG_LIMIT).end()
    out.push(...data)
    if (data.length < AGG_LIMIT) return out
  }
}

/** A month's raw records, grouped by the database. */
async function monthRecords(db: Database, month: string): Promise<MonthRecords> {
  const [visits, visitOrgs, bookings, bookingOrgs] = await whenAll([
    aggregateAll(db, COLLECTIONS.siteVisits, (a) => a.match({ month })
      .group({ _id: { s: '$siteId', p: '$openid' }, n: { $sum: 1 } })
      .group({ _id: '$_id.s', visits: { $sum: '$n' }, visitors: { $sum: 1 } })),
    aggregateAll(db, COLLECTIONS.siteVisits, (a) => a.match({ month })
      .group({ _id: { s: '$siteId', o: '$orgId' }, orgPath: { $first: '$orgPath' } })),
    aggregateAll(db, COLLECTIONS.siteBookings, (a) => a.match({ month, status: 'booked' })
      .group({ _id: '$siteId', bookings: { $sum: 1 }, bookedHours: { $sum: '$hours' }, arrivals: { $sum: { $cond: ['$arrived', 1, 0] } } })),
    aggregateAll(db, COLLECTIONS.siteBookings, (a) => a.match({ month, status: 'booked', arrived: true })
      .group({ _id: { s: '$siteId', o: '$orgId' }, orgPath: { $first: '$orgPath' } })),
  ])
  return {
    visits: visits.map((v) => ({ siteId: v._id, visits: v.visits, visitors: v.visitors })),
    bookings: bookings.map((b) => ({ siteId: b._id, bookings: b.bookings, bookedHours: b.bookedHours, arrivals: b.arrivals })),
    served: [...visitOrgs, ...bookingOrgs].map((o) => ({ siteId: o._id.s, orgId: o._id.o, orgPath: o.orgPath ?? [] })),
  }
}

/** Frees the slots of the month held by no standing booking (a cancellation cut short, a booking never written). */
async function freeOrphanSlots(db: Database, month: string, at: Date): Promise<number> {
  const _ = db.command
  const orphans = await aggregateAll(db, COLLECTIONS.siteSlots, (a) => a.match({ month })
    .group({ _id: '$bookingId', createdAt: { $min: '$createdAt' } })
    .lookup({ from: COLLECTIONS.siteBookings, localField: '_id', foreignField: '_id', as: 'booking' })
    .match({ 'booking.status': _.neq('booked') })
    .project({ createdAt: 1 }))
  const ids = orphans.filter((o) => at.getTime() - new Date(o.createdAt).getTime() > ORPHAN_GRACE_MS).map((o) => o._id as string)
  let freed = 0
  for (let i = 0; i < ids.length; i += 100) {
    freed += (await db.collection(COLLECTIONS.siteSlots).where({ bookingId: _.in(ids.slice(i, i + 100)) }).remove()).deleted ?? 0
  }
  return freed
}

/**
 * Rebuilds a month's figures from its raw records and sets every site's figures that differ (setFigures: idempotent,
 * and two recounts at once converge). Answers how many site-months it repaired.
 */
async function recountMonth(db: Database, month: string, at: Date): Promise<{ sites: number; repaired: number; slotsFreed: number }> {
  const sites = await readAll<Pick<SiteDoc, '_id' | 'managingOrgId'>>(db, COLLECTIONS.sites, {}, { managingOrgId: true })
  const managers = new Map(sites.map((s) => [s._id, s.managingOrgId]))
  const repaired = await setFigures(db, COLLECTIONS.siteMonths, { month }, FIGURE_KEYS, async () => {
    const right = tally(await monthRecords(db, month), (siteId) => managers.get(siteId))
    return new Map([...right].map(([siteId, values]) => [siteMonthId(siteId, month), { fresh: { siteId, month }, values: { ...values } }]))
  })
  const slotsFreed = await freeOrphanSlots(db, month, at)
  return { sites: sites.length, repaired, slotsFreed }
}

/** The site's figures: recorded as visits and bookings happen; the daily timer recounts this month and the last. */
export const siteFigures: Figures<SiteFigureChange, { sites: number; repaired: number; slotsFreed: number }> = {
  record,
  recountMonth,
  async timer(db, at) {
    const [month, previous] = recentMonths(at)
    const [current, before] = [await recountMonth(db, month, at), await recountMonth(db, previous, at)]
    return { [month]: current, [previous]: before }
  },
}

export interface UsageSource {
  site: Pick<SiteDoc, '_id' | 'name' | 'type' | 'managingOrgId' | 'managingOrgName' | 'managingOrgPath' | 'active' | 'weekly' | 'closedDates'>
  figures?: SiteMonthDoc
  classes?: { classesHeld: number; attendees: number }
  library?: { loans: number }
}

/**
 * The sites matching `match` with their figures for the month, the classroom's and the library's: ONE aggregation (the month's
 * documents are joined by their deterministic ids), whatever the number of events behind them.
 */
export async function readUsage(match: Record<string, unknown>, month: string): Promise<UsageSource[]> {
  const { data } = await database().collection(COLLECTIONS.sites).aggregate()
    .match(match)
    .project({ name: 1, type: 1, managingOrgId: 1, managingOrgName: 1, managingOrgPath: 1, active: 1, weekly: 1, closedDates: 1 })
    .addFields({ monthId: { $concat: ['$_id', `_${month}`] } })
    .lookup({ from: COLLECTIONS.siteMonths, localField: 'monthId', foreignField: '_id', as: 'figures' })
    .lookup({ from: COLLECTIONS.classSiteMonths, localField: 'monthId', foreignField: '_id', as: 'classes' })
    .lookup({ from: COLLECTIONS.libraryMonths, localField: 'monthId', foreignField: '_id', as: 'library' })
    .project({ 'library.books': 0, 'library.readers': 0 })
    .limit(AGG_LIMIT)
    .end()
  return (data as any[]).map(({ figures, classes, library, monthId: _id, ...site }) => ({
    site,
    figures: figures?.[0],
    classes: classes?.[0],
    library: library?.[0],
  }))
}

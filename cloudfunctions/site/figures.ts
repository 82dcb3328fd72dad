// Monthly site figures, pre-counted as events happen so the usage page reads one aggregation whatever the number of
// events: `siteMonths` `${siteId}_${YYYY-MM}` holds visits, distinct visitors, bookings, booked hours, arrivals,
// organisations served and those outside the managing organisation. Distinct counts grow only when a first-of-month
// marker (`siteMarks`) is newly written, so they are exact under concurrency.
//
// The recount (the daily timer, or the admin by hand) rebuilds a month from the raw records with a few server-side
// aggregations and adds the difference to any figure that drifted (a function stopped between two writes), and frees
// the slots of bookings that no longer stand.
import { database, isDuplicateWrite } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { FIGURE_KEYS, MonthRecords, SiteDoc, SiteFigures, SiteMonthDoc, siteMonthId, tally } from './model'

/** Rows one aggregation may answer (CloudBase answers 20 without a limit). */
const AGG_LIMIT = 10000
/** A slot younger than this may belong to a booking still being written: the recount leaves it. */
const ORPHAN_GRACE_MS = 5 * 60_000

/** Adds `delta` to a site's figures for a month, creating the document on its first event (exact under concurrency). */
export async function addToFigures(siteId: string, month: string, delta: Partial<SiteFigures>) {
  const changes = Object.entries(delta).filter(([, v]) => v !== 0) as Array<[keyof SiteFigures, number]>
  if (changes.length === 0) return
  const _ = database().command
  const coll = database().collection(COLLECTIONS.siteMonths)
  const id = siteMonthId(siteId, month)
  const inc = Object.fromEntries(changes.map(([k, v]) => [k, _.inc(v)]))
  if ((await coll.doc(id).update(inc)).updated > 0) return
  const fresh: Omit<SiteMonthDoc, '_id'> = { siteId, month, visits: 0, visitors: 0, bookings: 0, bookedHours: 0, arrivals: 0, orgsServed: 0, outsideOrgs: 0 }
  for (const [k, v] of changes) fresh[k] = v
  try {
    await coll.add({ _id: id, ...fresh })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    await coll.doc(id).update(inc)
  }
}

/** Reads every document of a query, a page of 1000 at a time (by _id, so a page never repeats or skips). */
async function readAll<T extends { _id: string }>(collection: string, where: Record<string, unknown>): Promise<T[]> {
  const _ = database().command
  const out: T[] = []
  for (;;) {
    const last = out[out.length - 1]
    const { data } = await database().collection(collection)
      .where(last ? { ...where, _id: _.gt(last._id) } : where).orderBy('_id', 'asc').limit(1000).get()
    out.push(...(data as T[]))
    if (data.length < 1000) return out
  }
}

/** Runs an aggregation whose answer may be longer than one reply, AGG_LIMIT rows at a time. */
async function aggregateAll(collection: string, build: (agg: any) => any): Promise<any[]> {
  const out: any[] = []
  for (;;) {
    const { data } = await build(database().collection(collection).aggregate()).sort({ _id: 1 }).skip(out.length).limit(AGG_LIMIT).end()
    out.push(...data)
    if (data.length < AGG_LIMIT) return out
  }
}

/** A month's raw records, grouped by the database. */
async function monthRecords(month: string): Promise<MonthRecords> {
  const [visits, visitOrgs, bookings, bookingOrgs] = await Promise.all([
    aggregateAll(COLLECTIONS.siteVisits, (a) => a.match({ month })
      .group({ _id: { s: '$siteId', p: '$openid' }, n: { $sum: 1 } })
      .group({ _id: '$_id.s', visits: { $sum: '$n' }, visitors: { $sum: 1 } })),
    aggregateAll(COLLECTIONS.siteVisits, (a) => a.match({ month })
      .group({ _id: { s: '$siteId', o: '$orgId' }, orgPath: { $first: '$orgPath' } })),
    aggregateAll(COLLECTIONS.siteBookings, (a) => a.match({ month, status: 'booked' })
      .group({ _id: '$siteId', bookings: { $sum: 1 }, bookedHours: { $sum: '$hours' }, arrivals: { $sum: { $cond: ['$arrived', 1, 0] } } })),
    aggregateAll(COLLECTIONS.siteBookings, (a) => a.match({ month, status: 'booked', arrived: true })
      .group({ _id: { s: '$siteId', o: '$orgId' }, orgPath: { $first: '$orgPath' } })),
  ])
  return {
    visits: visits.map((v) => ({ siteId: v._id, visits: v.visits, visitors: v.visitors })),
    bookings: bookings.map((b) => ({ siteId: b._id, bookings: b.bookings, bookedHours: b.bookedHours, arrivals: b.arrivals })),
    served: [...visitOrgs, ...bookingOrgs].map((o) => ({ siteId: o._id.s, orgId: o._id.o, orgPath: o.orgPath ?? [] })),
  }
}

/** Frees the slots of the month held by no standing booking (a cancellation cut short, a booking never written). */
async function freeOrphanSlots(month: string, at: Date): Promise<number> {
  const _ = database().command
  const orphans = await aggregateAll(COLLECTIONS.siteSlots, (a) => a.match({ month })
    .group({ _id: '$bookingId', createdAt: { $min: '$createdAt' } })
    .lookup({ from: COLLECTIONS.siteBookings, localField: '_id', foreignField: '_id', as: 'booking' })
    .match({ 'booking.status': _.neq('booked') })
    .project({ createdAt: 1 }))
  const ids = orphans.filter((o) => at.getTime() - new Date(o.createdAt).getTime() > ORPHAN_GRACE_MS).map((o) => o._id as string)
  let freed = 0
  for (let i = 0; i < ids.length; i += 100) {
    freed += (await database().collection(COLLECTIONS.siteSlots).where({ bookingId: _.in(ids.slice(i, i + 100)) }).remove()).deleted ?? 0
  }
  return freed
}

/**
 * Rebuilds a month's figures from its raw records; every figure that differs gets the difference added (an
 * increment, so an event counted meanwhile is not overwritten). Answers how many site-months it repaired.
 */
export async function recountMonth(month: string, at: Date): Promise<{ sites: number; repaired: number; slotsFreed: number }> {
  const [records, live, sites] = await Promise.all([
    monthRecords(month),
    readAll<SiteMonthDoc>(COLLECTIONS.siteMonths, { month }),
    readAll<Pick<SiteDoc, '_id' | 'managingOrgId'>>(COLLECTIONS.sites, {}),
  ])
  const managers = new Map(sites.map((s) => [s._id, s.managingOrgId]))
  const right = tally(records, (siteId) => managers.get(siteId))
  const liveBySite = new Map(live.map((f) => [f.siteId, f]))
  const siteIds = new Set([...right.keys(), ...liveBySite.keys()])
  let repaired = 0
  await Promise.all([...siteIds].map(async (siteId) => {
    const want = right.get(siteId)
    const have = liveBySite.get(siteId)
    const delta: Partial<SiteFigures> = {}
    for (const k of FIGURE_KEYS) {
      const d = (want?.[k] ?? 0) - (have?.[k] ?? 0)
      if (d !== 0) delta[k] = d
    }
    if (Object.keys(delta).length === 0) return
    repaired += 1
    await addToFigures(siteId, month, delta)
  }))
  const slotsFreed = await freeOrphanSlots(month, at)
  return { sites: sites.length, repaired, slotsFreed }
}

export interface UsageSource {
  site: Pick<SiteDoc, '_id' | 'name' | 'type' | 'managingOrgId' | 'managingOrgName' | 'managingOrgPath' | 'active' | 'weekly' | 'closedDates'>
  figures?: SiteMonthDoc
  classes?: { classesHeld: number; attendees: number }
}

/**
 * The sites matching `match` with their figures for the month and the classroom's: ONE aggregation (the month's
 * documents are joined by their deterministic ids), whatever the number of events behind them.
 */
export async function readUsage(match: Record<string, unknown>, month: string): Promise<UsageSource[]> {
  const { data } = await database().collection(COLLECTIONS.sites).aggregate()
    .match(match)
    .project({ name: 1, type: 1, managingOrgId: 1, managingOrgName: 1, managingOrgPath: 1, active: 1, weekly: 1, closedDates: 1 })
    .addFields({ monthId: { $concat: ['$_id', `_${month}`] } })
    .lookup({ from: COLLECTIONS.siteMonths, localField: 'monthId', foreignField: '_id', as: 'figures' })
    .lookup({ from: COLLECTIONS.classSiteMonths, localField: 'monthId', foreignField: '_id', as: 'classes' })
    .limit(AGG_LIMIT)
    .end()
  return (data as any[]).map(({ figures, classes, monthId: _id, ...site }) => ({
    site,
    figures: figures?.[0],
    classes: classes?.[0],
  }))
}

// The workbench's own pre-counted figures: `orgPeriods` `${orgId}_${period}` per organisation (its whole subtree) and
// period — a month, its quarter and its year — holding `members` (approved members) and `membersAttended` (members
// present, as expected members, at a class starting in the period). "Members never attending" is their difference.
//
// Why a document per period and not per month: distinct people do not add up over months (someone who came in
// October and November is one person of the quarter), so a quarter's or a year's count is its own document, and the
// overview reads one document per organisation whatever the period and the number of attendance records. Why the
// timer (daily, and the admin's recount) and not each sign-in: the sign-in is the hottest path of the product and
// has its own operation budget; this figure is a supervision figure read the next day. The recount groups the
// records in the database (one aggregation per period), so its reply has one row per organisation, never per event.
// A member who changed organisation within a period counts in each; a member's organisation is the one of their
// attendance record.
import { PRESENT_STATUSES } from '../../contract/classroom'
import type { Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { CountedFigures, Figures, recentMonths, setFigures } from '../common/figures'
import type { OrgDoc } from '../common/orgs'
import { readAll } from '../common/query'
import { whenAll } from '../common/whenAll'
import { periodInfo, periodRange, periodsOfMonth } from './period'

export interface OrgPeriodDoc {
  _id: string
  orgId: string
  orgPath: string[]
  period: string
  members: number
  membersAttended: number
}

export const orgPeriodId = (orgId: string, period: string) => `${orgId}_${period}`
const KEYS = ['members', 'membersAttended']
const ROWS = 10000

/** Per organisation (its own, not its subtree's): the number of rows `pipeline` groups into `n`. */
async function perOrg(db: Database, collection: string, match: Record<string, unknown>, distinct?: string): Promise<Map<string, number>> {
  let agg = db.collection(collection).aggregate().match(match)
  if (distinct) agg = agg.group({ _id: { o: '$orgId', p: `$${distinct}` } }).group({ _id: '$_id.o', n: { $sum: 1 } })
  else agg = agg.group({ _id: '$orgId', n: { $sum: 1 } })
  const { data } = await agg.limit(ROWS).end()
  return new Map((data as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]))
}

/** What the records say for `periods`: members now, and members who attended in each period. */
async function countPeriods(db: Database, periods: string[]): Promise<Map<string, CountedFigures>> {
  const _ = db.command
  const [orgs, members] = await whenAll([
    readAll<OrgDoc>(db, COLLECTIONS.orgs, {}, { path: true }),
    perOrg(db, COLLECTIONS.users, { status: 'approved' }),
  ])
  // One period after another: each aggregation reads its range of attendance records, and a history's recount asks
  // for many periods at once.
  const attended: Array<Map<string, number>> = []
  for (const p of periods) {
    const [start, end] = periodRange(periodInfo(p))
    attended.push(await perOrg(db, COLLECTIONS.attendance,
      { classStart: _.gte(start).and(_.lt(end)), expected: true, status: _.in([...PRESENT_STATUSES]) }, 'openid'))
  }
  const pathOf = new Map(orgs.map((o) => [o._id, o.path]))
  const out = new Map<string, CountedFigures>()
  const add = (orgId: string, period: string, key: 'members' | 'membersAttended', n: number) => {
    for (const [i, id] of (pathOf.get(orgId) ?? []).entries()) {
      const docId = orgPeriodId(id, period)
      const f = out.get(docId) ?? { fresh: { orgId: id, orgPath: pathOf.get(orgId)!.slice(0, i + 1), period }, values: { members: 0, membersAttended: 0 } }
      f.values[key] += n
      out.set(docId, f)
    }
  }
  periods.forEach((p, i) => {
    for (const [orgId, n] of members) add(orgId, p, 'members', n)
    for (const [orgId, n] of attended[i]) add(orgId, p, 'membersAttended', n)
  })
  return out
}

/** Sets the documents of `periods` to what the records count. Answers how many it wrote. */
export async function recountPeriods(db: Database, periods: string[]): Promise<number> {
  const _ = db.command
  return setFigures(db, COLLECTIONS.orgPeriods, { period: _.in(periods) }, KEYS, () => countPeriods(db, periods))
}

/** A month's documents, its quarter's and its year's. */
const recountMonth = (db: Database, month: string) => recountPeriods(db, periodsOfMonth(month))

export const workbenchFigures: Figures<never> = {
  async record() { /* counted by the recount only: see the top of this file */ },
  recountMonth,
  async timer(db, at) {
    const [month, previous] = recentMonths(at)
    return { repaired: (await recountMonth(db, month)) + (await recountMonth(db, previous)) }
  },
}

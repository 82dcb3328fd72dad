// The workbench's reads: everything an overview needs in at most 3 database operations (the router's read of the
// caller is the 4th), whatever the number of organisations (≤ 500) or events behind the figures:
//   1. the organisation's subtree, each organisation joined (by deterministic id) to its monthly class and story
//      figures for every month asked for, its `orgPeriods` document, and — on the root's row only — the targets;
//   2. the sites managed in the subtree, each joined to its monthly site and classroom figures;
//   3. the stories of the subtree waiting for review too long, grouped by organisation in the database.
// `$lookup` by `_id` joins documents whose ids are known, so no step reads an event.
import type { ClassMonthDoc } from '../classroom/figures'
import { REVIEW_OVERDUE_DAYS } from '../../contract/workbench'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import type { OrgDoc } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import type { SiteDoc, SiteMonthDoc } from '../site/model'
import type { StatsDoc } from '../story/figures'
import type { OrgPeriodDoc } from './figures'
import type { TargetsDoc } from './targets'

const MAX_ROWS = 10000
const DAY_MS = 24 * 60 * 60 * 1000

export interface OrgRow extends OrgDoc {
  classes: Map<string, ClassMonthDoc>
  stories: Map<string, StatsDoc>
  period?: OrgPeriodDoc
}

export type SiteRow = Pick<SiteDoc, '_id' | 'name' | 'type' | 'managingOrgId' | 'managingOrgName' | 'managingOrgPath' | 'active' | 'weekly' | 'closedDates'> & {
  figures: Map<string, SiteMonthDoc>
  classes: Map<string, { classesHeld: number; attendees: number }>
}

/** `$addFields` of one joined id per month (`${prefix}${i}` = `${_id}_${month}`). */
const monthIds = (prefix: string, months: string[]) =>
  Object.fromEntries(months.map((m, i) => [`${prefix}${i}`, { $concat: ['$_id', `_${m}`] }]))

/** Collects joined documents of a row (`${as}${i}`, one array per month) into a map by month. */
function byMonth<T>(row: Record<string, any>, as: string, months: string[]): Map<string, T> {
  const out = new Map<string, T>()
  months.forEach((m, i) => {
    const doc = row[`${as}${i}`]?.[0]
    if (doc) out.set(m, doc)
  })
  return out
}

/**
 * Operation 1: the subtree of `orgId` (checked against the caller's scope), with figures of `months` and the period's
 * document; the targets of `targetKeys` (first found wins) joined on the root's row.
 */
export async function readSubtree(person: PersonDoc, orgId: string, months: string[], period: string | null,
  targetKeys: string[]): Promise<{ orgs: OrgRow[]; targets: TargetsDoc | null }> {
  let agg = database().collection(COLLECTIONS.orgs).aggregate()
    .match({ path: orgId })
    .addFields({
      ...monthIds('cm', months),
      ...(period ? { pid: { $concat: ['$_id', `_${period}`] } } : {}),
      ...Object.fromEntries(targetKeys.map((k, i) => [`tid${i}`, { $cond: [{ $eq: ['$_id', orgId] }, k, '-'] }])),
    })
  for (let i = 0; i < months.length; i++) {
    agg = agg.lookup({ from: COLLECTIONS.classMonths, localField: `cm${i}`, foreignField: '_id', as: `C${i}` })
      .lookup({ from: COLLECTIONS.storyStats, localField: `cm${i}`, foreignField: '_id', as: `S${i}` })
  }
  if (period) agg = agg.lookup({ from: COLLECTIONS.orgPeriods, localField: 'pid', foreignField: '_id', as: 'P' })
  targetKeys.forEach((_k, i) => { agg = agg.lookup({ from: COLLECTIONS.workbenchTargets, localField: `tid${i}`, foreignField: '_id', as: `T${i}` }) })
  const { data } = await agg.limit(MAX_ROWS).end()
  const rows = data as Array<Record<string, any>>
  const root = rows.find((r) => r._id === orgId)
  if (!root) throw fail.notFound('这个党组织')
  if (!inScope(person, root.path)) throw fail.forbidden('这个党组织不在您管理的范围内')
  const targets = targetKeys.map((_k, i) => root[`T${i}`]?.[0] as TargetsDoc | undefined).find(Boolean) ?? null
  const orgs = rows.map((r): OrgRow => ({
    _id: r._id, name: r.name, type: r.type, parentId: r.parentId ?? null, path: r.path,
    classes: byMonth(r, 'C', months), stories: byMonth(r, 'S', months), period: r.P?.[0],
  }))
  return { orgs: treeOrder(orgs, orgId), targets }
}

/** Each organisation followed by those under it, root first (as subtreeInScope orders them). */
function treeOrder<T extends OrgDoc>(orgs: T[], rootId: string): T[] {
  const children = new Map<string, T[]>()
  for (const o of orgs) if (o._id !== rootId && o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
  const out: T[] = []
  const visit = (o: T) => { out.push(o); for (const c of children.get(o._id) ?? []) visit(c) }
  visit(orgs.find((o) => o._id === rootId)!)
  return out
}

/** Operation 2: the sites managed in the subtree of `orgId`, with their figures of `months`. */
export async function readSites(orgId: string, months: string[]): Promise<SiteRow[]> {
  let agg = database().collection(COLLECTIONS.sites).aggregate()
    .match({ managingOrgPath: orgId })
    .project({ name: 1, type: 1, managingOrgId: 1, managingOrgName: 1, managingOrgPath: 1, active: 1, weekly: 1, closedDates: 1 })
    .addFields(monthIds('sm', months))
  for (let i = 0; i < months.length; i++) {
    agg = agg.lookup({ from: COLLECTIONS.siteMonths, localField: `sm${i}`, foreignField: '_id', as: `F${i}` })
      .lookup({ from: COLLECTIONS.classSiteMonths, localField: `sm${i}`, foreignField: '_id', as: `K${i}` })
  }
  const { data } = await agg.limit(MAX_ROWS).end()
  return (data as Array<Record<string, any>>).map((r) => ({
    _id: r._id, name: r.name, type: r.type, managingOrgId: r.managingOrgId, managingOrgName: r.managingOrgName,
    managingOrgPath: r.managingOrgPath, active: r.active, weekly: r.weekly, closedDates: r.closedDates ?? [],
    figures: byMonth(r, 'F', months), classes: byMonth(r, 'K', months),
  }))
}

/** The instant before which a story still pending has waited too long. */
export const overdueBefore = (at: Date) => new Date(at.getTime() - REVIEW_OVERDUE_DAYS * DAY_MS)

/** Operation 3: stories of the subtree waiting for review since before the cutoff, per organisation (its own). */
export async function readOverdue(orgId: string, at: Date): Promise<Map<string, number>> {
  const _ = database().command
  const { data } = await database().collection(COLLECTIONS.stories).aggregate()
    .match({ status: 'pending', orgPath: orgId, queuedAt: _.lt(overdueBefore(at)) })
    .group({ _id: '$orgId', n: { $sum: 1 } })
    .limit(MAX_ROWS)
    .end()
  return new Map((data as Array<{ _id: string; n: number }>).map((r) => [r._id, r.n]))
}

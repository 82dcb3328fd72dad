// Warnings of an organisation's subtree now, each naming the page (src/pageTable.ts key) that fixes it:
//   只挂牌子  an organisation that must hold classes and held none, nor was covered by its committee's, for
//            PLAQUE_ONLY_DAYS days → schedule a class (classEdit);
//   阵地闲置  an active site with no visit, booking or class in the whole of last month → its usage (siteUsage);
//   审核超时  a story waiting for review more than REVIEW_OVERDUE_DAYS days → the review queue (storyReview).
import type { Warning } from '../../contract/workbench'
import { PLAQUE_ONLY_DAYS, REVIEW_OVERDUE_DAYS } from '../../contract/workbench'
import { coverageOf } from '../classroom/coverage'
import type { ClassMonthDoc } from '../classroom/figures'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { subtreeInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { previousMonth, shanghaiMonth } from '../common/time'
import { whenAll } from '../common/whenAll'
import type { StoryDoc } from '../story/model'
import { overdueBefore, readSites } from './read'

const DAY_MS = 24 * 60 * 60 * 1000
const MAX_ROWS = 1000
const daysSince = (from: Date, at: Date) => Math.floor((at.getTime() - new Date(from).getTime()) / DAY_MS)

/** The last class held (ended, not cancelled) by each organisation of `where`, by the database. */
async function lastClasses(where: Record<string, unknown>): Promise<Map<string, Date>> {
  const { data } = await database().collection(COLLECTIONS.classes).aggregate()
    .match({ status: 'scheduled', ...where })
    .group({ _id: '$orgId', last: { $max: '$end' } })
    .limit(MAX_ROWS)
    .end()
  return new Map((data as Array<{ _id: string; last: Date }>).map((r) => [r._id, new Date(r.last)]))
}

export async function warningsOf(person: PersonDoc, orgId: string, at: Date): Promise<Warning[]> {
  const _ = database().command
  const since = new Date(at.getTime() - PLAQUE_ONLY_DAYS * DAY_MS)
  const lastMonth = previousMonth(shanghaiMonth(at))
  const orgs = await subtreeInScope(person, orgId)
  const [recent, sites, stories] = await whenAll([
    lastClasses({ orgPath: orgId, end: _.gte(since).and(_.lt(at)) }),
    readSites(orgId, [lastMonth]),
    database().collection(COLLECTIONS.stories)
      .where({ status: 'pending', orgPath: orgId, queuedAt: _.lt(overdueBefore(at)) })
      .orderBy('queuedAt', 'asc').limit(100)
      .field({ title: true, orgId: true, orgName: true, queuedAt: true }).get(),
  ])
  // Coverage over the window, as the coverage page rules it: a committee's own class covers its branches.
  const docs = orgs.map((o): ClassMonthDoc => {
    const held = orgs.filter((u) => u.path.includes(o._id) && recent.has(u._id)).length
    return { _id: o._id, orgId: o._id, orgPath: o.path, month: '', classesHeld: held, ownClassesHeld: recent.has(o._id) ? 1 : 0, attendees: 0, guests: 0, expected: 0 }
  })
  const idle = coverageOf('', orgs, docs).items.filter((c) => c.status === 'none')
  const before = idle.length ? await lastClasses({ orgId: _.in(idle.map((c) => c.orgId)), end: _.lt(since) }) : new Map<string, Date>()
  const out: Warning[] = []
  for (const c of idle) {
    const last = before.get(c.orgId)
    out.push({
      kind: 'plaqueOnly', subjectId: c.orgId, orgId: c.orgId, orgName: c.orgName,
      days: last ? daysSince(last, at) : PLAQUE_ONLY_DAYS,
      message: last ? `${c.orgName}已 ${daysSince(last, at)} 天没有开课` : `${c.orgName}还没有开过课`,
      fix: { page: 'classEdit', params: { orgId: c.orgId } },
    })
  }
  for (const s of sites) {
    const f = s.figures.get(lastMonth)
    const used = (f?.visits ?? 0) > 0 || (f?.bookings ?? 0) > 0 || (s.classes.get(lastMonth)?.classesHeld ?? 0) > 0
    if (!s.active || used) continue
    out.push({
      kind: 'idleSite', subjectId: s._id, orgId: s.managingOrgId, orgName: s.managingOrgName,
      days: daysSince(new Date(`${lastMonth}-01T00:00:00+08:00`), at),
      message: `${s.name}上月（${Number(lastMonth.slice(5))}月）没有到访、预约或课程`,
      fix: { page: 'siteUsage', params: { siteId: s._id, month: lastMonth } },
    })
  }
  for (const s of stories.data as Array<Pick<StoryDoc, '_id' | 'title' | 'orgId' | 'orgName' | 'queuedAt'>>) {
    const days = daysSince(s.queuedAt, at)
    out.push({
      kind: 'lateReview', subjectId: s._id, orgId: s.orgId, orgName: s.orgName, days,
      message: `「${s.title}」已等待审核 ${days} 天（超过 ${REVIEW_OVERDUE_DAYS} 天）`,
      fix: { page: 'storyReview', params: { id: s._id } },
    })
  }
  return out
}

// The records behind a figure: the classes, stories or check-ins of an organisation's subtree in a period, newest
// first, cursor-paged (common/query.ts). What each counts matches the figure it opens from: classes by the month
// they start in, stories by when they were submitted, check-ins at the sites the subtree manages.
import type { DrillItem, WorkbenchInput, WorkbenchOutput } from '../../contract/workbench'
import { WORKBENCH_LIMITS } from '../../contract/workbench'
import type { ClassDoc } from '../classroom/model'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { orgInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { pageAfter } from '../common/query'
import type { VisitDoc } from '../site/model'
import type { StoryDoc } from '../story/model'
import { periodOrNow, periodRange } from './period'

const iso = (d: Date) => new Date(d).toISOString()

export async function drill(input: WorkbenchInput['drill'], person: PersonDoc, at: Date): Promise<WorkbenchOutput['drill']> {
  const _ = database().command
  const period = periodOrNow(input.period, at)
  const org = await orgInScope(person, input.orgId, '这个党组织不在您管理的范围内')
  const size = WORKBENCH_LIMITS.page
  const page = { size, dir: 'desc' as const, cursor: input.cursor }
  let items: DrillItem[]
  let nextCursor: string | null
  if (input.area === 'classroom') {
    const r = await pageAfter<ClassDoc>({ ...page, collection: COLLECTIONS.classes, order: 'start', where: [{ orgPath: org._id, month: _.in(period.months) }] })
    items = r.rows.map((c) => ({
      area: 'classroom', id: c._id, title: c.title, orgId: c.orgId, orgName: c.orgName, start: iso(c.start),
      attendees: c.signedIn, guests: c.guests ?? 0, expected: c.expected,
      status: c.status === 'cancelled' ? 'cancelled' : new Date(c.end).getTime() < at.getTime() ? 'held' : 'upcoming',
    }))
    nextCursor = r.nextCursor
  } else if (input.area === 'story') {
    const [start, end] = periodRange(period)
    const r = await pageAfter<StoryDoc>({
      ...page, collection: COLLECTIONS.stories, order: 'submittedAt', where: [{ orgPath: org._id, submittedAt: _.gte(start).and(_.lt(end)) }],
      fields: { title: true, orgId: true, orgName: true, authorName: true, status: true, featured: true, aboutRetired: true, submittedAt: true },
    })
    items = r.rows.map((s) => ({
      area: 'story', id: s._id, title: s.title, orgId: s.orgId, orgName: s.orgName, authorName: s.authorName,
      status: s.status, featured: s.featured, aboutRetired: s.aboutRetired, submittedAt: iso(s.submittedAt),
    }))
    nextCursor = r.nextCursor
  } else {
    const { data: sites } = await database().collection(COLLECTIONS.sites).where({ managingOrgPath: org._id })
      .field({ name: true }).limit(1000).get()
    const names = new Map((sites as Array<{ _id: string; name: string }>).map((s) => [s._id, s.name]))
    const r = names.size === 0 ? { rows: [], nextCursor: null } : await pageAfter<VisitDoc>({
      ...page, collection: COLLECTIONS.siteVisits, order: 'at', where: [{ siteId: _.in([...names.keys()]), month: _.in(period.months) }],
    })
    items = r.rows.map((v) => ({
      area: 'site', id: v._id, siteId: v.siteId, siteName: names.get(v.siteId) ?? '', date: v.date, name: v.name,
      orgId: v.orgId, orgName: v.orgName,
    }))
    nextCursor = r.nextCursor
  }
  return { items, nextCursor, period, orgName: org.name }
}

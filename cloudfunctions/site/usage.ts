// A month's usage of the sites a secretary manages (or one of them): their figures with the classroom's, ranked, and
// the totals. The site's managers and the district office: person + ONE aggregation, however many events are behind it.
import type { SiteOutput, SiteUsage } from '../../contract/site'
import { now } from '../common/clock'
import { fail } from '../common/errors'
import { round3 } from '../common/figures'
import type { PersonDoc } from '../common/people'
import { shanghaiMonth } from '../common/time'
import { manages } from './booking'
import { managedMatch } from './directory'
import { exportUsage } from './export'
import { readUsage } from './figures'
import { rank, toUsage } from './model'

export async function usageOf(person: PersonDoc, input: { siteId?: string; month?: string }): Promise<SiteOutput['usage']> {
  const month = input.month ?? shanghaiMonth(now())
  const rows = await readUsage(input.siteId ? { _id: input.siteId } : { ...managedMatch(person), active: true }, month)
  if (input.siteId) {
    if (!rows[0]) throw fail.notFound('这个阵地')
    if (!manages(person, rows[0].site)) throw fail.forbidden('只能查看您管理的阵地的使用情况')
  }
  const items: SiteUsage[] = rows.map((r) => toUsage(r.site, month, r.figures, r.classes, r.library))
  if (!input.siteId) rank(items)
  const sum = (k: keyof SiteUsage) => items.reduce((acc, r) => acc + (r[k] as number), 0)
  const openHours = sum('openHours')
  return {
    month,
    items,
    summary: {
      sites: items.length,
      idle: items.filter((r) => r.idle).length,
      visits: sum('visits'),
      bookings: sum('bookings'),
      bookedHours: sum('bookedHours'),
      openHours,
      utilisation: openHours > 0 ? round3(sum('bookedHours') / openHours) : null,
      classesHeld: sum('classesHeld'),
      outsideOrgs: sum('outsideOrgs'),
    },
  }
}

/** The month's usage as a workbook. */
export async function exportUsageOf(person: PersonDoc, input: { month?: string }): Promise<SiteOutput['exportUsage']> {
  const usage = await usageOf(person, input)
  return exportUsage(usage, person.role === 'admin' ? '全区' : person.orgName, now())
}

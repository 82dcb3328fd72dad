// The month's site usage ranking as an .xlsx workbook, saved to cloud storage; the answer is its fileID and a
// temporary download link.
import type { SiteOutput } from '../../contract/site'
import { SITE_TYPE_LABELS } from '../../contract/site'
import { exportName, percent, saveWorkbook, workbook } from '../common/workbook'

export async function exportUsage(u: SiteOutput['usage'], scopeName: string, at: Date): Promise<SiteOutput['exportUsage']> {
  const s = u.summary
  const file = await workbook({
    name: `${u.month} 阵地使用`,
    columns: [
      { key: 'rank', width: 6 }, { key: 'name', width: 28 }, { key: 'type', width: 18 }, { key: 'org', width: 20 },
      { key: 'visits', width: 10 }, { key: 'visitors', width: 10 }, { key: 'bookings', width: 10 }, { key: 'hours', width: 10 },
      { key: 'open', width: 10 }, { key: 'rate', width: 10 }, { key: 'classes', width: 10 }, { key: 'attendees', width: 10 },
      { key: 'orgs', width: 12 }, { key: 'outside', width: 14 }, { key: 'idle', width: 8 },
    ],
    info: [
      ['月份', u.month],
      ['范围', scopeName],
      ['概况', `阵地 ${s.sites} 个，闲置 ${s.idle} 个；到访 ${s.visits} 人次，预约 ${s.bookings} 次共 ${s.bookedHours} 小时，`
        + `总使用率 ${percent(s.utilisation)}；承办课程 ${s.classesHeld} 节；服务外单位党组织 ${s.outsideOrgs} 个次`],
    ],
    header: ['排名', '阵地', '类型', '管理党组织', '到访人次', '到访人数', '预约次数', '预约小时',
      '开放小时', '使用率', '承办课程', '听课人次', '服务党组织', '其中外单位', '闲置'],
  }, (sheet) => {
    for (const r of u.items) {
      sheet.addRow([r.rank ?? '', r.name, SITE_TYPE_LABELS[r.type], r.managingOrgName, r.visits, r.visitors, r.bookings,
        r.bookedHours, r.openHours, percent(r.utilisation), r.classesHeld, r.classAttendees, r.orgsServed, r.outsideOrgs,
        r.idle ? '是' : ''])
    }
  })
  return saveWorkbook(`site/usage/${u.month}`, exportName('阵地使用', scopeName, u.month), file, at)
}

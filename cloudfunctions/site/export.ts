// The month's site usage ranking as an .xlsx workbook (exceljs), saved to cloud storage; the answer is its fileID and
// a temporary download link.
import crypto from 'crypto'
import type { SiteOutput } from '../../contract/site'
import { SITE_TYPE_LABELS } from '../../contract/site'
import { cloud } from '../common/cloud'

type Usage = SiteOutput['usage']

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export async function usageWorkbook(u: Usage, scopeName: string): Promise<Buffer> {
  // Loaded on the first export only: exceljs is most of the bundle.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '先锋驿站'
  const sheet = book.addWorksheet(`${u.month} 阵地使用`)
  sheet.columns = [
    { key: 'rank', width: 6 }, { key: 'name', width: 28 }, { key: 'type', width: 18 }, { key: 'org', width: 20 },
    { key: 'visits', width: 10 }, { key: 'visitors', width: 10 }, { key: 'bookings', width: 10 }, { key: 'hours', width: 10 },
    { key: 'open', width: 10 }, { key: 'rate', width: 10 }, { key: 'classes', width: 10 }, { key: 'attendees', width: 10 },
    { key: 'orgs', width: 12 }, { key: 'outside', width: 14 }, { key: 'idle', width: 8 },
  ]
  const s = u.summary
  const info: Array<[string, string]> = [
    ['月份', u.month],
    ['范围', scopeName],
    ['概况', `阵地 ${s.sites} 个，闲置 ${s.idle} 个；到访 ${s.visits} 人次，预约 ${s.bookings} 次共 ${s.bookedHours} 小时，`
      + `总使用率 ${percent(s.utilisation)}；承办课程 ${s.classesHeld} 节；服务外单位党组织 ${s.outsideOrgs} 个次`],
  ]
  for (const [k, v] of info) sheet.addRow([k, v]).getCell(1).font = { bold: true }
  sheet.addRow([])
  const header = sheet.addRow(['排名', '阵地', '类型', '管理党组织', '到访人次', '到访人数', '预约次数', '预约小时',
    '开放小时', '使用率', '承办课程', '听课人次', '服务党组织', '其中外单位', '闲置'])
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  for (const r of u.items) {
    sheet.addRow([r.rank ?? '', r.name, SITE_TYPE_LABELS[r.type], r.managingOrgName, r.visits, r.visitors, r.bookings,
      r.bookedHours, r.openHours, percent(r.utilisation), r.classesHeld, r.classAttendees, r.orgsServed, r.outsideOrgs,
      r.idle ? '是' : ''])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Uploads the workbook and answers its fileID and a temporary link (2 hours). */
export async function saveExport(month: string, file: Buffer, at: Date): Promise<SiteOutput['exportUsage']> {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15)
  const cloudPath = `site/usage/${month}/${stamp}-${crypto.randomBytes(4).toString('hex')}.xlsx`
  const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: file })
  const { fileList } = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: 2 * 60 * 60 }] })
  const url = fileList?.[0]?.tempFileURL
  if (!fileID || !url) throw new Error(`usage export ${month}: no fileID or link (${JSON.stringify(fileList)})`)
  return { fileID, url }
}

// The attendance of a class as an .xlsx workbook (exceljs), saved to cloud storage; the answer is its fileID and a
// temporary download link (opened with Taro.downloadFile + openDocument on a phone, downloaded in H5).
import crypto from 'crypto'
import type { ClassroomOutput } from '../../contract/classroom'
import { ATTENDANCE_STATUS_LABELS, CLASS_CATEGORY_LABELS } from '../../contract/classroom'
import { cloud } from '../common/cloud'
import { shanghaiDateTime } from '../common/time'
import type { ClassDoc } from './model'

type Attendance = ClassroomOutput['attendance']

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export async function attendanceWorkbook(c: ClassDoc, a: Attendance): Promise<Buffer> {
  // Loaded on the first export only: exceljs is most of the bundle, and a sign-in should not wait for it.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '先锋驿站'
  const sheet = book.addWorksheet('签到表')
  sheet.columns = [
    { key: 'n', width: 6 }, { key: 'name', width: 12 }, { key: 'org', width: 26 }, { key: 'status', width: 10 },
    { key: 'at', width: 20 }, { key: 'by', width: 8 }, { key: 'reason', width: 30 },
  ]
  const info: Array<[string, string]> = [
    ['课程', c.title],
    ['主题', c.topic],
    ['类别', CLASS_CATEGORY_LABELS[c.category]],
    ['讲师', c.lecturer.title ? `${c.lecturer.name}（${c.lecturer.title}）` : c.lecturer.name],
    ['主办', c.orgName],
    ['时间', `${shanghaiDateTime(c.start)} — ${shanghaiDateTime(c.end)}`],
    ['地点', [c.place.name, c.place.address].filter(Boolean).join(' ')],
    ['出勤', `应到 ${a.expected} 人，实到 ${a.signedIn} 人（迟到 ${a.late}），请假 ${a.leave} 人，缺席 ${a.absent} 人，出勤率 ${percent(a.rate)}`],
  ]
  for (const [k, v] of info) sheet.addRow([k, v]).getCell(1).font = { bold: true }
  sheet.addRow([])
  const header = sheet.addRow(['序号', '姓名', '所在党组织', '出勤', '签到时间', '方式', '说明'])
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  a.items.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      r.guest ? `${r.name}（外单位）` : r.name,
      r.orgName,
      ATTENDANCE_STATUS_LABELS[r.status],
      r.at ? shanghaiDateTime(new Date(r.at)) : '',
      r.by === 'scan' ? '扫码' : r.by === 'hand' ? '手工' : '',
      r.reason ?? '',
    ])
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Uploads the workbook and answers its fileID and a temporary link (2 hours). */
export async function saveExport(c: ClassDoc, file: Buffer, at: Date): Promise<ClassroomOutput['export']> {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15)
  const cloudPath = `classroom/attendance/${c._id}/${stamp}-${crypto.randomBytes(4).toString('hex')}.xlsx`
  const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: file })
  const { fileList } = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: 2 * 60 * 60 }] })
  const url = fileList?.[0]?.tempFileURL
  if (!fileID || !url) throw new Error(`export of ${c._id}: no fileID or link (${JSON.stringify(fileList)})`)
  return { fileID, url }
}

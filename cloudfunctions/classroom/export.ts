// The attendance of a class as an .xlsx workbook, saved to cloud storage; the answer is its fileID and a temporary
// download link (opened with Taro.downloadFile + openDocument on a phone, downloaded in H5).
import type { ClassroomOutput } from '../../contract/classroom'
import { ATTENDANCE_STATUS_LABELS, CLASS_CATEGORY_LABELS } from '../../contract/classroom'
import { shanghaiDate, shanghaiDateTime } from '../common/time'
import { exportName, percent, saveWorkbook, workbook } from '../common/workbook'
import type { ClassDoc } from './model'

export async function exportAttendance(c: ClassDoc, a: ClassroomOutput['attendance'], at: Date): Promise<ClassroomOutput['export']> {
  const file = await workbook({
    name: '签到表',
    columns: [
      { key: 'n', width: 6 }, { key: 'name', width: 12 }, { key: 'org', width: 26 }, { key: 'status', width: 10 },
      { key: 'at', width: 20 }, { key: 'by', width: 8 }, { key: 'reason', width: 30 },
    ],
    info: [
      ['课程', c.title],
      ['主题', c.topic],
      ['类别', CLASS_CATEGORY_LABELS[c.category]],
      ['讲师', c.lecturer.title ? `${c.lecturer.name}（${c.lecturer.title}）` : c.lecturer.name],
      ['主办', c.orgName],
      ['时间', `${shanghaiDateTime(c.start)} — ${shanghaiDateTime(c.end)}`],
      ['地点', [c.place.name, c.place.address].filter(Boolean).join(' ')],
      ['出勤', `应到 ${a.expected} 人，实到 ${a.signedIn} 人（迟到 ${a.late}），请假 ${a.leave} 人，缺席 ${a.absent} 人，出勤率 ${percent(a.rate)}`],
    ],
    header: ['序号', '姓名', '所在党组织', '出勤', '签到时间', '方式', '说明'],
  }, (sheet) => a.items.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      r.guest ? `${r.name}（外单位）` : r.name,
      r.orgName,
      ATTENDANCE_STATUS_LABELS[r.status],
      r.at ? shanghaiDateTime(new Date(r.at)) : '',
      r.by === 'scan' ? '扫码' : r.by === 'hand' ? '手工' : '',
      r.reason ?? '',
    ])
  }))
  return saveWorkbook(`classroom/attendance/${c._id}`, exportName('签到表', c.title, shanghaiDate(c.start)), file, at)
}

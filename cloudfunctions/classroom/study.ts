// A member's study record (学习记录): the classes they attended in a year, by month, with the minutes.
import type { ClassroomInput, ClassroomOutput, StudyMonth, StudyRecord } from '../../contract/classroom'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { shanghaiMonth, shanghaiYear, yearRange } from '../common/time'
import { AttendanceDoc, isPresent } from './model'

const MAX_ROWS = 1000

export async function studyRecord(input: ClassroomInput['mine'], openid: string): Promise<ClassroomOutput['mine']> {
  const year = input.year ?? shanghaiYear(now())
  const [from, to] = yearRange(year)
  const _ = database().command
  const { data } = await database().collection(COLLECTIONS.attendance)
    .where(_.and([{ openid }, { classStart: _.gte(from) }, { classStart: _.lt(to) }]))
    .orderBy('classStart', 'desc').limit(MAX_ROWS).get()
  const months = new Map<string, StudyMonth>()
  const items: StudyRecord[] = []
  let minutes = 0
  for (const r of data as AttendanceDoc[]) {
    const month = shanghaiMonth(new Date(r.classStart))
    const m = months.get(month) ?? { month, classes: 0, late: 0, leave: 0, minutes: 0 }
    if (isPresent(r.status)) {
      m.classes += 1
      m.minutes += r.classMinutes
      minutes += r.classMinutes
    }
    if (r.status === 'late') m.late += 1
    if (r.status === 'leave') m.leave += 1
    months.set(month, m)
    items.push({
      classId: r.classId, title: r.classTitle, category: r.classCategory, orgName: r.classOrgName,
      start: new Date(r.classStart).toISOString(), status: r.status, at: new Date(r.at).toISOString(), minutes: r.classMinutes,
    })
  }
  return {
    year,
    total: items.filter((i) => isPresent(i.status)).length,
    minutes,
    months: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)),
    items,
  }
}

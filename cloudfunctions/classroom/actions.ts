// 新时代党员大课堂: classes (classes.ts), the lecturer roster (lecturers.ts), signing in, marking and the attendance
// list (attendance.ts), coverage (coverage.ts), a member's study record (study.ts); the monthly figures in figures.ts.
import type { ClassroomOutput } from '../../contract/classroom'
import { classroomSchemas } from '../../contract/classroom'
import { defineActions } from '../common/router'
import { attendance, checkIn, exportOf, mark, scan } from './attendance'
import { cancel, code, create, list, read, update } from './classes'
import { coverage, coverageExport } from './coverage'
import { lecturers } from './lecturers'
import { studyRecord } from './study'

export const classroomActions = defineActions<typeof classroomSchemas, ClassroomOutput>({
  list: { who: 'member', input: classroomSchemas.list, handler: (input, { person }) => list(input, person) },
  get: { who: 'member', input: classroomSchemas.get, handler: (input, { person }) => read(input.classId, person) },
  create: { who: 'secretary', input: classroomSchemas.create, handler: (input, { person }) => create(input, person) },
  update: { who: 'secretary', input: classroomSchemas.update, handler: (input, { person }) => update(input, person) },
  cancel: { who: 'secretary', input: classroomSchemas.cancel, handler: (input, { person }) => cancel(input, person) },
  lecturers: { who: 'secretary', input: classroomSchemas.lecturers, handler: (input, { person }) => lecturers(input, person) },
  code: { who: 'secretary', input: classroomSchemas.code, handler: (input, { person }) => code(input.classId, person) },
  scan: { who: 'member', input: classroomSchemas.scan, handler: (input, { person }) => scan(input, person) },
  checkIn: { who: 'member', input: classroomSchemas.checkIn, handler: (input, { person }) => checkIn(input, person) },
  mark: { who: 'secretary', input: classroomSchemas.mark, handler: (input, { person }) => mark(input, person) },
  attendance: { who: 'secretary', input: classroomSchemas.attendance, handler: (input, { person }) => attendance(input.classId, person) },
  export: { who: 'secretary', input: classroomSchemas.export, handler: (input, { person }) => exportOf(input.classId, person) },
  coverage: { who: 'secretary', input: classroomSchemas.coverage, handler: (input, { person }) => coverage(input, person) },
  coverageExport: {
    who: 'secretary', input: classroomSchemas.coverageExport, handler: (input, { person }) => coverageExport(input, person),
  },
  mine: { who: 'member', input: classroomSchemas.mine, handler: (input, { openid }) => studyRecord(input, openid) },
})

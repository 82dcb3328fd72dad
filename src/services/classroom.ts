// The `classroom` function, typed by its contract: classes and their lecturers, the rotating sign-in code, check-in,
// attendance (by scan and by hand) with its Excel export, coverage per month and a member's study record.
import type { ClassroomInput, ClassroomOutput } from '../../contract/classroom'
import { callerFor } from './callFunction'

const call = callerFor('classroom')

export type ClassCreateInput = ClassroomInput['create']
export type ClassUpdateInput = ClassroomInput['update']
export type CheckInLocation = NonNullable<ClassroomInput['checkIn']['location']>
/** The sign-in screen: the current code, its URL and the live count. */
export type ClassCode = ClassroomOutput['code']
export type ClassAttendance = ClassroomOutput['attendance']

export const classroomService = {
  /** Still running at `from` (default now), soonest first; with `to` alone, ended by then, newest first. */
  list: (input: ClassroomInput['list'] = {}) => call('list', input),
  get: (classId: string) => call('get', { classId }),
  create: (input: ClassCreateInput) => call('create', input),
  update: (input: ClassUpdateInput) => call('update', input),
  cancel: (classId: string, reason: string) => call('cancel', { classId, reason }),
  lecturers: (input: ClassroomInput['lecturers'] = {}) => call('lecturers', input),
  code: (classId: string) => call('code', { classId }),
  checkIn: (token: string, location?: CheckInLocation) => call('checkIn', location ? { token, location } : { token }),
  mark: (input: ClassroomInput['mark']) => call('mark', input),
  attendance: (classId: string) => call('attendance', { classId }),
  export: (classId: string) => call('export', { classId }),
  coverage: (input: ClassroomInput['coverage'] = {}) => call('coverage', input),
  mine: (year?: number) => call('mine', year ? { year } : {}),
}

// What a person reads for the contract's classroom enums and limits: the contract's own values.
export {
  ATTENDANCE_STATUS_LABELS, CHECKIN_PAGE, CLASS_CATEGORIES, CLASS_CATEGORY_LABELS, CLASS_STATE_LABELS,
  CLASSROOM_LIMITS as CLASS_LIMITS, GEOFENCE as CLASS_GEOFENCE, MARK_STATUSES,
} from '../../contract/classroom'

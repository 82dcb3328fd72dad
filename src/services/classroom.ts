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
/** A scan read at once: the class and the receipt that completes its sign-in. */
export type ClassScan = ClassroomOutput['scan']

export const classroomService = {
  /** Still running at `from` (default now), soonest first; with `to` alone, ended by then, newest first. */
  list: (input: ClassroomInput['list'] = {}) => call('list', input),
  get: (classId: string) => call('get', { classId }),
  create: (input: ClassCreateInput) => call('create', input),
  update: (input: ClassUpdateInput) => call('update', input),
  cancel: (classId: string, reason: string) => call('cancel', { classId, reason }),
  lecturers: (input: ClassroomInput['lecturers'] = {}) => call('lecturers', input),
  code: (classId: string) => call('code', { classId }),
  /** Reads the scanned code at once: the class, and a receipt that completes the sign-in within RECEIPT_MINUTES. */
  scan: (token: string) => call('scan', { token }),
  /** Completes a scan's sign-in with its receipt (and the location, when the class checks it). */
  checkIn: (receipt: string, location?: CheckInLocation) => call('checkIn', location ? { receipt, location } : { receipt }),
  mark: (input: ClassroomInput['mark']) => call('mark', input),
  attendance: (classId: string) => call('attendance', { classId }),
  export: (classId: string) => call('export', { classId }),
  coverage: (input: ClassroomInput['coverage'] = {}) => call('coverage', input),
  coverageExport: (input: ClassroomInput['coverageExport'] = {}) => call('coverageExport', input),
  mine: (year?: number) => call('mine', year ? { year } : {}),
}

// What a person reads for the contract's classroom enums and limits: the contract's own values.
export {
  ATTENDANCE_STATUS_LABELS, CHECKIN_PAGE, CLASS_CATEGORIES, CLASS_CATEGORY_LABELS, CLASS_STATE_LABELS,
  CLASSROOM_LIMITS as CLASS_LIMITS, COVERAGE_STATUS_LABELS, GEOFENCE as CLASS_GEOFENCE, MARK_STATUSES, RECEIPT_MINUTES,
} from '../../contract/classroom'

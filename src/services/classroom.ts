// The `classroom` function, typed by its contract: classes and their lecturers, the rotating sign-in code, check-in,
// attendance (by scan and by hand) with its Excel export, coverage per month and a member's study record.
import type { ApiResult } from '../../contract/common'
import type {
  AttendanceRowStatus, ClassCategory, ClassroomInput, ClassroomOutput, ClassState, MarkStatus,
} from '../../contract/classroom'
import { callFunction } from './callFunction'

type ClassroomAction = keyof ClassroomOutput

function call<A extends ClassroomAction>(action: A, input: ClassroomInput[A]): Promise<ApiResult<ClassroomOutput[A]>> {
  return callFunction<ClassroomOutput[A]>('classroom', action, input)
}

export type ClassCreateInput = ClassroomInput['create']
export type ClassUpdateInput = ClassroomInput['update']
export type CheckInLocation = NonNullable<ClassroomInput['checkIn']['location']>
/** The sign-in screen: the current code, its URL and the live count. */
export type ClassCode = ClassroomOutput['code']
export type ClassAttendance = ClassroomOutput['attendance']
export type ClassCoverage = ClassroomOutput['coverage']

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

// What a person reads for the contract's classroom enums and limits. The contract's own copies live in a module that
// imports zod, which must stay out of the app bundle; test/app/classroomLabels.test.tsx keeps these equal to them.
export const CLASS_CATEGORIES: readonly ClassCategory[] = ['theory', 'history', 'policy', 'skills', 'other']

export const CLASS_CATEGORY_LABELS: Record<ClassCategory, string> = {
  theory: '理论学习', history: '党史学习', policy: '政策解读', skills: '业务技能', other: '其他',
}

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceRowStatus, string> = {
  'on-time': '已签到', late: '迟到', present: '补签到', leave: '请假', absent: '缺席', none: '未签到',
}

export const CLASS_STATE_LABELS: Record<ClassState, string> = {
  upcoming: '未开始', open: '签到中', ended: '已结束', cancelled: '已取消',
}

export const MARK_STATUSES: readonly MarkStatus[] = ['present', 'leave', 'absent']

export const CLASS_LIMITS = {
  title: 30, topic: 100, description: 1000, placeName: 50, address: 100, lecturerName: 20, lecturerTitle: 30,
  reason: 200, cancelReason: 200, maxHours: 12,
} as const

/** The geofence radius in metres: the default when the place has a location, and its bounds. */
export const CLASS_GEOFENCE = { default: 300, min: 50, max: 3000 } as const

/** The page a sign-in code opens, `?t=<token>` (the URL the `code` action builds points here). */
export const CHECKIN_PAGE = 'pages/checkin/index'

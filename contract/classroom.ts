// 新时代党员大课堂: the `classroom` function's actions, their input schemas and the shapes they answer.
//
// A class is scheduled by a secretary for an organisation; its members are expected (or everyone, when it is open to
// all). Sign-in is by scanning the rotating code on the big screen (`code` → `checkIn`), or by hand (`mark`) for a
// member without a phone. A class counts as held once it has ended (not cancelled): from then on it is in the
// monthly figures of its organisation (and every organisation above) and of its site, which `coverage` reads.
//
// Times travel as ISO strings; a month is `YYYY-MM` in Asia/Shanghai.
import { z } from 'zod'
import { cursor, flag, id, oneOf, text, valuesOf } from './common'

export const CLASS_CATEGORY_LABELS = {
  theory: '理论学习', history: '党史学习', policy: '政策解读', skills: '业务技能', other: '其他',
}
export type ClassCategory = keyof typeof CLASS_CATEGORY_LABELS
export const CLASS_CATEGORIES = valuesOf(CLASS_CATEGORY_LABELS)

/** How a person took part: by scan on time or late, marked present by hand, on leave (请假), absent. */
export const ATTENDANCE_STATUSES = ['on-time', 'late', 'present', 'leave', 'absent'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]
/** A row of the attendance list: `none` is an expected member with no record while the class has not ended. */
export type AttendanceRowStatus = AttendanceStatus | 'none'
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceRowStatus, string> = {
  'on-time': '已签到', late: '迟到', present: '补签到', leave: '请假', absent: '缺席', none: '未签到',
}
/** The statuses that count as attending. */
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['on-time', 'late', 'present']

export const MARK_STATUSES = ['present', 'leave', 'absent'] as const
export type MarkStatus = (typeof MARK_STATUSES)[number]
/**
 * Marking by hand closes this many days after a class ends: the secretary's register is then final, and only the
 * district office corrects it (audited like every mark).
 */
export const MARK_WINDOW_DAYS = 7

/** Where a class stands at a moment. */
export type ClassState = 'upcoming' | 'open' | 'ended' | 'cancelled'
export const CLASS_STATE_LABELS: Record<ClassState, string> = {
  upcoming: '未开始', open: '签到中', ended: '已结束', cancelled: '已取消',
}

export const CLASSROOM_LIMITS = {
  title: 30, topic: 100, description: 1000, placeName: 50, address: 100, lecturerName: 20, lecturerTitle: 30,
  topics: 10, topicName: 20, reason: 200, cancelReason: 200,
  /** Hours a class may last. */
  maxHours: 12,
  /** How far ahead a class may be scheduled, in days. */
  maxDaysAhead: 366,
  page: 20,
  /** Names shown on the sign-in screen. */
  latest: 5,
} as const

/** A scan completes its sign-in (the location step) within this many minutes of the moment it was scanned. */
export const RECEIPT_MINUTES = 3

/**
 * Coverage (开课情况) of an organisation for a month. Communities, 两新 organisations, agencies and every branch must
 * hold classes; a class held by a committee (a community, 两新 organisation or agency) expects its branches' members
 * too, so it covers them; streets and the district only add up what is under them.
 */
export const COVERAGE_STATUS_LABELS = {
  held: '已开课', viaCommittee: '随党委开课', none: '未开课', total: '汇总',
}
export type CoverageStatus = keyof typeof COVERAGE_STATUS_LABELS

/** Sign-in opens this many minutes before the start unless the class says otherwise (0–180). */
export const DEFAULT_OPENS_BEFORE_MINUTES = 30
/** A scan later than this many minutes after the start is late. */
export const LATE_AFTER_MINUTES = 10
/** The geofence radius in metres: the default when the place has a location, and its bounds. */
export const GEOFENCE = { default: 300, min: 50, max: 3000 } as const

export { CHECKIN_PAGE } from './pages'

/** Anything else than a genuine token or receipt is answered TOKEN_INVALID, not INVALID_INPUT: the person scans again. */
const scanned = (label: string) =>
  z.string({ required_error: `请扫描${label}`, invalid_type_error: `${label}格式不正确` }).max(200, `${label}格式不正确`)

const isoTime = (label: string) =>
  z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .datetime({ offset: true, message: `${label}格式不正确` })
    .transform((s) => new Date(s))

const count = (label: string, max: number) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`).min(1, `${label}至少为 1`).max(max, `${label}最多为 ${max}`)

const point = {
  lat: z.number({ required_error: '请提供纬度', invalid_type_error: '纬度应为数字' }).min(-90, '纬度不正确').max(90, '纬度不正确'),
  lng: z.number({ required_error: '请提供经度', invalid_type_error: '经度应为数字' }).min(-180, '经度不正确').max(180, '经度不正确'),
}

const place = z.object({
  /** A site from the directory (开放式组织生活基地 ...): the class counts in that site's figures. */
  siteId: id('阵地').optional(),
  name: text('上课地点', { max: CLASSROOM_LIMITS.placeName }),
  address: text('详细地址', { max: CLASSROOM_LIMITS.address }).optional(),
  location: z.object(point, { invalid_type_error: '上课地点的位置格式不正确' }).strict().optional(),
}, { required_error: '请填写上课地点', invalid_type_error: '上课地点格式不正确' }).strict()

/** From the roster (`id`) or typed in (`name`, `title`). */
const lecturer = z.object({
  id: id('讲师').optional(),
  name: text('讲师姓名', { max: CLASSROOM_LIMITS.lecturerName }).optional(),
  title: text('讲师职务', { max: CLASSROOM_LIMITS.lecturerTitle }).optional(),
}, { required_error: '请选择或填写讲师', invalid_type_error: '讲师格式不正确' }).strict().superRefine((l, ctx) => {
  if (l.id && (l.name || l.title)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: '从讲师队伍选择时不需要再填写姓名' })
  if (!l.id && !l.name) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: '请选择或填写讲师' })
})

const classFields = {
  title: text('课程名称', { max: CLASSROOM_LIMITS.title }),
  topic: text('课程主题', { max: CLASSROOM_LIMITS.topic }),
  category: oneOf('课程类别', CLASS_CATEGORIES),
  description: text('课程简介', { max: CLASSROOM_LIMITS.description }).optional(),
  lecturer,
  place,
  start: isoTime('开始时间'),
  end: isoTime('结束时间'),
  /** How many are expected; by default the organisation's members, counted when the class is scheduled. */
  expected: count('应到人数', 10000).optional(),
  capacity: count('容纳人数', 10000).optional(),
  /** Metres, or null for no geofence. Default: 300 when the place has a location, none otherwise. */
  geofence: z.number({ invalid_type_error: '签到范围应为数字' }).int('签到范围应为整数')
    .min(GEOFENCE.min, `签到范围至少 ${GEOFENCE.min} 米`).max(GEOFENCE.max, `签到范围最多 ${GEOFENCE.max} 米`).nullable().optional(),
  /** Minutes before the start that sign-in opens. */
  opensBefore: z.number({ invalid_type_error: '提前签到时间应为数字' }).int('提前签到时间应为整数分钟')
    .min(0, '提前签到时间不能为负').max(180, '最多提前 180 分钟开放签到').optional(),
  /** Open to every member of the district, not only the organisation's. */
  openToAll: flag('是否向全区党员开放').optional(),
}

function checkTimes(c: { start?: Date; end?: Date }, ctx: z.RefinementCtx) {
  if (c.start && c.end) {
    if (c.end <= c.start) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: '结束时间应晚于开始时间' })
    else if (c.end.getTime() - c.start.getTime() > CLASSROOM_LIMITS.maxHours * 3600_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: `一节课最长 ${CLASSROOM_LIMITS.maxHours} 小时` })
    }
  }
}

const coverageInput = z.object({
  month: z.string({ invalid_type_error: '月份格式不正确' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2026-11').optional(),
  /** The organisation whose subtree is reported: by default the one the secretary manages (the district for the admin). */
  orgId: id('党组织').optional(),
}).strict()

export const classroomSchemas = {
  list: z.object({
    /** Classes still running at or after this instant (default: now), soonest first. */
    from: isoTime('起始时间').optional(),
    /** With `from`: classes starting before this instant. Alone: the classes that had ended by then, newest first. */
    to: isoTime('截止时间').optional(),
    /** Only the classes of this organisation and those under it. */
    orgId: id('党组织').optional(),
    cursor: cursor.optional(),
  }).strict().superRefine((l, ctx) => {
    if (l.from && l.to && l.to <= l.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '截止时间应晚于起始时间' })
  }),
  get: z.object({ classId: id('课程') }).strict(),
  create: z.object({
    ...classFields,
    /** The organising organisation: by default the one the secretary manages. */
    orgId: id('主办党组织').optional(),
  }).strict().superRefine((c, ctx) => {
    checkTimes(c, ctx)
    if (typeof c.geofence === 'number' && !c.place.location) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['geofence'], message: '设置签到范围需要先选定上课地点的位置' })
    }
  }),
  update: z.object({
    classId: id('课程'),
    ...Object.fromEntries(Object.entries(classFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof classFields]: z.ZodOptional<(typeof classFields)[K]>
    },
  }).strict().superRefine((u, ctx) => {
    checkTimes(u, ctx)
    if (Object.keys(u).length === 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['classId'], message: '请至少修改一项' })
  }),
  cancel: z.object({ classId: id('课程'), reason: text('取消原因', { max: CLASSROOM_LIMITS.cancelReason }) }).strict(),
  /** The roster visible to an organisation (its own lecturers and those of the organisations above); `save` adds or
   * edits one, `remove` takes one off. */
  lecturers: z.object({
    orgId: id('党组织').optional(),
    save: z.object({
      id: id('讲师').optional(),
      name: text('讲师姓名', { max: CLASSROOM_LIMITS.lecturerName }),
      title: text('讲师职务', { max: CLASSROOM_LIMITS.lecturerTitle }).optional(),
      topics: z.array(text('擅长主题', { max: CLASSROOM_LIMITS.topicName }), { invalid_type_error: '擅长主题格式不正确' })
        .max(CLASSROOM_LIMITS.topics, `擅长主题最多 ${CLASSROOM_LIMITS.topics} 个`).optional(),
    }, { invalid_type_error: '讲师信息格式不正确' }).strict().optional(),
    remove: id('讲师').optional(),
  }).strict().superRefine((l, ctx) => {
    if (l.save && l.remove) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['remove'], message: '一次只能保存或删除一位讲师' })
  }),
  code: z.object({ classId: id('课程') }).strict(),
  /** Reads the rotating code at once and answers the class and a receipt that completes the sign-in (`checkIn`)
   * within RECEIPT_MINUTES, however long the location step takes. */
  scan: z.object({ token: scanned('签到码') }).strict(),
  /** Signs in with a receipt from `scan` (the scan counts as of its moment), or with the token itself (scanned now). */
  checkIn: z.object({
    token: scanned('签到码').optional(),
    receipt: scanned('签到凭证').optional(),
    location: z.object({
      ...point,
      /** Metres, as wx.getLocation / the browser report it. Kept with the record. */
      accuracy: z.number({ invalid_type_error: '定位精度应为数字' }).min(0, '定位精度不正确').max(100000, '定位精度不正确').optional(),
    }, { invalid_type_error: '位置格式不正确' }).strict().optional(),
  }).strict().superRefine((c, ctx) => {
    if ((c.token === undefined) === (c.receipt === undefined)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['token'], message: '请扫描签到码' })
  }),
  mark: z.object({
    classId: id('课程'),
    userId: id('党员'),
    status: oneOf('出勤情况', MARK_STATUSES),
    reason: text('说明', { max: CLASSROOM_LIMITS.reason }),
  }).strict(),
  attendance: z.object({ classId: id('课程') }).strict(),
  export: z.object({ classId: id('课程') }).strict(),
  coverage: coverageInput,
  /** The coverage of `coverage`, as a workbook. */
  coverageExport: coverageInput,
  mine: z.object({
    year: z.number({ invalid_type_error: '年份应为数字' }).int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  }).strict(),
}

export type ClassroomInput = { [K in keyof typeof classroomSchemas]: z.input<(typeof classroomSchemas)[K]> }

export interface Lecturer {
  id: string
  name: string
  title: string
  topics: string[]
  orgId: string
  orgName: string
}

export interface ClassPlace {
  siteId?: string
  name: string
  address?: string
  location?: { lat: number; lng: number }
}

/** A class in a list. */
export interface ClassSummary {
  id: string
  title: string
  topic: string
  category: ClassCategory
  lecturerName: string
  orgId: string
  orgName: string
  place: ClassPlace
  start: string
  end: string
  state: ClassState
  openToAll: boolean
  expected: number
  /** 实到: expected members attending. */
  signedIn: number
  /** 列席: guests from other organisations attending. */
  guests: number
  capacity?: number
  /** The caller's own attendance, when they have a record. */
  myStatus?: AttendanceStatus
}

export interface ClassDetail extends ClassSummary {
  description: string
  lecturer: { id?: string; name: string; title: string }
  /** Metres, or null: no geofence. */
  geofence: number | null
  opensAt: string
  lateAt: string
  cancelReason?: string
  /** When the caller signed in, with their status. */
  mine?: { status: AttendanceStatus; at: string }
  /** The caller may edit it, show its code, mark and export. */
  canManage: boolean
}

export interface LatestSignIn { name: string; status: AttendanceStatus; at: string }

export interface AttendanceRow {
  userId: string
  name: string
  orgName: string
  status: AttendanceRowStatus
  /** When they scanned or were marked; null when there is no record. */
  at: string | null
  by: 'scan' | 'hand' | null
  reason?: string
  /** 列席: not among the expected members (a member of another organisation). Counted apart from 实到 and the rate. */
  guest: boolean
}

export interface OrgCoverage {
  orgId: string
  orgName: string
  orgType: string
  parentId: string | null
  /** Classes held in the month by the organisation and those under it. */
  classesHeld: number
  /** 实到: expected members who attended those classes. */
  attendees: number
  /** 列席: guests from other organisations, apart from attendees and the rate. */
  guests: number
  expected: number
  /** attendees / expected, 0–1 (three decimals); null when nothing was expected. */
  rate: number | null
  /** See COVERAGE_STATUS_LABELS: `total` for a street or the district, which need not hold classes themselves. */
  status: CoverageStatus
  /** Held a class, or its committee did (status held or viaCommittee). */
  covered: boolean
}

export interface StudyMonth { month: string; classes: number; late: number; leave: number; minutes: number }

export interface StudyRecord {
  classId: string
  title: string
  category: ClassCategory
  orgName: string
  start: string
  status: AttendanceStatus
  at: string
  minutes: number
}

export interface ClassroomOutput {
  list: { items: ClassSummary[]; nextCursor: string | null }
  get: ClassDetail
  create: { id: string }
  update: { id: string }
  cancel: { id: string; state: 'cancelled' }
  lecturers: { orgId: string; items: Lecturer[]; saved?: string; removed?: string }
  /** The sign-in screen: the token (refreshed every 15 s), its URL for the QR code and the live count. */
  code: {
    token: string
    url: string
    expiresAt: string
    title: string
    state: ClassState
    opensAt: string
    end: string
    signedIn: number
    guests: number
    expected: number
    latest: LatestSignIn[]
    /**
     * The secretary showing the code, when they are one of the class's expected members: their own status (`none`
     * until they sign in), so the screen can offer them a one-tap sign-in instead of leaving them 未签到. Null otherwise.
     */
    host: AttendanceRowStatus | null
  }
  /** A scan read at once: the class, and the receipt `checkIn` completes by `expiresAt`. */
  scan: {
    receipt: string
    expiresAt: string
    classId: string
    title: string
    orgName: string
    placeName: string
    start: string
    /** The class checks where the person is: `checkIn` needs the location. */
    needsLocation: boolean
    /** The person is not among the expected members: they sign in as 列席. */
    guest: boolean
  }
  checkIn: { status: 'on-time' | 'late'; at: string; classId: string; title: string; guest: boolean }
  mark: { userId: string; status: AttendanceStatus }
  attendance: {
    classId: string
    title: string
    state: ClassState
    items: AttendanceRow[]
    expected: number
    /** 实到: expected members attending (on time, late or marked present). */
    signedIn: number
    /** 列席: guests attending, apart from signedIn and the rate. */
    guests: number
    onTime: number
    late: number
    present: number
    leave: number
    absent: number
    /** signedIn / expected, 0–1 (three decimals); null when nothing is expected. */
    rate: number | null
  }
  export: { fileID: string; url: string }
  coverage: {
    month: string
    orgId: string
    items: OrgCoverage[]
    /** `orgs`: the organisations of the scope that must hold classes (COVERAGE_STATUS_LABELS), of which `covered` did
     * or were covered by their committee; the classes and people are the reported organisation's. */
    summary: {
      orgs: number; covered: number; uncovered: number; classesHeld: number; attendees: number; guests: number; rate: number | null
    }
  }
  coverageExport: { fileID: string; url: string }
  mine: { year: number; total: number; minutes: number; months: StudyMonth[]; items: StudyRecord[] }
}

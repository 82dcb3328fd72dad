// 开放式组织生活基地 · 党代表工作室 · 党建书屋 · 党群服务中心: the `site` function's actions, their input schemas and
// the shapes they answer.
//
// A site is managed by an organisation (its secretary, and the district office, edit it and see its figures). People
// find sites near them (`list` with `near`), book a slot for their organisation (`book`: a secretary; 30-minute slots
// inside the opening hours, headcount within capacity), and check in on arrival by scanning the site's fixed QR code
// (`visit`) standing there (the phone's location), once per person per site per day; the booker's scan also confirms
// the booking's arrival; a renewed code's old prints are stale (TOKEN_EXPIRED). Usage is counted
// per site and month as it happens (`usage`), and `recount` rebuilds a month from the raw records.
//
// Dates are `YYYY-MM-DD` and times `HH:MM`, both Asia/Shanghai wall clock; a month is `YYYY-MM`.
import { z } from 'zod'
import { flag, id, oneOf, text, valuesOf } from './common'
import { fileId, PhotoCheckState, PhotoUpload } from './story'

export const SITE_TYPE_LABELS = {
  base: '开放式组织生活基地', studio: '党代表工作室', library: '党建书屋', center: '党群服务中心',
}
export type SiteType = keyof typeof SITE_TYPE_LABELS
export const SITE_TYPES = valuesOf(SITE_TYPE_LABELS)

/** A site's standing as a model site (示范点), when it has one. */
export const SITE_LEVEL_LABELS = { city: '市级', district: '区级' }
export type SiteLevel = keyof typeof SITE_LEVEL_LABELS
export const SITE_LEVELS = valuesOf(SITE_LEVEL_LABELS)

export const SITE_FACILITY_LABELS = {
  projector: '投影', meetingRoom: '会议室', bookshelf: '书架', accessible: '无障碍通道', wifi: '无线网络',
  sound: '音响', screen: '电子屏', aircon: '空调', parking: '停车位', water: '饮水',
}
export type SiteFacility = keyof typeof SITE_FACILITY_LABELS
export const SITE_FACILITIES = valuesOf(SITE_FACILITY_LABELS)

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

/** A booking stands (`booked`) until the site's manager declines it or the booker cancels it; both free its slots. */
export const BOOKING_STATUS_LABELS = { booked: '已预约', declined: '已婉拒', cancelled: '已取消' }
export type BookingStatus = keyof typeof BOOKING_STATUS_LABELS
export const BOOKING_STATUSES = valuesOf(BOOKING_STATUS_LABELS)

export const BOOKING_DECISIONS = ['confirm', 'decline'] as const
export type BookingDecision = (typeof BOOKING_DECISIONS)[number]

/** Bookings and opening hours are in slots of this many minutes. */
export const SLOT_MINUTES = 30
/** A visit may be checked in this many minutes before the site opens (people arrive early for a booking). */
export const VISIT_EARLY_MINUTES = 30
/** A visit needs the phone's location within this many metres of the site (a printed code proves nothing alone). */
export const VISIT_MAX_DISTANCE = 1000

export const SITE_LIMITS = {
  name: 40, address: 100, description: 1000, contactName: 20, photos: 9, closedDates: 200, hours: 28,
  purpose: 100, reason: 200, capacity: 10000,
  /** Hours one booking may last. */
  maxBookingHours: 8,
  /** How far ahead a slot may be booked, in days. */
  maxDaysAhead: 60,
  /** The longest span of days one calendar read covers. */
  calendarDays: 62,
  page: 20,
} as const

export { SITE_VISIT_PAGE } from './pages'

/** `09:30` → 570. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** 570 → `09:30`; 1440 → `24:00`. */
export function minutesClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

const clock = (label: string) =>
  z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .regex(/^(([01]\d|2[0-3]):(00|30)|24:00)$/, `${label}应为整点或半点，如 09:00、14:30`)

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
const date = (label: string) =>
  z.string({ required_error: `请选择${label}`, invalid_type_error: `${label}格式不正确` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD，如 2026-11-27`)
    .refine(isCalendarDate, `${label}不是有效的日期`)

export const month = z.string({ invalid_type_error: '月份格式不正确' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2026-11')

const point = z.object({
  lat: z.number({ required_error: '请提供纬度', invalid_type_error: '纬度应为数字' }).min(-90, '纬度不正确').max(90, '纬度不正确'),
  lng: z.number({ required_error: '请提供经度', invalid_type_error: '经度应为数字' }).min(-180, '经度不正确').max(180, '经度不正确'),
}, { required_error: '请在地图上选择位置', invalid_type_error: '位置格式不正确' }).strict()

/** A mobile number or a landline (027-88886666). */
const contactPhone = z.string({ required_error: '请填写联系电话', invalid_type_error: '联系电话格式不正确' }).trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为 11 位手机号或带区号的固话')

/** One opening interval on a weekday; several may share a day (09:00–12:00 and 14:00–17:30) but not overlap. */
const interval = z.object({
  day: z.number({ required_error: '请选择星期', invalid_type_error: '星期格式不正确' }).int('星期格式不正确')
    .min(1, '星期应为 1（周一）到 7（周日）').max(7, '星期应为 1（周一）到 7（周日）'),
  start: clock('开放时间'),
  end: clock('关闭时间'),
}, { invalid_type_error: '开放时间格式不正确' }).strict().superRefine((h, ctx) => {
  if (clockMinutes(h.end) <= clockMinutes(h.start)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: '关闭时间应晚于开放时间' })
})

const hours = z.array(interval, { required_error: '请填写每周开放时间', invalid_type_error: '开放时间格式不正确' })
  .max(SITE_LIMITS.hours, `开放时间最多 ${SITE_LIMITS.hours} 段`)
  .superRefine((list, ctx) => {
    list.forEach((a, i) => {
      for (let j = 0; j < i; j++) {
        const b = list[j]
        if (a.day === b.day && clockMinutes(a.start) < clockMinutes(b.end) && clockMinutes(b.start) < clockMinutes(a.end)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'start'], message: `${WEEKDAY_LABELS[a.day]}的开放时间有重叠` })
          return
        }
      }
    })
  })

const closedDates = z.array(date('闭馆日期'), { invalid_type_error: '闭馆日期格式不正确' })
  .max(SITE_LIMITS.closedDates, `闭馆日期最多 ${SITE_LIMITS.closedDates} 个`)

const facilities = z.array(oneOf('设施', SITE_FACILITIES), { invalid_type_error: '设施格式不正确' })
  .max(SITE_FACILITIES.length, '设施有重复')
  .refine((f) => new Set(f).size === f.length, '设施有重复')

const capacity = z.number({ required_error: '请填写可容纳人数', invalid_type_error: '可容纳人数应为数字' })
  .int('可容纳人数应为整数').min(1, '可容纳人数至少为 1').max(SITE_LIMITS.capacity, `可容纳人数最多为 ${SITE_LIMITS.capacity}`)

const siteFields = {
  type: oneOf('阵地类型', SITE_TYPES),
  name: text('阵地名称', { max: SITE_LIMITS.name }),
  /** null removes a level (update). */
  level: oneOf('示范级别', SITE_LEVELS).nullable().optional(),
  address: text('详细地址', { max: SITE_LIMITS.address }),
  location: point,
  hours,
  closedDates: closedDates.optional(),
  facilities: facilities.optional(),
  capacity,
  contact: z.object({
    name: text('联系人', { max: SITE_LIMITS.contactName }),
    phone: contactPhone,
  }, { required_error: '请填写联系人', invalid_type_error: '联系人格式不正确' }).strict(),
  photos: z.array(fileId, { invalid_type_error: '照片格式不正确' }).max(SITE_LIMITS.photos, `最多 ${SITE_LIMITS.photos} 张照片`).optional(),
  description: text('阵地简介', { max: SITE_LIMITS.description }).optional(),
}

export const siteSchemas = {
  /**
   * Active sites, nearest first from `near` (with distances), else by type then name. `managed`: the sites the caller
   * manages, the closed-down ones too (a secretary's or the admin's list).
   */
  list: z.object({
    type: oneOf('阵地类型', SITE_TYPES).optional(),
    facility: oneOf('设施', SITE_FACILITIES).optional(),
    openNow: flag('是否只看现在开放').optional(),
    near: point.optional(),
    managed: flag('是否只看我管理的阵地').optional(),
    cursor: z.string({ invalid_type_error: '翻页位置格式不正确' }).regex(/^\d{1,6}$/, '翻页位置格式不正确').optional(),
  }).strict(),
  get: z.object({ id: id('阵地') }).strict(),
  create: z.object({
    ...siteFields,
    /** By default the organisation the secretary manages (required of the admin). */
    managingOrgId: id('管理党组织').optional(),
  }).strict(),
  update: z.object({
    id: id('阵地'),
    ...Object.fromEntries(Object.entries(siteFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof siteFields]: z.ZodOptional<(typeof siteFields)[K]>
    },
    managingOrgId: id('管理党组织').optional(),
    /** false closes the site down: it leaves the directory and takes no bookings or visits. */
    active: flag('是否开放').optional(),
    /** A new check-in code: the printed one stops working (it was photographed and shared, say). */
    renewCode: z.literal(true, { errorMap: () => ({ message: '更换签到码的请求格式不正确' }) }).optional(),
  }).strict().superRefine((u, ctx) => {
    if (Object.keys(u).length === 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['id'], message: '请至少修改一项' })
  }),
  book: z.object({
    siteId: id('阵地'),
    date: date('预约日期'),
    start: clock('开始时间'),
    end: clock('结束时间'),
    headcount: z.number({ required_error: '请填写参加人数', invalid_type_error: '参加人数应为数字' })
      .int('参加人数应为整数').min(1, '参加人数至少为 1').max(SITE_LIMITS.capacity, `参加人数最多为 ${SITE_LIMITS.capacity}`),
    purpose: text('活动内容', { max: SITE_LIMITS.purpose }),
    /** The organisation the slot is for: by default the one the secretary manages. */
    orgId: id('预约党组织').optional(),
  }).strict().superRefine((b, ctx) => {
    if (!b.start || !b.end) return
    const minutes = clockMinutes(b.end) - clockMinutes(b.start)
    if (minutes <= 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: '结束时间应晚于开始时间' })
    else if (minutes > SITE_LIMITS.maxBookingHours * 60) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: `一次最多预约 ${SITE_LIMITS.maxBookingHours} 小时` })
    }
  }),
  cancel: z.object({
    bookingId: id('预约'),
    reason: text('取消原因', { max: SITE_LIMITS.reason }).optional(),
  }).strict(),
  decide: z.object({
    bookingId: id('预约'),
    decision: oneOf('处理结果', BOOKING_DECISIONS),
    reason: text('原因', { max: SITE_LIMITS.reason }).optional(),
  }).strict().superRefine((d, ctx) => {
    if (d.decision === 'decline' && !d.reason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: '请填写婉拒的原因，预约人会看到' })
  }),
  /**
   * With `siteId`: the site's calendar from `from` (default today) to `to` (default two weeks on). Without: the
   * caller's own bookings, latest date first.
   */
  bookings: z.object({
    siteId: id('阵地').optional(),
    from: date('起始日期').optional(),
    to: date('截止日期').optional(),
    cursor: z.string({ invalid_type_error: '翻页位置格式不正确' }).regex(/^\d{1,6}$/, '翻页位置格式不正确').optional(),
  }).strict().superRefine((b, ctx) => {
    if (!b.siteId && (b.from || b.to)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['siteId'], message: '查看日历请先选择阵地' })
    if (b.from && b.to && b.to < b.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '截止日期应不早于起始日期' })
  }),
  visit: z.object({
    /** Anything but a genuine code is answered TOKEN_INVALID (scan again), not INVALID_INPUT. */
    token: z.string({ required_error: '请扫描阵地的签到码', invalid_type_error: '签到码格式不正确' }).max(200, '签到码格式不正确'),
    /**
     * Where the phone is. Needed: without it the visit is refused on this field with the reason (INVALID_INPUT), so
     * the page can say why before asking; far from the site, OUT_OF_RANGE.
     */
    location: point.optional(),
  }).strict(),
  usage: z.object({ siteId: id('阵地').optional(), month: month.optional() }).strict(),
  exportUsage: z.object({ month: month.optional() }).strict(),
  recount: z.object({ month: month.optional() }).strict(),
  /** A one-time upload of one compressed photo into the caller's own folder (the only photos a site accepts). */
  uploadPhoto: z.object({}).strict(),
}

export type SiteInput = { [K in keyof typeof siteSchemas]: z.input<(typeof siteSchemas)[K]> }

export interface LatLng { lat: number; lng: number }
export interface OpeningInterval { day: number; start: string; end: string }

/** A site in the directory. */
export interface SiteSummary {
  id: string
  name: string
  type: SiteType
  level: SiteLevel | null
  address: string
  location: LatLng
  /** Metres from `near`, rounded, when it was given. */
  distance?: number
  openNow: boolean
  /** Today's hours as a person reads them, `09:00–12:00、14:00–17:30`, or `今日不开放`. */
  todayHours: string
  facilities: SiteFacility[]
  capacity: number
  managingOrgId: string
  managingOrgName: string
  /** A temporary URL of the first photo, '' when it has none. */
  photo: string
  active: boolean
}

export interface SiteDay { date: string; label: string; hours: string; closed: boolean }

export interface SiteDetail extends SiteSummary {
  description: string
  hours: OpeningInterval[]
  /** Closed dates from today on. */
  closedDates: string[]
  /** Today and the six days after it. */
  week: SiteDay[]
  /** The site's service phone, in full for everyone: a site is a public office that people call before coming. */
  contact: { name: string; phone: string }
  /**
   * The photos cleared by WeChat's media check; its managers also get the others, with their `check` state (not
   * shown to anyone else yet).
   */
  photos: Array<{ fileID: string; url: string; check?: PhotoCheckState }>
  /** The caller manages it: may edit it, print its code, decide bookings and see its figures. */
  canManage: boolean
  /** Managers only: what the printed QR code carries and the page it opens. */
  checkIn?: { token: string; url: string }
}

export interface Booking {
  id: string
  siteId: string
  siteName: string
  date: string
  start: string
  end: string
  hours: number
  headcount: number
  purpose: string
  orgId: string
  orgName: string
  status: BookingStatus
  /** The manager has confirmed it (it stands either way until declined). */
  confirmed: boolean
  /** The booker checked in at the site during it. */
  arrived: boolean
  /** Why it was declined or cancelled. */
  reason?: string
  /** Shown to the site's managers and the booker only. */
  bookedByName?: string
  bookedByPhone?: string
  createdAt: string
  canCancel: boolean
  canDecide: boolean
}

/** A site's figures for one month. */
export interface SiteUsage {
  siteId: string
  name: string
  type: SiteType
  managingOrgId: string
  managingOrgName: string
  active: boolean
  /** Check-ins (one per person per day) and the distinct people who checked in. */
  visits: number
  visitors: number
  /** Standing bookings of the month (by the date booked for) and their hours; how many were arrived at. */
  bookings: number
  bookedHours: number
  arrivals: number
  /** Hours the site is open in the month, from its weekly hours and closed dates. */
  openHours: number
  /** bookedHours / openHours, 0–1 (three decimals); null when the site is not open that month. */
  utilisation: number | null
  /** Classes held at the site in the month and their attendees (from the classroom's figures). */
  classesHeld: number
  classAttendees: number
  /** Organisations whose members checked in or whose booking was arrived at; those outside the managing organisation. */
  orgsServed: number
  outsideOrgs: number
  /** Books borrowed at the site in the month (a 党建书屋; from the library's figures). */
  loans: number
  /** No visit, booking, class or loan in the month. */
  idle: boolean
  /** Place in the ranking (by utilisation, then visits, then class attendees); null for a single site's figures. */
  rank: number | null
}

export interface SiteOutput {
  list: { items: SiteSummary[]; nextCursor: string | null }
  get: SiteDetail
  create: { id: string }
  update: { id: string }
  book: { id: string }
  cancel: { id: string; status: 'cancelled' }
  decide: { id: string; status: BookingStatus; confirmed: boolean }
  bookings: { items: Booking[]; nextCursor: string | null; canManage: boolean }
  visit: {
    siteId: string
    name: string
    at: string
    /** The caller's first check-in at this site this month. */
    firstThisMonth: boolean
    /** The caller's booking whose arrival this check-in confirmed. */
    booking?: { id: string; start: string; end: string; orgName: string }
  }
  usage: {
    month: string
    items: SiteUsage[]
    summary: {
      sites: number
      idle: number
      visits: number
      bookings: number
      bookedHours: number
      openHours: number
      /** All booked hours over all open hours; null when none is open. */
      utilisation: number | null
      classesHeld: number
      outsideOrgs: number
    }
  }
  exportUsage: { fileID: string; url: string }
  recount: { month: string; sites: number; repaired: number; slotsFreed: number }
  uploadPhoto: PhotoUpload
}

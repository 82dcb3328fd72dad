// The studio function's contract (党代表工作室): a studio's representatives and reception schedule, the 民情 people
// leave there, the case workflow behind each one, its rating, and the monthly figures per studio and representative.
import { z } from 'zod'
import { cursor, id, oneOf, phone, text, valuesOf } from './common'
import { month } from './site'
import { fileId } from './story'

export { STUDIO_CASE_PAGE } from './pages'

export const STUDIO_LIMITS = { repName: 20, term: 30, intro: 200, content: 1000, photos: 6, reply: 1000, note: 300, comment: 300, slots: 20, page: 20 } as const

export const CASE_KIND_LABELS = { question: '咨询', problem: '反映问题', suggestion: '意见建议' } as const
export type CaseKind = keyof typeof CASE_KIND_LABELS

export const CASE_STATUS_LABELS = { pending: '待受理', accepted: '已受理', handling: '办理中', closed: '已办结' } as const
export type CaseStatus = keyof typeof CASE_STATUS_LABELS
export const OPEN_CASE_STATUSES: CaseStatus[] = ['pending', 'accepted', 'handling']

/** What a person who handles a case does to it: 受理, 开始办理, 办结 (with the reply), 转办 (to an organisation, with a note). */
export const CASE_EVENT_LABELS = { accept: '受理', start: '开始办理', close: '办结', transfer: '转办' } as const
export type CaseEvent = keyof typeof CASE_EVENT_LABELS

export const RATING_LABELS = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const
export type Rating = keyof typeof RATING_LABELS

/** Working days from receipt to the deadline of an open case. */
export const CASE_DEADLINE_WORKDAYS = 15

const hhmm = (label: string) => z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}应为 HH:MM，如 14:00`)

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
const date = (label: string) => z.string({ required_error: `请选择${label}`, invalid_type_error: `${label}格式不正确` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD，如 2026-12-07`)
  .refine(isCalendarDate, `${label}不是有效的日期`)

/** A reception (接待): weekly on a weekday (1 = 周一 … 7 = 周日) or once on a date, from `start` to `end`, by a representative or not named. */
const reception = z.object({
  weekday: z.number({ invalid_type_error: '星期格式不正确' }).int('星期格式不正确').min(1, '星期应为 1–7').max(7, '星期应为 1–7').optional(),
  date: date('接待日期').optional(),
  start: hhmm('开始时间'),
  end: hhmm('结束时间'),
  repId: id('党代表').optional(),
}).strict()
  .refine((r) => (r.weekday === undefined) !== (r.date === undefined), { message: '每个接待时间请选择“每周几”或“某一天”之一', path: ['weekday'] })
  .refine((r) => r.start < r.end, { message: '结束时间应晚于开始时间', path: ['end'] })

export const studioSchemas = {
  /** A studio's page: its representatives (contacts masked unless the caller manages it), schedule and next receptions. */
  get: z.object({ siteId: id('工作室') }).strict(),
  /** Adds a representative (no id) or changes one. */
  saveRep: z.object({
    siteId: id('工作室'),
    id: id('党代表').optional(),
    name: text('姓名', { max: STUDIO_LIMITS.repName }),
    term: text('届别', { max: STUDIO_LIMITS.term }),
    intro: text('简介', { max: STUDIO_LIMITS.intro }).optional(),
    phone: phone('联系电话'),
    photo: fileId.optional(),
    /** The openid of the representative's own account: cases addressed to them are theirs to handle. */
    openid: id('党代表的账号').optional(),
  }).strict(),
  removeRep: z.object({ id: id('党代表') }).strict(),
  /**
   * For linking a representative to their own account: the approved members of that exact name in the caller's
   * scope (the district office: all), phones masked.
   */
  linkable: z.object({ siteId: id('工作室'), name: text('党员姓名', { max: 20 }) }).strict(),
  saveSchedule: z.object({
    siteId: id('工作室'),
    receptions: z.array(reception, { invalid_type_error: '接待时间格式不正确' }).max(STUDIO_LIMITS.slots, `最多 ${STUDIO_LIMITS.slots} 个接待时间`),
  }).strict(),
  /** A one-time upload of one photo for a 民情 into the caller's own folder. */
  uploadPhoto: z.object({}).strict(),
  /** Leaves a 民情; `requestId` (made once by the form) makes a retry the same case. */
  submit: z.object({
    siteId: id('工作室'),
    repId: id('党代表').optional(),
    kind: oneOf('类型', valuesOf(CASE_KIND_LABELS)),
    content: text('内容', { min: 5, max: STUDIO_LIMITS.content }),
    photos: z.array(fileId, { invalid_type_error: '照片格式不正确' }).max(STUDIO_LIMITS.photos, `最多 ${STUDIO_LIMITS.photos} 张照片`).optional(),
    receptionDate: date('预约接待日期').optional(),
    name: text('称呼', { max: 20 }).optional(),
    phone: phone('联系电话').optional(),
    requestId: id('请求编号'),
    subscribe: z.boolean({ invalid_type_error: '订阅选项格式不正确' }).optional(),
  }).strict(),
  /** The caller's own 民情, latest first. */
  mine: z.object({ cursor: cursor.optional() }).strict(),
  /** One case: its author, the managers in scope and the representative it is addressed to. */
  getCase: z.object({ id: id('民情') }).strict(),
  /** The cases the caller handles: open ones by deadline (overdue first), or closed ones latest first. */
  cases: z.object({
    status: oneOf('状态', valuesOf(CASE_STATUS_LABELS)).optional(),
    siteId: id('工作室').optional(),
    cursor: cursor.optional(),
  }).strict(),
  act: z.object({
    id: id('民情'),
    event: oneOf('操作', valuesOf(CASE_EVENT_LABELS)),
    reply: text('答复', { min: 5, max: STUDIO_LIMITS.reply }).optional(),
    note: text('转办说明', { max: STUDIO_LIMITS.note }).optional(),
    orgId: id('转办的党组织').optional(),
  }).strict()
    .refine((a) => a.event !== 'close' || !!a.reply, { message: '办结前请填写答复', path: ['reply'] })
    .refine((a) => a.event !== 'transfer' || (!!a.orgId && !!a.note), { message: '转办请选择党组织并填写说明', path: ['orgId'] }),
  rate: z.object({
    id: id('民情'),
    rating: oneOf('评价', valuesOf(RATING_LABELS)),
    comment: text('评价内容', { max: STUDIO_LIMITS.comment }).optional(),
  }).strict(),
  /** A studio's figures for a month, with each representative's. */
  figures: z.object({ siteId: id('工作室'), month: month.optional() }).strict(),
  /** A representative's 履职 record: their receptions, their cases (no personal content) and this year's figures. */
  record: z.object({ repId: id('党代表'), cursor: cursor.optional() }).strict(),
  recount: z.object({ month: month.optional() }).strict(),
}

export type StudioInput = { [K in keyof typeof studioSchemas]: z.input<(typeof studioSchemas)[K]> }

export interface Representative {
  id: string
  siteId: string
  name: string
  term: string
  intro?: string
  /** Masked (138****1234) unless the caller manages the studio. */
  phone: string
  photoUrl?: string
  photo?: string
  /** Only to managers: whether the representative's own account is linked. */
  linked?: boolean
  openid?: string
}

/** A member a representative may be linked to, as their manager finds them by name. */
export interface LinkableMember { openid: string; name: string; orgName: string; phone?: string }

export interface ReceptionSlot { weekday?: number; date?: string; start: string; end: string; repId?: string; repName?: string }
/** One upcoming reception, in Asia/Shanghai: `date` and its label `12月7日 周一`. */
export interface UpcomingReception { date: string; label: string; start: string; end: string; repName?: string }

export interface StudioPage {
  siteId: string
  siteName: string
  address: string
  manages: boolean
  reps: Representative[]
  receptions: ReceptionSlot[]
  upcoming: UpcomingReception[]
}

export interface CaseStep { event: 'submit' | CaseEvent | 'rate'; label: string; byName: string; at: string; note?: string }

/** An open case's deadline as a person reads it: 「剩 3 个工作日」 or 「已超期 2 天」. */
export interface CaseDeadline { date: string; overdue: boolean; days: number; label: string }

export interface CaseSummary {
  id: string
  siteId: string
  siteName: string
  repName?: string
  kind: CaseKind
  status: CaseStatus
  excerpt: string
  submittedAt: string
  handlerOrgName: string
  deadline?: CaseDeadline
  rating?: Rating
}

export interface CaseDetail extends CaseSummary {
  content: string
  photos: Array<{ fileID: string; url: string; check?: 'pending' | 'failed' }>
  receptionDate?: string
  name?: string
  /** The author's phone: masked, in full only to those who handle the case. */
  phone?: string
  reply?: string
  comment?: string
  timeline: CaseStep[]
  /** What the caller may do now. */
  canAct: CaseEvent[]
  canRate: boolean
}

export interface StudioFigures {
  received: number
  /** Of the cases received in the month, those closed by now. */
  receivedClosed: number
  closed: number
  closeDays: number
  satisfied: number
  basic: number
  unsatisfied: number
}
export interface StudioFiguresView extends StudioFigures {
  /** 办结率: receivedClosed / received (0 without cases). */
  closeRate: number
  /** Average calendar days from receipt to close of the cases closed in the month (0 without any). */
  averageDays: number
  /** Share of 满意 and 基本满意 among the ratings of the month. */
  satisfaction: number
}

export interface RecordCase { id: string; kind: CaseKind; status: CaseStatus; submittedAt: string; closedAt?: string; rating?: Rating }

export interface StudioOutput {
  get: StudioPage
  saveRep: { id: string }
  removeRep: { id: string }
  linkable: { items: LinkableMember[] }
  saveSchedule: { count: number }
  uploadPhoto: { fileID: string; cloudPath: string; url: string; headers: Record<string, string> }
  submit: { id: string; status: CaseStatus }
  mine: { items: CaseSummary[]; nextCursor: string | null }
  getCase: CaseDetail
  cases: { items: CaseSummary[]; nextCursor: string | null }
  act: { id: string; status: CaseStatus }
  rate: { id: string; rating: Rating }
  figures: { siteId: string; month: string; studio: StudioFiguresView; reps: Array<{ repId: string; name: string } & StudioFiguresView> }
  record: {
    rep: Representative
    siteName: string
    receptions: ReceptionSlot[]
    year: StudioFiguresView
    cases: RecordCase[]
    nextCursor: string | null
  }
  recount: { month: string; written: number }
}

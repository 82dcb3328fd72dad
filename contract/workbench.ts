// 党建工作台: the `workbench` function's actions, their input schemas and the shapes they answer.
//
// One place where a secretary (their subtree) and the district office (the district) see the three campaigns at once:
// 大课堂 coverage and attendance, 微故事, and 阵地 use, for a period (a month, a quarter or a year, Asia/Shanghai),
// for the chosen organisation and each organisation right under it; 12-month trends; the district's targets and who
// is behind them; warnings with the page that fixes each; the lists behind a figure; and the quarter's 通报.
// Figures are read from the pre-counted monthly documents (never the events): an overview costs at most 4 database
// operations whatever the number of organisations or events.
//
// A period is written `YYYY-MM` (a month), `YYYY-Qn` (a quarter) or `YYYY` (a year).
import { z } from 'zod'
import type { OrgType } from './user'
import { cursor, id, noInput, oneOf, valuesOf } from './common'

export const PERIOD_KIND_LABELS = { month: '月', quarter: '季度', year: '年' }
export type PeriodKind = keyof typeof PERIOD_KIND_LABELS

/** A story waits "too long" for its review after this many days. */
export const REVIEW_OVERDUE_DAYS = 3
/** An organisation that must hold classes and held none for this many days only hangs the plaque (只挂牌子). */
export const PLAQUE_ONLY_DAYS = 60
/** Months a trend covers, the period's last month included. */
export const TREND_MONTHS = 12

export const WORKBENCH_LIMITS = { page: 20, orgs: 500 } as const

/** `2026-11`, `2026-Q4` or `2026`. */
export const period = z.string({ required_error: '请选择统计期间', invalid_type_error: '统计期间格式不正确' })
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '统计期间应为月（2026-11）、季度（2026-Q4）或年（2026）')
export const quarter = z.string({ required_error: '请选择季度', invalid_type_error: '季度格式不正确' })
  .regex(/^\d{4}-Q[1-4]$/, '季度应为 YYYY-Qn，如 2026-Q4')

const isoDate = z.string({ invalid_type_error: '日期格式不正确' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD，如 2026-12-31')
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s }, '不是有效的日期')

const share = (label: string) => z.number({ invalid_type_error: `${label}应为 0 到 1 之间的数` })
  .min(0, `${label}不能小于 0`).max(1, `${label}不能大于 100%`)
const count = (label: string, max: number) => z.number({ invalid_type_error: `${label}应为整数` })
  .int(`${label}应为整数`).min(0, `${label}不能小于 0`).max(max, `${label}最多为 ${max}`)

/** The district's targets for a period; each is optional (a target not set is not judged). */
export const targetFields = z.object({
  /** Share (0–1) of the organisations that must hold classes which have held one by `coverageBy`. */
  coverageRate: share('开课覆盖率目标').optional(),
  /** The date (Asia/Shanghai, inclusive) by which `coverageRate` must be reached. */
  coverageBy: isoDate.optional(),
  /** Classes each organisation that must hold classes holds per quarter (a month's share is ⅓, rounded up). */
  minClassesPerQuarter: count('每季度最少开课次数', 100).optional(),
  /** Stories submitted per community (社区党组织) in the period. */
  storiesPerCommunity: count('每个社区的故事数', 1000).optional(),
  /** Minimum utilisation (0–1) of every site open in the period. */
  minUtilisation: share('阵地最低使用率').optional(),
}, { invalid_type_error: '目标格式不正确' }).strict()
  .refine((t) => (t.coverageRate === undefined) === (t.coverageBy === undefined), { message: '开课覆盖率目标和截止日期需一起填写', path: ['coverageBy'] })

export type TargetFields = z.output<typeof targetFields>

/** The areas of the workbench, and of the drill-down lists behind its figures. */
export const AREA_LABELS = { classroom: '大课堂', story: '微故事', site: '阵地' }
export type Area = keyof typeof AREA_LABELS
export const AREAS = valuesOf(AREA_LABELS)

export const WARNING_KIND_LABELS = { plaqueOnly: '只挂牌子', idleSite: '阵地闲置', lateReview: '审核超时' }
export type WarningKind = keyof typeof WARNING_KIND_LABELS

export const workbenchSchemas = {
  /** Figures of an organisation (default: the caller's; the district for the admin) and each one right under it. */
  overview: z.object({ orgId: id('党组织').optional(), period: period.optional() }).strict(),
  /** The last 12 months up to the period's last month, for the organisation; and its child organisations ranked. */
  trends: z.object({ orgId: id('党组织').optional(), period: period.optional() }).strict(),
  /** The targets of a period (anyone who sees the workbench reads them). */
  targets: z.object({ period: period.optional() }).strict(),
  /** The admin sets the targets of a period (replacing what was set), audited. */
  setTargets: z.object({ period, targets: targetFields, reason: z.string().trim().max(200, '说明最多 200 个字').optional() }).strict(),
  /** Warnings of the organisation's subtree now, each with the page that fixes it. */
  warnings: z.object({ orgId: id('党组织').optional() }).strict(),
  /** The records behind a figure: the classes, stories or visits of an organisation's subtree in a period. */
  drill: z.object({
    area: oneOf('类别', AREAS),
    orgId: id('党组织').optional(),
    period: period.optional(),
    cursor: cursor.optional(),
  }).strict(),
  /** Builds (or builds again) the quarter's 通报 for the caller's organisation (district for the admin). */
  buildReport: z.object({ quarter, orgId: id('党组织').optional() }).strict(),
  /** The reports built, newest quarter first. */
  reports: z.object({ orgId: id('党组织').optional(), cursor: cursor.optional() }).strict(),
  /** One report: its figures for the printable page and a fresh download link of its workbook. */
  report: z.object({ id: id('通报') }).strict(),
  /** The admin recounts what the workbench pre-counts itself for a month (the timer does it daily). */
  recount: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2026-11').optional() }).strict(),
  me: noInput,
}

export type WorkbenchInput = { [K in keyof typeof workbenchSchemas]: z.input<(typeof workbenchSchemas)[K]> }

export interface PeriodInfo {
  /** `2026-11`, `2026-Q4`, `2026`. */
  key: string
  kind: PeriodKind
  /** What a person reads: 2026年11月, 2026年第四季度, 2026年. */
  label: string
  /** The months it covers, `YYYY-MM`, in order. */
  months: string[]
  /** First and last day, `YYYY-MM-DD`. */
  from: string
  to: string
}

/** On or behind one target; null when the target is not set or does not apply to this organisation. */
export type TargetMark = 'on' | 'behind' | null

export interface ClassroomFigures {
  /** Classes held by the organisation and those under it. */
  classesHeld: number
  /** The organisation's own classes (a committee's cover its branches). */
  ownClassesHeld: number
  /** Organisations in the subtree that must hold classes, and those covered (held, or covered by their committee). */
  orgsRequired: number
  orgsCovered: number
  /** orgsCovered / orgsRequired; null when none must hold classes. */
  coverageRate: number | null
  attendees: number
  guests: number
  expected: number
  /** attendees / expected (guests apart); null when nobody was expected. */
  attendanceRate: number | null
  /** Approved members of the subtree, and those with no attendance at any class in the period. */
  members: number
  membersNeverAttended: number
}

export interface StoryAreaFigures {
  submitted: number
  published: number
  featured: number
  /** Stories about retired members among those submitted, and their share (null when none was submitted). */
  aboutRetired: number
  retiredShare: number | null
  /** Stories waiting for review longer than REVIEW_OVERDUE_DAYS now (a current figure, not the period's). */
  pendingOverdue: number
}

export interface SiteAreaFigures {
  /** Active sites managed in the subtree. */
  sites: number
  visits: number
  bookedHours: number
  openHours: number
  /** bookedHours / openHours; null when no site is open in the period. */
  utilisation: number | null
  /** Organisations outside a site's managing organisation served (summed over sites and months). */
  outsideOrgs: number
  classesHeld: number
  /** Active sites with no visit, booking or class in the period. */
  idleSites: number
}

export interface TargetMarks {
  coverage: TargetMark
  classes: TargetMark
  stories: TargetMark
  utilisation: TargetMark
  /** Any target behind. */
  behind: boolean
}

export interface OrgOverview {
  orgId: string
  orgName: string
  orgType: OrgType
  parentId: string | null
  /** Organisations under it: a drill-down opens it as the chosen organisation. */
  hasChildren: boolean
  classroom: ClassroomFigures
  story: StoryAreaFigures
  site: SiteAreaFigures
  targets: TargetMarks
}

export interface Targets extends TargetFields {
  period: string
  setBy?: string
  setByName?: string
  setAt?: string
}

export interface TrendPoint {
  month: string
  classesHeld: number
  attendanceRate: number | null
  storiesSubmitted: number
  storiesPublished: number
  visits: number
}

export interface RankingRow {
  orgId: string
  orgName: string
  orgType: OrgType
  rank: number
  /** The score the ranking is by: coverage, then attendance rate, stories and site utilisation, equally weighted (0–100). */
  score: number
  coverageRate: number | null
  attendanceRate: number | null
  storiesSubmitted: number
  utilisation: number | null
  behind: boolean
}

/** A page of src/pageTable.ts by its key and the query it opens with. */
export interface PageLink { page: string; params: Record<string, string> }

export interface Warning {
  kind: WarningKind
  /** The organisation, site or story concerned. */
  subjectId: string
  orgId: string
  orgName: string
  /** One sentence a person acts on: 「xx社区党委 已 73 天没有开课」. */
  message: string
  /** Days since the last class, since the site was last used, or that the story has waited. */
  days: number
  /** The page that fixes it. */
  fix: PageLink
}

export interface DrillClass {
  id: string; title: string; orgId: string; orgName: string; start: string
  attendees: number; guests: number; expected: number; status: 'held' | 'upcoming' | 'cancelled'
}
export interface DrillStory {
  id: string; title: string; orgId: string; orgName: string; authorName: string
  status: string; featured: boolean; aboutRetired: boolean; submittedAt: string
}
export interface DrillVisit {
  id: string; siteId: string; siteName: string; date: string; name: string; orgId: string; orgName: string
}
export type DrillItem = ({ area: 'classroom' } & DrillClass) | ({ area: 'story' } & DrillStory) | ({ area: 'site' } & DrillVisit)

export interface ReportSummary {
  id: string
  quarter: string
  orgId: string
  orgName: string
  builtAt: string
  builtByName: string
}

/** What the printable A4 page shows: the same figures as the workbook. */
export interface ReportData extends ReportSummary {
  period: PeriodInfo
  targets: Targets | null
  org: OrgOverview
  children: OrgOverview[]
  ranking: RankingRow[]
  warnings: Warning[]
}

export interface WorkbenchOutput {
  overview: { period: PeriodInfo; targets: Targets | null; org: OrgOverview; children: OrgOverview[]; asOf: string }
  trends: { orgId: string; orgName: string; months: TrendPoint[]; ranking: RankingRow[]; period: PeriodInfo }
  targets: { targets: Targets | null }
  setTargets: { targets: Targets }
  warnings: { items: Warning[]; asOf: string }
  drill: { items: DrillItem[]; nextCursor: string | null; period: PeriodInfo; orgName: string }
  buildReport: { report: ReportSummary; fileID: string; url: string }
  reports: { items: ReportSummary[]; nextCursor: string | null }
  report: { data: ReportData; fileID: string; url: string }
  recount: { month: string; repaired: number }
  /** Whether the caller may see the workbench and set targets, and the organisation it opens on. */
  me: { orgId: string; orgName: string; canSetTargets: boolean }
}

// The studio domain's documents as stored, the case's deterministic id, the figures' keys and the recount's tally,
// and the shapes readers see. Pure (no database): the seed builds the demo figures with the same `tally`.
import crypto from 'crypto'
import type {
  CaseEvent, CaseKind, CaseStatus, CaseSummary, Rating, ReceptionSlot, Representative, StudioFigures, StudioFiguresView,
  UpcomingReception,
} from '../../contract/studio'
import { CASE_DEADLINE_WORKDAYS, CASE_EVENT_LABELS, OPEN_CASE_STATUSES } from '../../contract/studio'
import { maskPhone } from '../../contract/common'
import { round3 } from '../common/figures'
import type { CheckedPhotos } from '../common/photoChecks'
import { addDays, dayLabel, isoWeekday, shanghaiDate, shanghaiInstant, shanghaiMonth } from '../common/time'
import { addWorkdays, daysBetween, deadlineAsOf, HOLIDAYS } from './workdays'

export interface RepDoc extends CheckedPhotos {
  _id: string
  siteId: string
  siteName: string
  /** The studio's managing organisation's path: its managers are the secretaries on it and the district office. */
  managingOrgPath: string[]
  managingOrgName: string
  name: string
  term: string
  intro?: string
  phone: string
  photos: string[]
  /** The representative's own account: cases addressed to them are theirs to handle. */
  openid?: string
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export interface ScheduleDoc { _id: string; receptions: ReceptionSlot[]; updatedAt: Date }

export interface CaseStepDoc { event: 'submit' | CaseEvent | 'rate'; by: string; byName: string; at: Date; note?: string }

export interface CaseDoc extends CheckedPhotos {
  _id: string
  siteId: string
  siteName: string
  managingOrgPath: string[]
  /** The organisation handling the case: the studio's, or the one it was transferred to. */
  orgPath: string[]
  orgName: string
  /** The representative it is addressed to: whoever that record's account is now handles it (common/people.ts repIdsOf). */
  repId?: string
  repName?: string
  kind: CaseKind
  content: string
  photos: string[]
  receptionDate?: string
  author: string
  name?: string
  phone?: string
  subscribe: boolean
  status: CaseStatus
  version: number
  submittedAt: Date
  /** The Shanghai month it was received in: the month it counts as received. */
  month: string
  receivedDate: string
  deadlineDate: string
  /** The end of the deadline day: open cases are listed by it, overdue first. */
  deadlineAt: Date
  reply?: string
  closedAt?: Date
  closedMonth?: string
  /** Calendar days from receipt to close. */
  closeDays?: number
  rating?: Rating
  comment?: string
  ratedAt?: Date
  ratedMonth?: string
  history: CaseStepDoc[]
}

/** A case's id: the same author's same form (its request id) is the same case, however often it is sent. */
export const caseId = (openid: string, requestId: string) =>
  crypto.createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 32)

/** Receipt and deadline of a case received at `at`. */
export function receipt(at: Date) {
  const receivedDate = shanghaiDate(at)
  const deadlineDate = addWorkdays(receivedDate, CASE_DEADLINE_WORKDAYS)
  return { submittedAt: at, month: shanghaiMonth(at), receivedDate, deadlineDate, deadlineAt: shanghaiInstant(deadlineDate, 24 * 60) }
}

/** What closing a case received on `receivedDate` at `at` sets. */
export function closing(receivedDate: string, at: Date) {
  return { closedAt: at, closedMonth: shanghaiMonth(at), closeDays: daysBetween(receivedDate, shanghaiDate(at)) }
}

export const isOpen = (status: CaseStatus) => OPEN_CASE_STATUSES.includes(status)

export const STEP_LABELS: Record<CaseStepDoc['event'], string> = { submit: '提交', ...CASE_EVENT_LABELS, rate: '评价' }

export function toSummary(c: CaseDoc, today: string): CaseSummary {
  return {
    id: c._id,
    siteId: c.siteId,
    siteName: c.siteName,
    ...(c.repName ? { repName: c.repName } : {}),
    kind: c.kind,
    status: c.status,
    excerpt: c.content.length > 40 ? `${c.content.slice(0, 40)}…` : c.content,
    submittedAt: new Date(c.submittedAt).toISOString(),
    handlerOrgName: c.orgName,
    ...(isOpen(c.status) ? { deadline: deadlineAsOf(c.deadlineDate, today) } : {}),
    ...(c.rating ? { rating: c.rating } : {}),
  }
}

export function toRep(r: RepDoc, urls: Map<string, string>, manages: boolean, shownPhoto: string | undefined): Representative {
  const photo = manages ? r.photos[0] : shownPhoto
  return {
    id: r._id,
    siteId: r.siteId,
    name: r.name,
    term: r.term,
    ...(r.intro ? { intro: r.intro } : {}),
    phone: manages ? r.phone : maskPhone(r.phone)!,
    ...(photo && urls.get(photo) ? { photoUrl: urls.get(photo), photo } : {}),
    ...(manages ? { linked: !!r.openid, ...(r.openid ? { openid: r.openid } : {}) } : {}),
  }
}

/** The receptions of the next `days` days from `at` (those of a weekly slot falling on an official holiday skipped), at most `max`. */
export function upcoming(receptions: ReceptionSlot[], reps: Map<string, string>, at: Date, days = 28, max = 6): UpcomingReception[] {
  const today = shanghaiDate(at)
  const out: UpcomingReception[] = []
  for (let i = 0; i <= days; i++) {
    const date = addDays(today, i)
    const weekday = isoWeekday(date)
    const ofDay = receptions.filter((r) => (r.date ? r.date === date : r.weekday === weekday && !HOLIDAYS.has(date)))
    for (const r of [...ofDay].sort((a, b) => a.start.localeCompare(b.start))) {
      if (shanghaiInstant(date, minutesOf(r.end)) <= at) continue
      const repName = r.repId ? reps.get(r.repId) : undefined
      out.push({ date, label: dayLabel(date), start: r.start, end: r.end, ...(repName ? { repName } : {}) })
    }
  }
  return out.slice(0, max)
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const FIGURE_KEYS: Array<keyof StudioFigures> = ['received', 'receivedClosed', 'closed', 'closeDays', 'satisfied', 'basic', 'unsatisfied']
export const zeroFigures = (): StudioFigures => ({ received: 0, receivedClosed: 0, closed: 0, closeDays: 0, satisfied: 0, basic: 0, unsatisfied: 0 })
export const studioMonthId = (siteId: string, month: string) => `${siteId}_${month}`
/** A representative's figure inside their studio's month document. */
export const repKey = (key: keyof StudioFigures, repId: string) => `${key}@${repId}`

/** What one event adds, for the studio and (when the case names one) its representative. */
export function withRep(delta: Partial<StudioFigures>, repId: string | undefined): Record<string, number> {
  const out: Record<string, number> = { ...delta } as Record<string, number>
  if (repId) for (const [k, v] of Object.entries(delta)) out[repKey(k as keyof StudioFigures, repId)] = v as number
  return out
}

/** A month's figures of every studio, from its cases (received, closed or rated in the month). */
export function tally(cases: CaseDoc[], month: string): Map<string, { fresh: Record<string, unknown>; values: Record<string, number> }> {
  const out = new Map<string, { fresh: Record<string, unknown>; values: Record<string, number> }>()
  const add = (c: CaseDoc, delta: Partial<StudioFigures>) => {
    const id = studioMonthId(c.siteId, month)
    const doc = out.get(id) ?? { fresh: { siteId: c.siteId, month }, values: {} }
    for (const [k, v] of Object.entries(withRep(delta, c.repId))) doc.values[k] = (doc.values[k] ?? 0) + v
    out.set(id, doc)
  }
  for (const c of cases) {
    if (c.month === month) add(c, c.status === 'closed' ? { received: 1, receivedClosed: 1 } : { received: 1 })
    if (c.closedMonth === month) add(c, { closed: 1, closeDays: c.closeDays ?? 0 })
    if (c.ratedMonth === month && c.rating) add(c, { [c.rating]: 1 })
  }
  return out
}

/** A figures document's values for the studio (no repId) or one representative. */
export function figuresOf(doc: Record<string, unknown> | undefined, repId?: string): StudioFiguresView {
  const f = zeroFigures()
  for (const k of FIGURE_KEYS) f[k] = Number(doc?.[repId ? repKey(k, repId) : k] ?? 0)
  return view(f)
}

export function view(f: StudioFigures): StudioFiguresView {
  const rated = f.satisfied + f.basic + f.unsatisfied
  return {
    ...f,
    closeRate: f.received ? round3(f.receivedClosed / f.received) : 0,
    averageDays: f.closed ? Math.round((f.closeDays / f.closed) * 10) / 10 : 0,
    satisfaction: rated ? round3((f.satisfied + f.basic) / rated) : 0,
  }
}

/** Adds two sets of figures (a year from its months). */
export function plus(a: StudioFigures, b: StudioFigures): StudioFigures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, a[k] + b[k]])) as unknown as StudioFigures
}

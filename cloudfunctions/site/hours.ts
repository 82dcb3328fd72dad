// Opening hours: a site's weekly intervals (minutes of the Asia/Shanghai day) and closed dates, and what follows from
// them — open now, a day's hours, whether a booking fits, the open hours of a month. Pure: no database here.
import type { OpeningInterval } from '../../contract/site'
import { clockMinutes, minutesClock, SLOT_MINUTES, VISIT_EARLY_MINUTES } from '../../contract/site'
import { isoWeekday, monthDates } from '../common/time'

/** As stored: `weekly: [{ day: 1–7, start: 540, end: 1050 }]`, so "open now" is one `elemMatch` in a query. */
export interface WeeklyInterval { day: number; start: number; end: number }

export interface Hours {
  weekly: WeeklyInterval[]
  closedDates: string[]
}

export const toWeekly = (hours: OpeningInterval[]): WeeklyInterval[] =>
  hours.map((h) => ({ day: h.day, start: clockMinutes(h.start), end: clockMinutes(h.end) }))
    .sort((a, b) => a.day - b.day || a.start - b.start)

export const fromWeekly = (weekly: WeeklyInterval[]): OpeningInterval[] =>
  weekly.map((w) => ({ day: w.day, start: minutesClock(w.start), end: minutesClock(w.end) }))

/** The site's open spans on a date, touching intervals joined (09:00–12:00 + 12:00–17:00 → 09:00–17:00). */
export function spansOn(site: Hours, date: string): Array<[number, number]> {
  if (site.closedDates.includes(date)) return []
  const day = isoWeekday(date)
  const spans: Array<[number, number]> = []
  for (const w of site.weekly.filter((x) => x.day === day).sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1]
    if (last && w.start <= last[1]) last[1] = Math.max(last[1], w.end)
    else spans.push([w.start, w.end])
  }
  return spans
}

/** `09:00–12:00、14:00–17:30`, or `不开放`. */
export function spansLabel(spans: Array<[number, number]>): string {
  if (spans.length === 0) return '不开放'
  if (spans.length === 1 && spans[0][0] === 0 && spans[0][1] === 1440) return '全天开放'
  return spans.map(([a, b]) => `${minutesClock(a)}–${minutesClock(b)}`).join('、')
}

export const isOpenAt = (site: Hours, date: string, minute: number) =>
  spansOn(site, date).some(([a, b]) => a <= minute && minute < b)

/** A check-in is taken while the site is open and from VISIT_EARLY_MINUTES before it opens. */
export const takesVisitsAt = (site: Hours, date: string, minute: number) =>
  spansOn(site, date).some(([a, b]) => a - VISIT_EARLY_MINUTES <= minute && minute < b)

/** Whether [start, end) lies inside one open span of the date. */
export const fitsHours = (site: Hours, date: string, start: number, end: number) =>
  spansOn(site, date).some(([a, b]) => a <= start && end <= b)

/** The half-hour slots of [start, end): their start minutes. */
export function slotStarts(start: number, end: number): number[] {
  const out: number[] = []
  for (let m = start; m < end; m += SLOT_MINUTES) out.push(m)
  return out
}

/** Hours the site is open in a month (`YYYY-MM`). */
export function openHoursInMonth(site: Hours, month: string): number {
  let minutes = 0
  for (const date of monthDates(month)) for (const [a, b] of spansOn(site, date)) minutes += b - a
  return minutes / 60
}

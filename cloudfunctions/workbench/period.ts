// Periods of the workbench: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, all Asia/Shanghai.
import type { PeriodInfo, PeriodKind } from '../../contract/workbench'
import { TREND_MONTHS } from '../../contract/workbench'
import { addDays, monthRange, previousMonth, shanghaiDate, shanghaiMonth } from '../common/time'

const QUARTER_NAMES = ['一', '二', '三', '四']
const pad = (n: number) => String(n).padStart(2, '0')

export function periodKind(key: string): PeriodKind {
  return key.includes('Q') ? 'quarter' : key.length === 4 ? 'year' : 'month'
}

/** The quarter a month is in: `2026-11` → `2026-Q4`. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`
export const yearOf = (month: string) => month.slice(0, 4)

/** The period keys a month counts in: itself, its quarter, its year. */
export const periodsOfMonth = (month: string): [string, string, string] => [month, quarterOf(month), yearOf(month)]

export function periodInfo(key: string): PeriodInfo {
  const kind = periodKind(key)
  const year = Number(key.slice(0, 4))
  let months: string[]
  let label: string
  if (kind === 'month') {
    months = [key]
    label = `${year}年${Number(key.slice(5, 7))}月`
  } else if (kind === 'quarter') {
    const q = Number(key.slice(6))
    months = [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`)
    label = `${year}年第${QUARTER_NAMES[q - 1]}季度`
  } else {
    months = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`)
    label = `${year}年`
  }
  const last = months[months.length - 1]
  return { key, kind, label, months, from: `${months[0]}-01`, to: addDays(shanghaiDate(monthRange(last)[1]), -1) }
}

/** The period asked for, else the current month. */
export const periodOrNow = (key: string | undefined, at: Date) => periodInfo(key ?? shanghaiMonth(at))

/** The TREND_MONTHS months up to and including `last`, oldest first. */
export function trendMonths(last: string): string[] {
  const out = [last]
  while (out.length < TREND_MONTHS) out.unshift(previousMonth(out[0]))
  return out
}

/** The instants a period starts and ends at: [start, end). */
export function periodRange(p: PeriodInfo): [Date, Date] {
  return [monthRange(p.months[0])[0], monthRange(p.months[p.months.length - 1])[1]]
}

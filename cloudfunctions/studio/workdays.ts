// Working days in mainland China for case deadlines: Monday to Friday, minus the official holidays, plus the
// make-up working days (调休上班) the State Council publishes each year. Dates are Asia/Shanghai calendar dates.
//
// The table holds 2026 (国务院办公厅 2025-11 notice). The 2027 notice is not in it yet: until it is added, 2027 counts
// Monday to Friday only, with its fixed statutory days (元旦, 劳动节 5-1, 国庆 10-1..3) as holidays.
import { addDays, isoWeekday } from '../common/time'

const range = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i))

/** Official days off that fall on a weekday or weekend (only the weekday ones change anything). */
export const HOLIDAYS = new Set<string>([
  ...range('2026-01-01', 3), // 元旦
  ...range('2026-02-15', 9), // 春节
  ...range('2026-04-04', 3), // 清明节
  ...range('2026-05-01', 5), // 劳动节
  ...range('2026-06-19', 3), // 端午节
  ...range('2026-09-25', 3), // 中秋节
  ...range('2026-10-01', 7), // 国庆节
  '2027-01-01', ...range('2027-05-01', 1), ...range('2027-10-01', 3),
])

/** Saturdays and Sundays that are working days (调休上班). */
export const MAKEUP_WORKDAYS = new Set<string>([
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
])

export function isWorkday(date: string): boolean {
  if (MAKEUP_WORKDAYS.has(date)) return true
  if (HOLIDAYS.has(date)) return false
  return isoWeekday(date) <= 5
}

/** The `n`th working day after `date` (the day of receipt itself does not count). */
export function addWorkdays(date: string, n: number): string {
  let d = date
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (isWorkday(d)) left -= 1
  }
  return d
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workdaysBetween(from: string, to: string): number {
  let n = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d)) n += 1
  return n
}

/** Calendar days from `from` to `to`. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * An open case's deadline as of `today`: the working days left after today up to the deadline (「剩 N 个工作日」;
 * 「今天到期」 on the day), or the calendar days past it (「已超期 N 天」).
 */
export function deadlineAsOf(deadline: string, today: string) {
  if (today > deadline) {
    const days = daysBetween(deadline, today)
    return { date: deadline, overdue: true, days, label: `已超期 ${days} 天` }
  }
  const days = workdaysBetween(today, deadline)
  return { date: deadline, overdue: false, days, label: days === 0 ? '今天到期' : `剩 ${days} 个工作日` }
}

// Classroom figures as a person reads them: class times (entered and shown in Beijing time whatever the device's
// zone; Asia/Shanghai is UTC+8 all year, see utils/date.ts), study time and attendance rates.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { formatDayTime } from '../../utils/date'

dayjs.extend(utc)

const inBeijing = (value: string | number | Date) => dayjs(value).utcOffset(8 * 60)

/** 14:05 */
export const formatClock = (value: string | number | Date): string => inBeijing(value).format('HH:mm')

/** 11月27日 周五 14:00–15:30 (the end's day too when it is another day). */
export function formatClassTime(start: string, end: string): string {
  const sameDay = inBeijing(start).format('YYYY-MM-DD') === inBeijing(end).format('YYYY-MM-DD')
  return `${formatDayTime(start)}–${sameDay ? formatClock(end) : formatDayTime(end)}`
}

/** The Beijing calendar date `YYYY-MM-DD` and wall-clock time `HH:mm` of an instant (for the class form). */
export const beijingDate = (value: string | number | Date): string => inBeijing(value).format('YYYY-MM-DD')
export const beijingTime = (value: string | number | Date): string => formatClock(value)

/** The instant a Beijing date and time name, as the ISO string the API takes. */
export const beijingInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`

/** The Beijing month `YYYY-MM` of an instant, and how a person reads one: 2026年11月. */
export const beijingMonth = (value: string | number | Date): string => inBeijing(value).format('YYYY-MM')
export const formatMonth = (month: string): string => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`

/** The month `delta` months after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** 1 小时 30 分钟 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} 分钟`
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`
}

/** 0.857 → 85.7%; no one expected → — */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

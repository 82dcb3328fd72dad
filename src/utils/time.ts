// Dates and times as a person reads them ("11月27日 周五 14:30"), always in Shanghai time whatever the device's zone:
// what a person types (a class's date and time, a booking's day) and sees is the Shanghai wall clock.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)

// Asia/Shanghai is UTC+8 all year (no daylight saving). A fixed offset avoids dayjs's timezone plugin, which needs
// Intl time-zone data that mini-program JS engines do not reliably have.
const SHANGHAI_OFFSET_MINUTES = 8 * 60

export type DateInput = string | number | Date

const inShanghai = (value: DateInput) => dayjs(value).utcOffset(SHANGHAI_OFFSET_MINUTES).locale('zh-cn')

/** 11月27日 周五 */
export const formatDay = (value: DateInput): string => inShanghai(value).format('M月D日 ddd')

/** 11月27日 周五 14:30 */
export const formatDayTime = (value: DateInput): string => inShanghai(value).format('M月D日 ddd HH:mm')

/** 14:05 */
export const formatClock = (value: DateInput): string => inShanghai(value).format('HH:mm')

/** 11月27日 周五 14:00–15:30 (the end's day too when it is another day). */
export function formatTimeRange(start: DateInput, end: DateInput): string {
  const sameDay = shanghaiDate(start) === shanghaiDate(end)
  return `${formatDayTime(start)}–${sameDay ? formatClock(end) : formatDayTime(end)}`
}

/** The Shanghai calendar date `YYYY-MM-DD` of an instant. */
export const shanghaiDate = (value: DateInput): string => inShanghai(value).format('YYYY-MM-DD')

/** The Shanghai wall-clock time `HH:mm` of an instant. */
export const shanghaiTime = (value: DateInput): string => formatClock(value)

/** The instant a Shanghai date and time name, as the ISO string the API takes. */
export const shanghaiInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`

/** The Shanghai month `YYYY-MM` of an instant. */
export const shanghaiMonth = (value: DateInput): string => inShanghai(value).format('YYYY-MM')

/** The Shanghai year of an instant. */
export const shanghaiYear = (value: DateInput): number => inShanghai(value).year()

/** 2026-11 → 2026年11月 */
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

// Dates as a person reads them ("11月27日 周五"), always in Beijing time whatever the device's zone.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)

// Asia/Shanghai is UTC+8 all year (no daylight saving). A fixed offset avoids dayjs's timezone plugin, which needs
// Intl time-zone data that mini-program JS engines do not reliably have.
const SHANGHAI_OFFSET_MINUTES = 8 * 60

type DateInput = string | number | Date

function inShanghai(value: DateInput) {
  return dayjs(value).utcOffset(SHANGHAI_OFFSET_MINUTES).locale('zh-cn')
}

/** 11月27日 周五 */
export function formatDay(value: DateInput): string {
  return inShanghai(value).format('M月D日 ddd')
}

/** 11月27日 周五 14:30 */
export function formatDayTime(value: DateInput): string {
  return inShanghai(value).format('M月D日 ddd HH:mm')
}

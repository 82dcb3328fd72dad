// Asia/Shanghai calendar arithmetic for the functions, which run in UTC. Shanghai is UTC+8 all year (no daylight
// saving since 1991), so a fixed offset is exact: never `getMonth()` or `getDate()` on a server Date.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** The Shanghai wall-clock fields of an instant, read with getUTC* methods. */
const wall = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS)
const pad = (n: number) => String(n).padStart(2, '0')

/** The Asia/Shanghai month of an instant: `YYYY-MM`. */
export function shanghaiMonth(at: Date): string {
  return wall(at).toISOString().slice(0, 7)
}

/** The Asia/Shanghai year of an instant. */
export function shanghaiYear(at: Date): number {
  return wall(at).getUTCFullYear()
}

/** The instants a Shanghai month (`YYYY-MM`) starts and ends at: [start, end). */
export function monthRange(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number)
  return [new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS), new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS)]
}

/** The instants a Shanghai year starts and ends at: [start, end). */
export function yearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS), new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS)]
}

/** `11月27日 周五 14:00`, as a person reads a time in Shanghai. */
export function shanghaiDateTime(at: Date): string {
  const d = wall(at)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `14:05:09` in Shanghai. */
export function shanghaiClock(at: Date): string {
  const d = wall(at)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The Asia/Shanghai calendar date of an instant: `YYYY-MM-DD`. */
export function shanghaiDate(at: Date): string {
  return wall(at).toISOString().slice(0, 10)
}

/** Minutes since Shanghai midnight (0–1439) of an instant. */
export function shanghaiMinuteOfDay(at: Date): number {
  const d = wall(at)
  return d.getUTCHours() * 60 + d.getUTCMinutes()
}

/** The ISO weekday of a calendar date `YYYY-MM-DD`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** The instant a Shanghai calendar date begins, plus `minutes` (24:00 is the next midnight). */
export function shanghaiInstant(date: string, minutes = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS + minutes * 60_000)
}

/** A calendar date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Every calendar date of a month `YYYY-MM`, in order. */
export function monthDates(month: string): string[] {
  const [y, m] = month.split('-').map(Number)
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return Array.from({ length: days }, (_, i) => `${month}-${pad(i + 1)}`)
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7)
}

/** `11月27日 周五`: a calendar date as a person reads it. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`
}

/** A subscribe message `time` keyword, `2026年11月27日 10:30`, in Asia/Shanghai. */
export function subscribeTime(at: Date): string {
  const d = wall(at)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

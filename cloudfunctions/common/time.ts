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

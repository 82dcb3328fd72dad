// Which days and half-hours a site can be booked for, from its weekly hours and closed dates (the server checks the
// same rules; this only keeps the person from choosing what it would refuse). Dates `YYYY-MM-DD`, times `HH:MM`,
// both Beijing wall clock.
import type { Booking, OpeningInterval } from '@/services'
import { SITE_BOOKING_LIMITS } from '@/services'

const SLOT = SITE_BOOKING_LIMITS.slotMinutes

/** `09:30` → 570. */
export const clockMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** 570 → `09:30`; 1440 → `24:00`. */
export const minutesClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export interface SiteHours {
  hours: OpeningInterval[]
  closedDates: string[]
}

/** The opening spans of a date in minutes, in order (none on a closed date). */
export function spansOn(site: SiteHours, date: string): Array<[number, number]> {
  if (site.closedDates.includes(date)) return []
  const day = isoWeekday(date)
  return site.hours.filter((h) => h.day === day)
    .map((h): [number, number] => [clockMinutes(h.start), clockMinutes(h.end)])
    .sort((a, b) => a[0] - b[0])
}

/** The minutes of the day already booked (standing bookings of that date). */
export function busyMinutes(bookings: Pick<Booking, 'date' | 'start' | 'end' | 'status'>[], date: string): Set<number> {
  const busy = new Set<number>()
  for (const b of bookings) {
    if (b.date !== date || b.status !== 'booked') continue
    for (let m = clockMinutes(b.start); m < clockMinutes(b.end); m += SLOT) busy.add(m)
  }
  return busy
}

export interface SlotChoice {
  value: string
  busy: boolean
}

/** Every half-hour a booking may start at on `date`: inside the hours, and (today) not yet begun. */
export function startChoices(site: SiteHours, date: string, busy: Set<number>, now: { date: string; minute: number }): SlotChoice[] {
  if (date < now.date) return []
  const out: SlotChoice[] = []
  for (const [open, close] of spansOn(site, date)) {
    for (let m = open; m + SLOT <= close; m += SLOT) {
      if (date === now.date && m <= now.minute) continue
      out.push({ value: minutesClock(m), busy: busy.has(m) })
    }
  }
  return out
}

/**
 * The times a booking starting at `start` may end at: inside the same opening span, at most the longest booking,
 * and not past the next booked slot (a booking cannot straddle another).
 */
export function endChoices(site: SiteHours, date: string, start: string, busy: Set<number>): string[] {
  const from = clockMinutes(start)
  const span = spansOn(site, date).find(([open, close]) => open <= from && from < close)
  if (!span) return []
  const out: string[] = []
  const last = Math.min(span[1], from + SITE_BOOKING_LIMITS.maxBookingHours * 60)
  for (let m = from + SLOT; m <= last; m += SLOT) {
    if (busy.has(m - SLOT)) break
    out.push(minutesClock(m))
  }
  return out
}

/** The first date from `today` on (within the booking window) that still has a free slot to start at. */
export function firstBookableDate(site: SiteHours, now: { date: string; minute: number }, busyOf: (date: string) => Set<number>): string {
  for (let i = 0; i <= SITE_BOOKING_LIMITS.maxDaysAhead; i++) {
    const date = addDays(now.date, i)
    if (startChoices(site, date, busyOf(date), now).some((c) => !c.busy)) return date
  }
  return now.date
}

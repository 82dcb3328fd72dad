// The site domain's documents as stored, their deterministic ids, the monthly figures and the shapes readers see.
// Pure (no database): the seed builds the demo district's figures with the same `tally` the recount uses.
import type { Booking, BookingStatus, SiteDetail, SiteFacility, SiteLevel, SiteSummary, SiteType, SiteUsage } from '../../contract/site'
import { minutesClock } from '../../contract/site'
import { round3 } from '../common/figures'
import { CheckedPhotos, photosAsShown, shownPhotos } from '../common/photoChecks'
import { addDays, dayLabel } from '../common/time'
import { fromWeekly, Hours, isOpenAt, openHoursInMonth, spansLabel, spansOn, WeeklyInterval } from './hours'

/** GeoJSON as stored; the SDK reads it back as its Point class (`longitude`, `latitude`). */
export type GeoPoint = { type: 'Point'; coordinates: [number, number] } | { longitude: number; latitude: number }

export interface SiteDoc extends Hours, CheckedPhotos {
  _id: string
  /** What the printed QR code carries: 8 base64url characters, replaced when the code is renewed. */
  code: string
  /** Codes replaced by a renewal: a scan of an old print is told it is stale, not that it is unknown. */
  retiredCodes?: string[]
  type: SiteType
  name: string
  level: SiteLevel | null
  address: string
  /** GeoJSON, longitude first (db.Geo.Point(lng, lat)): the 2dsphere index. */
  location: GeoPoint
  weekly: WeeklyInterval[]
  closedDates: string[]
  facilities: SiteFacility[]
  capacity: number
  contact: { name: string; phone: string }
  photos: string[]
  description: string
  managingOrgId: string
  /** The managing organisation's path, root first: managers are the secretaries of any organisation on it. */
  managingOrgPath: string[]
  managingOrgName: string
  active: boolean
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface BookingDoc {
  _id: string
  siteId: string
  siteName: string
  date: string
  /** The month of `date`: the month the booking counts in. */
  month: string
  startMin: number
  endMin: number
  hours: number
  headcount: number
  purpose: string
  orgId: string
  orgPath: string[]
  orgName: string
  bookedBy: string
  bookedByName: string
  bookedByPhone?: string
  status: BookingStatus
  confirmed: boolean
  arrived: boolean
  arrivedAt?: Date
  reason?: string
  decidedBy?: string
  decidedAt?: Date
  createdAt: Date
}

export interface SlotDoc { _id: string; siteId: string; date: string; month: string; startMin: number; bookingId: string; createdAt: Date }

export interface VisitDoc {
  _id: string
  siteId: string
  date: string
  month: string
  openid: string
  name: string
  orgId: string
  orgPath: string[]
  orgName: string
  at: Date
  /** Metres from the site where the phone was (required of every visit since locations are checked). */
  distance?: number
  /** The booking whose arrival this check-in confirmed. */
  bookingId?: string
}

export interface MarkDoc {
  _id: string
  siteId: string
  month: string
  kind: 'visitor' | 'org'
  key: string
  outside?: boolean
}

/** A site's pre-counted figures for a month (the classroom keeps the classes it hosted). */
export interface SiteFigures {
  visits: number
  visitors: number
  bookings: number
  bookedHours: number
  arrivals: number
  orgsServed: number
  outsideOrgs: number
}
export const FIGURE_KEYS: Array<keyof SiteFigures> = ['visits', 'visitors', 'bookings', 'bookedHours', 'arrivals', 'orgsServed', 'outsideOrgs']
export const zeroFigures = (): SiteFigures => ({ visits: 0, visitors: 0, bookings: 0, bookedHours: 0, arrivals: 0, orgsServed: 0, outsideOrgs: 0 })

export interface SiteMonthDoc extends SiteFigures { _id: string; siteId: string; month: string }

export const slotId = (siteId: string, date: string, startMin: number) => `${siteId}_${date}_${minutesClock(startMin).replace(':', '')}`
export const visitId = (siteId: string, date: string, openid: string) => `${siteId}_${date}_${openid}`
export const visitorMarkId = (siteId: string, month: string, openid: string) => `${siteId}_${month}_p_${openid}`
export const orgMarkId = (siteId: string, month: string, orgId: string) => `${siteId}_${month}_o_${orgId}`
export const siteMonthId = (siteId: string, month: string) => `${siteId}_${month}`

/** An organisation is outside a site's managing organisation when it is not in its subtree. */
export const isOutside = (orgPath: string[], managingOrgId: string) => !orgPath.includes(managingOrgId)

/** The raw records of a month, grouped as the recount's aggregations answer them. */
export interface MonthRecords {
  /** Per site: check-ins and distinct people. */
  visits: Array<{ siteId: string; visits: number; visitors: number }>
  /** Per site: standing bookings, their hours, and how many were arrived at. */
  bookings: Array<{ siteId: string; bookings: number; bookedHours: number; arrivals: number }>
  /** Per site and organisation served (a visitor's organisation, an arrived booking's). */
  served: Array<{ siteId: string; orgId: string; orgPath: string[] }>
}

/** The figures a month's raw records add up to, per site (sites with no record have none). */
export function tally(records: MonthRecords, managingOrgOf: (siteId: string) => string | undefined): Map<string, SiteFigures> {
  const out = new Map<string, SiteFigures>()
  const of = (siteId: string) => {
    let f = out.get(siteId)
    if (!f) out.set(siteId, (f = zeroFigures()))
    return f
  }
  for (const v of records.visits) {
    of(v.siteId).visits += v.visits
    of(v.siteId).visitors += v.visitors
  }
  for (const b of records.bookings) {
    const f = of(b.siteId)
    f.bookings += b.bookings
    f.bookedHours += b.bookedHours
    f.arrivals += b.arrivals
  }
  const seen = new Set<string>()
  for (const s of records.served) {
    const key = `${s.siteId}\u0000${s.orgId}`
    if (seen.has(key)) continue
    seen.add(key)
    const f = of(s.siteId)
    f.orgsServed += 1
    const manager = managingOrgOf(s.siteId)
    if (manager && isOutside(s.orgPath, manager)) f.outsideOrgs += 1
  }
  return out
}

export const toLatLng = (p: GeoPoint) =>
  'coordinates' in p ? { lat: p.coordinates[1], lng: p.coordinates[0] } : { lat: p.latitude, lng: p.longitude }

/** The photo a site is shown with: its first one cleared by the media check ('' when none). */
export const coverPhoto = (s: SiteDoc): string | undefined => shownPhotos(s.photos, s)[0]
export const coverUrl = (s: SiteDoc, urls: Map<string, string>): string => urls.get(coverPhoto(s) ?? '') ?? ''

export function toSummary(s: SiteDoc, today: string, minute: number, photoUrl: string, distance?: number): SiteSummary {
  return {
    id: s._id,
    name: s.name,
    type: s.type,
    level: s.level ?? null,
    address: s.address,
    location: toLatLng(s.location),
    ...(distance !== undefined ? { distance: Math.round(distance) } : {}),
    openNow: s.active && isOpenAt(s, today, minute),
    todayHours: s.active ? `今日${spansLabel(spansOn(s, today))}` : '已停止开放',
    facilities: s.facilities,
    capacity: s.capacity,
    managingOrgId: s.managingOrgId,
    managingOrgName: s.managingOrgName,
    photo: photoUrl,
    active: s.active,
  }
}

export function toDetail(s: SiteDoc, today: string, minute: number, urls: Map<string, string>, canManage: boolean): SiteDetail {
  return {
    ...toSummary(s, today, minute, coverUrl(s, urls)),
    description: s.description,
    hours: fromWeekly(s.weekly),
    closedDates: s.closedDates.filter((d) => d >= today).sort(),
    week: Array.from({ length: 7 }, (_, i) => {
      const date = addDays(today, i)
      const spans = spansOn(s, date)
      return { date, label: dayLabel(date), hours: spansLabel(spans), closed: spans.length === 0 }
    }),
    // A site is a public office: its service phone is shown in full to everyone (people's own numbers stay masked).
    contact: { name: s.contact.name, phone: s.contact.phone },
    photos: photosAsShown(s.photos, s, urls, canManage),
    canManage,
  }
}

/** A booking as `viewer` sees it: the booker's name and phone only for the booker and the site's managers. */
export function toBooking(b: BookingDoc, viewer: { openid: string; manages: boolean; inBookingScope: boolean }, startsAt: Date, at: Date): Booking {
  const own = b.bookedBy === viewer.openid
  const standing = b.status === 'booked' && !b.arrived && startsAt.getTime() > at.getTime()
  return {
    id: b._id,
    siteId: b.siteId,
    siteName: b.siteName,
    date: b.date,
    start: minutesClock(b.startMin),
    end: minutesClock(b.endMin),
    hours: b.hours,
    headcount: b.headcount,
    purpose: b.purpose,
    orgId: b.orgId,
    orgName: b.orgName,
    status: b.status,
    confirmed: b.confirmed,
    arrived: b.arrived,
    ...(b.reason ? { reason: b.reason } : {}),
    ...(own || viewer.manages
      ? { bookedByName: b.bookedByName, ...(b.bookedByPhone ? { bookedByPhone: b.bookedByPhone } : {}) }
      : {}),
    createdAt: new Date(b.createdAt).toISOString(),
    canCancel: standing && (own || viewer.inBookingScope),
    canDecide: standing && viewer.manages,
  }
}

/** A site's usage row from its figures, the classroom's, and its hours. */
export function toUsage(s: Pick<SiteDoc, '_id' | 'name' | 'type' | 'managingOrgId' | 'managingOrgName' | 'active' | 'weekly' | 'closedDates'>,
  month: string, f: SiteFigures | undefined, classes: { classesHeld: number; attendees: number } | undefined,
  library?: { loans: number }): SiteUsage {
  const figures = f ?? zeroFigures()
  const openHours = openHoursInMonth(s, month)
  const classesHeld = classes?.classesHeld ?? 0
  return {
    siteId: s._id,
    name: s.name,
    type: s.type,
    managingOrgId: s.managingOrgId,
    managingOrgName: s.managingOrgName,
    active: s.active,
    visits: figures.visits,
    visitors: figures.visitors,
    bookings: figures.bookings,
    bookedHours: figures.bookedHours,
    arrivals: figures.arrivals,
    openHours,
    utilisation: openHours > 0 ? round3(figures.bookedHours / openHours) : null,
    classesHeld,
    classAttendees: classes?.attendees ?? 0,
    orgsServed: figures.orgsServed,
    outsideOrgs: figures.outsideOrgs,
    loans: library?.loans ?? 0,
    idle: figures.visits === 0 && figures.bookings === 0 && classesHeld === 0 && !library?.loans,
    rank: null,
  }
}

/** Ranks usage rows in place: by utilisation, then visits and loans, then class attendees, then name. */
export function rank(rows: SiteUsage[]): SiteUsage[] {
  rows.sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || (b.visits + b.loans) - (a.visits + a.loans)
    || b.classAttendees - a.classAttendees || a.name.localeCompare(b.name, 'zh-CN'))
  rows.forEach((r, i) => { r.rank = i + 1 })
  return rows
}

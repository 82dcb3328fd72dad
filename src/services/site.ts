// The `site` function, typed by its contract: the directory (nearby, filtered; public), a site's page, bookings and
// the manager's calendar, check-in by the site's fixed code, and the monthly usage figures with their export.
import type { SiteInput, SiteOutput } from '../../contract/site'
import { SITE_LIMITS, SLOT_MINUTES } from '../../contract/site'
import { callerFor, type CallOptions } from './callFunction'
import type { PhotoTicket } from './storyPhotos'

const call = callerFor('site')

const PUBLIC: CallOptions = { public: true }

export type SiteListInput = SiteInput['list']
export type SiteBookInput = SiteInput['book']
export type SiteLocation = NonNullable<SiteInput['list']['near']>
export type SiteVisitResult = SiteOutput['visit']

export const siteService = {
  /** Nearest first with distances when `near` is given, else by type and name. Open to anyone (a shared site page). */
  list: (input: SiteListInput = {}) => call('list', input, PUBLIC),
  get: (id: string) => call('get', { id }, PUBLIC),
  book: (input: SiteBookInput) => call('book', input),
  cancel: (bookingId: string, reason?: string) => call('cancel', reason ? { bookingId, reason } : { bookingId }),
  confirm: (bookingId: string) => call('decide', { bookingId, decision: 'confirm' }),
  decline: (bookingId: string, reason: string) => call('decide', { bookingId, decision: 'decline', reason }),
  /** With `siteId`: the site's calendar from `from` to `to`; without: the caller's own bookings, latest first. */
  bookings: (input: SiteInput['bookings'] = {}) => call('bookings', input),
  visit: (token: string, location?: SiteLocation) => call('visit', location ? { token, location } : { token }),
  usage: (input: SiteInput['usage'] = {}) => call('usage', input),
  exportUsage: (month?: string) => call('exportUsage', month ? { month } : {}),
  renewCode: (id: string) => call('update', { id, renewCode: true }),
  /** A one-time upload address for one photo of a site or of a studio's representative (managers). */
  uploadPhoto: (() => call('uploadPhoto', {})) as PhotoTicket,
}

// What a person reads for the contract's site enums and limits: the contract's own values.
export {
  BOOKING_STATUS_LABELS, SITE_FACILITIES, SITE_FACILITY_LABELS, SITE_LEVEL_LABELS, SITE_TYPES, SITE_TYPE_LABELS,
  SITE_VISIT_PAGE, WEEKDAY_LABELS,
} from '../../contract/site'

/** The booking rules the form states before the server does: slot size, purpose length, hours and days ahead. */
export const SITE_BOOKING_LIMITS = {
  slotMinutes: SLOT_MINUTES,
  purpose: SITE_LIMITS.purpose,
  reason: SITE_LIMITS.reason,
  maxBookingHours: SITE_LIMITS.maxBookingHours,
  maxDaysAhead: SITE_LIMITS.maxDaysAhead,
} as const

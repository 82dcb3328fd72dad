// The `site` function, typed by its contract: the directory (nearby, filtered; public), a site's page, bookings and
// the manager's calendar, check-in by the site's fixed code, and the monthly usage figures with their export.
import type { ApiResult } from '../../contract/common'
import type {
  BookingStatus, SiteFacility, SiteInput, SiteLevel, SiteOutput, SiteType,
} from '../../contract/site'
import { callFunction, type CallOptions } from './callFunction'

type SiteAction = keyof SiteOutput

function call<A extends SiteAction>(action: A, input: SiteInput[A], options?: CallOptions): Promise<ApiResult<SiteOutput[A]>> {
  return callFunction<SiteOutput[A]>('site', action, input, options)
}

const PUBLIC: CallOptions = { public: true }

export type SiteListInput = SiteInput['list']
export type SiteBookInput = SiteInput['book']
export type SiteLocation = NonNullable<SiteInput['list']['near']>
export type SiteUsageReport = SiteOutput['usage']
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
}

// What a person reads for the contract's site enums and limits. The contract's own copies live in a module that
// imports zod, which must stay out of the app bundle; test/app/siteList.test.tsx keeps these equal to them.
export const SITE_TYPES: readonly SiteType[] = ['base', 'studio', 'library', 'center']

export const SITE_TYPE_LABELS: Record<SiteType, string> = {
  base: '开放式组织生活基地', studio: '党代表工作室', library: '党建书屋', center: '党群服务中心',
}

export const SITE_LEVEL_LABELS: Record<SiteLevel, string> = { city: '市级', district: '区级' }

export const SITE_FACILITIES: readonly SiteFacility[] = [
  'projector', 'meetingRoom', 'bookshelf', 'accessible', 'wifi', 'sound', 'screen', 'aircon', 'parking', 'water',
]

export const SITE_FACILITY_LABELS: Record<SiteFacility, string> = {
  projector: '投影', meetingRoom: '会议室', bookshelf: '书架', accessible: '无障碍通道', wifi: '无线网络',
  sound: '音响', screen: '电子屏', aircon: '空调', parking: '停车位', water: '饮水',
}

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = { booked: '已预约', declined: '已婉拒', cancelled: '已取消' }

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

/** The booking rules the form states before the server does: slot size, purpose length, hours and days ahead. */
export const SITE_BOOKING_LIMITS = { slotMinutes: 30, purpose: 100, reason: 200, maxBookingHours: 8, maxDaysAhead: 60 } as const

/** The page a site's printed QR code opens, `?t=<token>` (the URL `get` gives a site's managers points here). */
export const SITE_VISIT_PAGE = 'pages/site/visit'

// Every page of the app, written once. app.config.ts lists them from here (main package, the secretary subpackage,
// the tab bar) and routes.ts navigates by them. Taro evaluates app.config.ts at build time, so this module imports
// nothing but the contract's page paths (plain strings: the pages QR codes and share links open).
import { CHECKIN_PAGE, SITE_VISIT_PAGE, STORY_DETAIL_PAGE } from '../contract/pages'

export interface PageEntry {
  /** The page's path inside its package. */
  path: string
  /** Secretary and district-office pages live in a subpackage, out of the main package. */
  subpackage?: 'secretary'
  /** A tab of the tab bar, and its label. */
  tab?: string
  /** The page exists only in the H5 app (in the mini-program WeChat itself says who the person is). */
  h5Only?: true
}

export const PAGES = {
  story: { path: 'pages/story/index', tab: '故事' },
  classroom: { path: 'pages/classroom/index', tab: '课堂' },
  site: { path: 'pages/site/index', tab: '阵地' },
  mine: { path: 'pages/mine/index', tab: '我的' },
  // The story page stays in the main package: a chat card or a Moments post opens it directly.
  /** A story, `?id=`; public (opened from a chat or Moments without sign-in). */
  storyDetail: { path: STORY_DETAIL_PAGE },
  /** Write a story; `?id=` revises a returned one. */
  storyWrite: { path: 'pages/story/write' },
  storyMine: { path: 'pages/story/mine' },
  storyMessages: { path: 'pages/story/messages' },
  // Opened by the sign-in QR code from any camera (H5) or WeChat's plain-link rule: in the main package.
  /** Check in to a class: `?t=<token>` (the sign-in QR code's URL), or `?q=` (the URL, WeChat's plain-link rule). */
  checkin: { path: CHECKIN_PAGE },
  // A site's page is shared; its printed check-in code opens the visit page from any camera: in the main package.
  /** A site's page, `?id=`; public (shared). */
  siteDetail: { path: 'pages/site/detail' },
  /** Check in at a site: `?t=<token>` (its printed QR code's URL), or `?q=` (WeChat's plain-link rule). */
  siteVisit: { path: SITE_VISIT_PAGE },
  login: { path: 'pages/login/index', h5Only: true },
  approve: { path: 'pages/approve/index', subpackage: 'secretary' },
  storyReview: { path: 'pages/review/index', subpackage: 'secretary' },
  classList: { path: 'pages/class-list/index', subpackage: 'secretary' },
  /** `?id=` edits that class; without it, a new one. */
  classEdit: { path: 'pages/class-edit/index', subpackage: 'secretary' },
  /** The full-screen sign-in code, `?id=`. */
  classCode: { path: 'pages/class-code/index', subpackage: 'secretary' },
  classAttendance: { path: 'pages/class-attendance/index', subpackage: 'secretary' },
  classCoverage: { path: 'pages/class-coverage/index', subpackage: 'secretary' },
  /** Book a slot, `?siteId=`. */
  siteBook: { path: 'pages/site-book/index', subpackage: 'secretary' },
  siteBookings: { path: 'pages/site-bookings/index', subpackage: 'secretary' },
  /** A site's bookings to confirm or decline, `?id=`. */
  siteCalendar: { path: 'pages/site-calendar/index', subpackage: 'secretary' },
  /** A site's printable check-in code, `?id=`. */
  siteCode: { path: 'pages/site-code/index', subpackage: 'secretary' },
  /** Usage ranking; `?siteId=` one site, `?month=YYYY-MM`. */
  siteUsage: { path: 'pages/site-usage/index', subpackage: 'secretary' },
} as const satisfies Record<string, PageEntry>

export type PageName = keyof typeof PAGES

const entries = Object.values(PAGES) as PageEntry[]

/** The app's page lists for app.config.ts, for the platform being built. */
export function pageLists(h5: boolean) {
  const here = entries.filter((page) => h5 || !page.h5Only)
  return {
    pages: here.filter((page) => !page.subpackage).map((page) => page.path),
    subPackages: [{ root: 'secretary', pages: here.filter((page) => page.subpackage === 'secretary').map((page) => page.path) }],
    tabs: entries.filter((page) => page.tab).map((page) => ({ pagePath: page.path, text: page.tab! })),
  }
}

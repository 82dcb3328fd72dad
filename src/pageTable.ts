// Every page of the app, written once. app.config.ts lists them from here (main package, the secretary subpackage,
// the tab bar) and routes.ts navigates by them. Taro evaluates app.config.ts at build time, so this module imports
// nothing but the contract's page paths (plain strings: the pages QR codes and share links open).
import { CHECKIN_PAGE, LIBRARY_BORROW_PAGE, LOGIN_CONFIRM_PAGE, SITE_VISIT_PAGE, STORY_DETAIL_PAGE, STUDIO_CASE_PAGE } from '../contract/pages'

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

/** A page of the secretary subpackage: `secretary/pages/<name>/index`. */
const secretary = (name: string): PageEntry => ({ path: `pages/${name}/index`, subpackage: 'secretary' })

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
  // 党代表工作室: residents reach these without registering, and a subscribe message opens a case: main package.
  /** A studio, `?siteId=`; public. */
  studio: { path: 'pages/studio/index' },
  /** Leave a 民情, `?siteId=` (and `&repId=` for one representative). */
  studioWrite: { path: 'pages/studio/write' },
  studioMine: { path: 'pages/studio/mine' },
  /** One 民情, `?id=`: its timeline, the rating, and the handlers' actions. */
  studioCase: { path: STUDIO_CASE_PAGE },
  /** A representative's 履职 record, `?id=`; public. */
  studioRep: { path: 'pages/studio/rep' },
  // A 书屋's catalogue is reached from its site page; a copy's printed label opens the borrow page from any camera.
  /** A 党建书屋's catalogue, `?siteId=`; public. */
  library: { path: 'pages/library/index' },
  /** A book and its copies, `?id=`; public (its managers also print labels and mark copies here). */
  libraryBook: { path: 'pages/library/book' },
  /** Borrow, return or renew a copy: `?t=<copy id>` (its label's URL), or `?q=` (WeChat's plain-link rule). */
  libraryBorrow: { path: LIBRARY_BORROW_PAGE },
  /** 我的借阅: the books held now and those returned. */
  libraryMine: { path: 'pages/library/mine' },
  login: { path: 'pages/login/index', h5Only: true },
  // Opened by a PC's login code (扫一扫 or WeChat's plain-link rule): in the main package.
  /** Confirm signing in a PC browser: `?t=<login code>` (the code's URL), or `?q=` (WeChat's plain-link rule). */
  loginConfirm: { path: LOGIN_CONFIRM_PAGE },
  /** Where a link to a page that does not exist lands (app.tsx sends it there). */
  notFound: { path: 'pages/notfound/index' },
  approve: secretary('approve'),
  storyReview: secretary('review'),
  classList: secretary('class-list'),
  /** `?id=` edits that class; without it, a new one. */
  classEdit: secretary('class-edit'),
  /** The full-screen sign-in code, `?id=`. */
  classCode: secretary('class-code'),
  classAttendance: secretary('class-attendance'),
  classCoverage: secretary('class-coverage'),
  /** Book a slot, `?siteId=`. */
  siteBook: secretary('site-book'),
  siteBookings: secretary('site-bookings'),
  /** A site's bookings to confirm or decline, `?id=`. */
  siteCalendar: secretary('site-calendar'),
  /** A site's printable check-in code, `?id=`. */
  siteCode: secretary('site-code'),
  /** Usage ranking; `?siteId=` one site, `?month=YYYY-MM`. */
  siteUsage: secretary('site-usage'),
  /** The 民情 the person handles, overdue first. */
  studioCases: secretary('studio-cases'),
  /** A studio's monthly figures, `?siteId=`. */
  studioFigures: secretary('studio-figures'),
  /** A studio's representatives and reception schedule, kept by its managers, `?siteId=`. */
  studioReps: secretary('studio-reps'),
  /** Add a book to a 书屋, `?siteId=`. */
  libraryAdd: secretary('library-add'),
  /** A book's copy labels to print on an A4 label sheet, `?id=<book id>`. */
  libraryLabels: secretary('library-labels'),
  /** A 书屋's overdue loans, `?siteId=`. */
  libraryOverdue: secretary('library-overdue'),
  /** A 书屋's monthly figures, `?siteId=&month=`. */
  libraryFigures: secretary('library-figures'),
  /** A record's 操作记录 (audit history), `?type=story|class|site|person&id=`. */
  history: secretary('history'),
  /** 党建工作台: an organisation's figures, `?orgId=&period=` (default the caller's organisation, this month). */
  workbench: secretary('workbench'),
  /** The classes, stories or visits behind a figure: `?area=classroom|story|site&orgId=&period=`. */
  workbenchDrill: secretary('workbench-drill'),
  /** The district's targets of a period (the admin sets them), `?period=`. */
  workbenchTargets: secretary('workbench-targets'),
  /** The quarterly 通报: build, list by quarter, download. */
  workbenchReports: secretary('workbench-reports'),
  /** One 通报 as a printable A4 page, `?id=`. */
  workbenchReport: secretary('workbench-report'),
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

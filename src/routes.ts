// Page paths the app navigates to (the same paths as in app.config.ts).
export const ROUTES = {
  story: '/pages/story/index',
  classroom: '/pages/classroom/index',
  site: '/pages/site/index',
  mine: '/pages/mine/index',
  /** H5 only. */
  login: '/pages/login/index',
  approve: '/secretary/pages/approve/index',
  /** A story, `?id=`; public (opened from a chat or Moments without sign-in). Same path as STORY_DETAIL_PAGE. */
  storyDetail: '/pages/story/detail',
  /** Write a story; `?id=` revises a returned one. */
  storyWrite: '/pages/story/write',
  storyMine: '/pages/story/mine',
  storyMessages: '/pages/story/messages',
  storyReview: '/secretary/pages/review/index',
  /** Check in to a class: `?t=<token>` (the sign-in QR code's URL), or `?q=` (the URL, WeChat's plain-link rule). */
  checkin: '/pages/checkin/index',
  classList: '/secretary/pages/class-list/index',
  /** `?id=` edits that class; without it, a new one. */
  classEdit: '/secretary/pages/class-edit/index',
  /** The full-screen sign-in code, `?id=`. */
  classCode: '/secretary/pages/class-code/index',
  classAttendance: '/secretary/pages/class-attendance/index',
  classCoverage: '/secretary/pages/class-coverage/index',
  /** A site's page, `?id=`; public (shared). */
  siteDetail: '/pages/site/detail',
  /** Check in at a site: `?t=<token>` (its printed QR code's URL, SITE_VISIT_PAGE), or `?q=` (WeChat's plain-link rule). */
  siteVisit: '/pages/site/visit',
  /** Book a slot, `?siteId=`. */
  siteBook: '/secretary/pages/site-book/index',
  siteBookings: '/secretary/pages/site-bookings/index',
  /** A site's bookings to confirm or decline, `?id=`. */
  siteCalendar: '/secretary/pages/site-calendar/index',
  /** A site's printable check-in code, `?id=`. */
  siteCode: '/secretary/pages/site-code/index',
  /** Usage ranking; `?siteId=` one site, `?month=YYYY-MM`. */
  siteUsage: '/secretary/pages/site-usage/index',
} as const

// The pages a link from outside the app opens: QR codes and share links carry these paths, so the functions that
// make those links and the app that has the pages take them from here. Plain strings, no imports: the app's
// build-time config (src/app.config.ts) reads them too.

/** The H5 / mini-program page a sign-in code opens, `?t=<token>`. */
export const CHECKIN_PAGE = 'pages/checkin/index'

/** The H5 / mini-program page a site's printed QR code opens, `?t=<token>`. */
export const SITE_VISIT_PAGE = 'pages/site/visit'

/** The mini-program page of one story, `?id=<story id>` (a subscribe message opens it). */
export const STORY_DETAIL_PAGE = 'pages/story/detail'

/** The page of one 民情 (studio case), `?id=<case id>` (a subscribe message opens it). */
export const STUDIO_CASE_PAGE = 'pages/studio/case'
/** The mini-program page a login code (扫码登录, shown on the H5 login page) opens, `?t=<code>`: confirm on the phone. */
export const LOGIN_CONFIRM_PAGE = 'pages/login/confirm'

/** The H5 / mini-program page a copy's printed label opens, `?t=<copy id>`: borrow it, or return or renew it. */
export const LIBRARY_BORROW_PAGE = 'pages/library/borrow'

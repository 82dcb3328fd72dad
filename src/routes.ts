// Page paths the app navigates to (the same paths as in app.config.ts).
export const ROUTES = {
  story: '/pages/story/index',
  classroom: '/pages/classroom/index',
  site: '/pages/site/index',
  mine: '/pages/mine/index',
  /** H5 only. */
  login: '/pages/login/index',
  approve: '/secretary/pages/approve/index',
} as const

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
} as const

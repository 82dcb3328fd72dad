const tabPages = ['pages/story/index', 'pages/classroom/index', 'pages/site/index', 'pages/mine/index']
// The story page stays in the main package: a chat card or a Moments post opens it directly.
const storyPages = ['pages/story/detail', 'pages/story/write', 'pages/story/mine', 'pages/story/messages']
// Opened by the sign-in QR code from any camera (H5) or WeChat's plain-link rule: in the main package.
const classroomPages = ['pages/checkin/index']
// A site's page is shared; its printed check-in code opens the visit page from any camera: in the main package.
const sitePages = ['pages/site/detail', 'pages/site/visit']
const secretarySitePages = [
  'pages/site-book/index', 'pages/site-bookings/index', 'pages/site-calendar/index', 'pages/site-code/index',
  'pages/site-usage/index',
]
const secretaryClassPages = [
  'pages/class-list/index', 'pages/class-edit/index', 'pages/class-code/index', 'pages/class-attendance/index',
  'pages/class-coverage/index',
]
// The sign-in page only exists on H5; in the mini-program WeChat itself says who the person is.
const h5Pages = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : []

export default defineAppConfig({
  pages: [...tabPages, ...storyPages, ...classroomPages, ...sitePages, ...h5Pages],
  subPackages: [
    // Secretary and district-office pages, kept out of the main package.
    {
      root: 'secretary',
      pages: ['pages/approve/index', 'pages/review/index', ...secretaryClassPages, ...secretarySitePages],
    },
  ],
  window: {
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '先锋驿站',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
  // Check-in inside a geofence, sites near the person, and the place of a class the secretary picks on the map.
  permission: { 'scope.userLocation': { desc: '用于签到时核对你是否在现场，以及查找附近的阵地' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  tabBar: {
    color: '#595959',
    selectedColor: '#C8102E',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/story/index', text: '故事' },
      { pagePath: 'pages/classroom/index', text: '课堂' },
      { pagePath: 'pages/site/index', text: '阵地' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
})

const tabPages = ['pages/story/index', 'pages/classroom/index', 'pages/site/index', 'pages/mine/index']
// The story page stays in the main package: a chat card or a Moments post opens it directly.
const storyPages = ['pages/story/detail', 'pages/story/write', 'pages/story/mine', 'pages/story/messages']
// The sign-in page only exists on H5; in the mini-program WeChat itself says who the person is.
const h5Pages = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : []

export default defineAppConfig({
  pages: [...tabPages, ...storyPages, ...h5Pages],
  subPackages: [
    // Secretary and district-office pages, kept out of the main package.
    { root: 'secretary', pages: ['pages/approve/index', 'pages/review/index'] },
  ],
  window: {
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '先锋驿站',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
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

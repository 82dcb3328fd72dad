export default definePageConfig({
  navigationBarTitleText: '党建阵地',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

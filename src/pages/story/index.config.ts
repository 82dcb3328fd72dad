export default definePageConfig({
  navigationBarTitleText: '党员微故事',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})

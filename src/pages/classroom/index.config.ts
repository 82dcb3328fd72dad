export default definePageConfig({
  navigationBarTitleText: '党员大课堂',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

export default definePageConfig({
  navigationBarTitleText: '预约日历',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

export default definePageConfig({
  navigationBarTitleText: '我的阵地预约',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

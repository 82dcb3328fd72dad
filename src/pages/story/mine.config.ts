export default definePageConfig({
  navigationBarTitleText: '我的故事',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

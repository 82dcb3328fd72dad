export default definePageConfig({
  navigationBarTitleText: '待审核人员',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})

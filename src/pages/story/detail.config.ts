export default definePageConfig({
  navigationBarTitleText: '党员微故事',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})

export default definePageConfig({ navigationBarTitleText: '预约日历' })

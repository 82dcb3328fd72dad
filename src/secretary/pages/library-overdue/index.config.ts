export default definePageConfig({ navigationBarTitleText: '逾期名单' })

export default definePageConfig({ navigationBarTitleText: '借阅统计' })

export default definePageConfig({ navigationBarTitleText: '办理情况统计' })

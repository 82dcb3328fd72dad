export default definePageConfig({ navigationBarTitleText: '出勤情况' })

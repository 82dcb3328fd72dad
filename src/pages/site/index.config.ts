export default definePageConfig({ navigationBarTitleText: '党建阵地' })

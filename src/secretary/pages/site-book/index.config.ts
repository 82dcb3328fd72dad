export default definePageConfig({ navigationBarTitleText: '预约阵地' })

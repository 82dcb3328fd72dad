export default definePageConfig({ navigationBarTitleText: '阵地签到' })

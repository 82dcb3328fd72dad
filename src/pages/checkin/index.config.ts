export default definePageConfig({ navigationBarTitleText: '课堂签到' })

export default definePageConfig({ navigationBarTitleText: '党员大课堂' })

export default definePageConfig({ navigationBarTitleText: '党代表履职' })

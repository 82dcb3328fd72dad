export default definePageConfig({ navigationBarTitleText: '党员微故事' })

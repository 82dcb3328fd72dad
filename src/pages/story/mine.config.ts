export default definePageConfig({ navigationBarTitleText: '我的故事' })

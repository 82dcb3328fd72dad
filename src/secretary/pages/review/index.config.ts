export default definePageConfig({ navigationBarTitleText: '待审核故事' })

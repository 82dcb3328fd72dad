export default definePageConfig({ navigationBarTitleText: '借阅标签' })

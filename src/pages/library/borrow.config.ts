export default definePageConfig({ navigationBarTitleText: '借书还书' })

export default definePageConfig({ navigationBarTitleText: '图书' })

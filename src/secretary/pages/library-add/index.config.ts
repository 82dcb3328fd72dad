export default definePageConfig({ navigationBarTitleText: '添加图书' })

export default definePageConfig({ navigationBarTitleText: '阵地使用情况' })

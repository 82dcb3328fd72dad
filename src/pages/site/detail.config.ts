export default definePageConfig({ navigationBarTitleText: '阵地详情' })

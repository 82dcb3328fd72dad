export default definePageConfig({ navigationBarTitleText: '待审核人员' })

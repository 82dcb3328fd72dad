export default definePageConfig({ navigationBarTitleText: '工作目标' })

export default definePageConfig({ navigationBarTitleText: '反映民情' })

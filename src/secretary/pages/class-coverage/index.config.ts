export default definePageConfig({ navigationBarTitleText: '开课情况' })

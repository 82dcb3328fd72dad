export default definePageConfig({ navigationBarTitleText: '书屋馆藏' })

export default definePageConfig({ navigationBarTitleText: '党代表与接待日' })

// WeChat's custom-tab-bar slot (app.config.ts: tabBar.custom): the app's own tab bar, so 长辈模式 enlarges it.
import TabBar from '@/components/TabBar'

export default function CustomTabBar() {
  return <TabBar />
}

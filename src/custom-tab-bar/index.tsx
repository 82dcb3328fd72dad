// WeChat's custom-tab-bar slot (app.config.ts: tabBar.custom): the app's own tab bar, so 长辈模式 enlarges it.
import TabBar from '@/components/TabBar'

export default function CustomTabBar() {
  return <TabBar />
}

// A mini-program component sees none of app.wxss unless it asks: without this the tab bar had neither the theme
// tokens nor its own layout (both are global styles), so 长辈模式 never reached it. Checked on the build output by
// scripts/weapp-check.js.
CustomTabBar.options = { addGlobalClass: true }

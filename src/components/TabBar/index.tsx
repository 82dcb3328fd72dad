// The tab bar (故事 · 课堂 · 阵地 · 我的), drawn by the app instead of by WeChat or Taro so 长辈模式 reaches it: its
// words and height come from the theme tokens (≥ 18 px words and ≥ 60 px targets in 长辈模式). The mini-program
// shows it as WeChat's custom-tab-bar (src/custom-tab-bar); on H5, PageShell puts it at the foot of a tab page.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CSSProperties } from 'react'
import Control from '@/components/Control'
import { pageLists } from '@/pageTable'
import { useCareMode } from '@/theme/careMode'
import { getFontScale } from '@/theme/fontScale'
import './index.scss'

export const TABS = pageLists(process.env.TARO_ENV === 'h5').tabs

/** The path of the page being shown, without a leading slash (`pages/story/index`), or '' before any page. */
export function shownPagePath(): string {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined
  return (top?.route ?? top?.path ?? '').replace(/^\//, '').split('?')[0]
}

export function isTabPage(path: string): boolean {
  return TABS.some((tab) => tab.pagePath === path)
}

export default function TabBar({ current }: { current?: string }) {
  const [careMode] = useCareMode()
  const here = current ?? shownPagePath()
  const style = { '--ps-font-scale': String(getFontScale()) } as CSSProperties
  return (
    <View className={`ps-tabbar${careMode ? ' ps-tabbar--care' : ''}`} style={style} ariaRole='navigation' ariaLabel='主菜单'>
      {TABS.map((tab) => (
        <Control
          key={tab.pagePath}
          className={`ps-tabbar__item${tab.pagePath === here ? ' ps-tabbar__item--current' : ''}`}
          role='link'
          current={tab.pagePath === here}
          onClick={() => {
            if (tab.pagePath !== here) Taro.switchTab({ url: `/${tab.pagePath}` })
          }}
        >
          <Text className='ps-tabbar__label'>{tab.text}</Text>
        </Control>
      ))}
    </View>
  )
}

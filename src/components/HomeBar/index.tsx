// A page opened straight from a shared link, a QR code or a bookmark has nothing behind it to go back to, and on H5
// no tab bar: this bar says what the app is and leads home. WeChat shows its own home button in that case, so the
// mini-program does not need it.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import { isTabPage, shownPagePath } from '@/components/TabBar'
import { PAGES } from '@/pageTable'
import { ROUTES } from '@/routes'
import './index.scss'

/**
 * Opened directly (first in the stack) and with no way home of its own: not a tab page (the tab bar) nor the
 * not-found page (its one button).
 */
function openedDirectly(): boolean {
  const path = shownPagePath()
  return !!path && !isTabPage(path) && path !== PAGES.notFound.path && Taro.getCurrentPages().length <= 1
}

export default function HomeBar() {
  const [shown, setShown] = useState(false)
  // After mounting: the page is in the stack by then.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') setShown(openedDirectly())
  }, [])
  if (!shown) return null
  return (
    <View className='ps-home-bar' ariaRole='navigation' ariaLabel='先锋驿站'>
      <View className='ps-home-bar__about'>
        <Text className='ps-home-bar__name'>先锋驿站</Text>
        <Text className='ps-home-bar__what'>党员微故事 · 党员大课堂 · 组织生活阵地</Text>
      </View>
      <AtButton size='small' onClick={() => Taro.switchTab({ url: ROUTES.story })}>回首页</AtButton>
    </View>
  )
}

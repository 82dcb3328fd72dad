// Wraps every page: selects the care-mode tokens and applies WeChat's font scale, so pages never style for either.
// On H5 it also puts the tab bar under a tab page (the mini-program shows it as WeChat's custom-tab-bar), and on a
// page opened straight from a link, says what the app is and leads home (HomeBar).
import { View } from '@tarojs/components'
import { useMemo, type CSSProperties, type PropsWithChildren } from 'react'
import HomeBar from '@/components/HomeBar'
import TabBar, { isTabPage, shownPagePath } from '@/components/TabBar'
import { useCareMode } from '@/theme/careMode'
import { getFontScale } from '@/theme/fontScale'
import './index.scss'

interface PageShellProps {
  className?: string
}

export default function PageShell({ className, children }: PropsWithChildren<PageShellProps>) {
  const [careMode] = useCareMode()
  // The page being created is the one on top when its shell first renders.
  const tabPath = useMemo(() => {
    const path = process.env.TARO_ENV === 'h5' ? shownPagePath() : ''
    return isTabPage(path) ? path : null
  }, [])
  const classes = ['ps-shell', careMode ? 'ps-shell--care' : '', tabPath ? 'ps-shell--tabbed' : '', className ?? ''].filter(Boolean).join(' ')
  const style = { '--ps-font-scale': String(getFontScale()) } as CSSProperties
  return (
    <View className={classes} style={style}>
      <HomeBar />
      {children}
      {tabPath ? <TabBar current={tabPath} /> : null}
    </View>
  )
}

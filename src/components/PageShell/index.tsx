// Wraps every page: selects the care-mode tokens and applies WeChat's font scale, so pages never style for either;
// on a page opened straight from a link, says what the app is and leads home (HomeBar).
import { View } from '@tarojs/components'
import type { CSSProperties, PropsWithChildren } from 'react'
import HomeBar from '@/components/HomeBar'
import { useCareMode } from '@/theme/careMode'
import { getFontScale } from '@/theme/fontScale'
import './index.scss'

interface PageShellProps {
  className?: string
}

export default function PageShell({ className, children }: PropsWithChildren<PageShellProps>) {
  const [careMode] = useCareMode()
  const classes = ['ps-shell', careMode ? 'ps-shell--care' : '', className ?? ''].filter(Boolean).join(' ')
  const style = { '--ps-font-scale': String(getFontScale()) } as CSSProperties
  return (
    <View className={classes} style={style}>
      <HomeBar />
      {children}
    </View>
  )
}

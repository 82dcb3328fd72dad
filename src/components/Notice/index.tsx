import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './index.scss'

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger'

/** A message that stays on screen until the situation changes (never a timed pop-up). */
export default function Notice({ tone = 'info', children }: PropsWithChildren<{ tone?: NoticeTone }>) {
  return <View className={`ps-notice ps-notice--${tone}`}>{children}</View>
}

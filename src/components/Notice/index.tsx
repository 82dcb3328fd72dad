import { View } from '@tarojs/components'
import { useEffect, useRef, type PropsWithChildren } from 'react'
import './index.scss'

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger'

/**
 * A message that stays on screen until the situation changes (never a timed pop-up). A danger notice (a form that
 * could not be sent, a page that could not load) is announced at once and, on H5, takes the focus and scrolls into
 * view, so a person who pressed the button from the foot of a long form learns what went wrong.
 */
export default function Notice({ tone = 'info', children }: PropsWithChildren<{ tone?: NoticeTone }>) {
  const ref = useRef<HTMLElement | null>(null)
  const urgent = tone === 'danger'
  const text = typeof children === 'string' ? children : null
  useEffect(() => {
    if (!urgent || process.env.TARO_ENV !== 'h5') return
    const el = ref.current
    el?.focus?.({ preventScroll: true })
    el?.scrollIntoView?.({ block: 'center' })
  }, [urgent, text])
  return (
    <View
      ref={ref as never}
      className={`ps-notice ps-notice--${tone}`}
      ariaRole={urgent ? 'alert' : 'status'}
      {...(urgent && process.env.TARO_ENV === 'h5' ? { tabIndex: -1 } : {})}
    >
      {children}
    </View>
  )
}

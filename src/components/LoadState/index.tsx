// Where a page's data stands: 正在加载…, the error with 重新加载 (and any other way on), or the page's words for an
// empty list. Renders nothing once there is something to show.
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'
import Notice, { type NoticeTone } from '@/components/Notice'
import './index.scss'

interface LoadStateProps {
  /** Nothing to show yet. */
  loading: boolean
  error?: { message: string } | string | null
  /** Default danger; a missing item is told more gently. */
  errorTone?: NoticeTone
  /** 重新加载; without it (a missing item, a person not yet approved) the error has only `errorActions`. */
  onRetry?: () => void
  /** Other ways on after an error, under 重新加载. */
  errorActions?: ReactNode
  /** Loaded, and nothing in it: says `emptyText`. */
  empty?: boolean
  emptyText?: ReactNode
  /** The page's class for its texts, kept with the shared one. */
  textClassName?: string
  /** The page's class for the error block. */
  className?: string
}

export default function LoadState(props: LoadStateProps) {
  const { loading, error, errorTone = 'danger', onRetry, errorActions, empty, emptyText, textClassName, className } = props
  const text = ['ps-load-state__text', textClassName ?? ''].filter(Boolean).join(' ')
  if (error) {
    return (
      <View className={['ps-load-state', className ?? ''].filter(Boolean).join(' ')}>
        <Notice tone={errorTone}>{typeof error === 'string' ? error : error.message}</Notice>
        {onRetry ? <AtButton type='secondary' onClick={onRetry}>重新加载</AtButton> : null}
        {errorActions}
      </View>
    )
  }
  if (loading) return <Text className={text}>正在加载…</Text>
  if (empty && emptyText) return <Text className={text}>{emptyText}</Text>
  return null
}

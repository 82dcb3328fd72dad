// Where a page's data stands: 正在加载…, the error with 重新加载 (and any other way on), or the page's words for an
// empty list. Renders nothing once there is something to show. A refusal that no reload can mend (not registered
// yet, waiting for approval, a page for secretaries) is told calmly with the way that does help, not 重新加载.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'
import Notice, { type NoticeTone } from '@/components/Notice'
import { ROUTES } from '@/routes'
import type { Registration } from '@/services'
import './index.scss'

type LoadError = { message: string; code?: string; data?: unknown }

/** The way on from a refusal about who the person is; null for errors a reload may mend. */
function wayOn(error: LoadError): ReactNode | null {
  if (error.code === 'NOT_REGISTERED') {
    const registration = (error.data as { registration?: Registration } | undefined)?.registration
    const label = registration === 'pending' ? '查看登记进度' : registration === 'rejected' ? '查看原因并重新登记' : '去登记'
    return <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>{label}</AtButton>
  }
  if (error.code === 'FORBIDDEN') {
    return <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.story })}>回首页</AtButton>
  }
  return null
}

interface LoadStateProps {
  /** Nothing to show yet. */
  loading: boolean
  error?: LoadError | string | null
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
    const refusal = typeof error === 'string' ? null : wayOn(error)
    return (
      <View className={['ps-load-state', className ?? ''].filter(Boolean).join(' ')}>
        <Notice tone={refusal ? 'info' : errorTone}>{typeof error === 'string' ? error : error.message}</Notice>
        {refusal ?? (onRetry ? <AtButton type='secondary' onClick={onRetry}>重新加载</AtButton> : null)}
        {errorActions}
      </View>
    )
  }
  if (loading) return <Text className={text}>正在加载…</Text>
  if (empty && emptyText) return <Text className={text}>{emptyText}</Text>
  return null
}

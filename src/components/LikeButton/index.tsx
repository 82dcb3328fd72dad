// 点赞: one like per person; a second tap takes it back. The count shown is always the server's answer, and the
// button waits for that answer before it takes another tap. A quick double tap is one tap (people double-tap to
// like, and an unsteady finger taps twice): a tap within DOUBLE_TAP_MS of the last one is ignored. Each tap sends
// the state the person asked for, so a repeat never flips it back.
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { storyService } from '@/services'
import Control from '@/components/Control'
import './index.scss'

export const DOUBLE_TAP_MS = 600

interface LikeButtonProps {
  storyId: string
  liked: boolean
  likes: number
  onChange?: (state: { liked: boolean; likes: number }) => void
}

export default function LikeButton({ storyId, liked: initialLiked, likes: initialLikes, onChange }: LikeButtonProps) {
  const [state, setState] = useState({ liked: initialLiked, likes: initialLikes })
  const [busy, setBusy] = useState(false)
  const lastTap = useRef(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setState({ liked: initialLiked, likes: initialLikes })
  }, [storyId, initialLiked, initialLikes])

  const tap = async () => {
    const at = Date.now()
    if (busy || at - lastTap.current < DOUBLE_TAP_MS) return
    lastTap.current = at
    setBusy(true)
    setError(null)
    const result = await storyService.like(storyId, !state.liked)
    setBusy(false)
    if (!result.ok) {
      setError(result.code === 'UNAUTHENTICATED' ? '登录后才能点赞' : result.message)
      return
    }
    setState(result.data)
    onChange?.(result.data)
  }

  return (
    <View className='ps-like'>
      <Control
        className={`ps-like__button${state.liked ? ' ps-like__button--liked' : ''}${busy ? ' ps-like__button--busy' : ''}`}
        role='button'
        label={state.liked ? `已赞 ${state.likes}，再点一次取消` : `点赞 ${state.likes}`}
        onClick={tap}
      >
        <Text className='ps-like__icon' aria-hidden>{state.liked ? '♥' : '♡'}</Text>
        <Text className='ps-like__label'>{state.liked ? '已赞' : '点赞'}</Text>
        <Text className='ps-like__count'>{state.likes}</Text>
      </Control>
      {error ? <Text className='ps-like__error'>{error}</Text> : null}
    </View>
  )
}

// 点赞: one like per person; a second tap takes it back. The count shown is always the server's answer, and the
// button waits for that answer before it takes another tap.
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { storyService } from '@/services'
import Control from '@/components/Control'
import './index.scss'

interface LikeButtonProps {
  storyId: string
  liked: boolean
  likes: number
  onChange?: (state: { liked: boolean; likes: number }) => void
}

export default function LikeButton({ storyId, liked: initialLiked, likes: initialLikes, onChange }: LikeButtonProps) {
  const [state, setState] = useState({ liked: initialLiked, likes: initialLikes })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setState({ liked: initialLiked, likes: initialLikes })
  }, [storyId, initialLiked, initialLikes])

  const tap = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await storyService.like(storyId)
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

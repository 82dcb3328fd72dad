// A form's photos (a story's, a 民情's): each is compressed and uploaded as soon as it is chosen, so the draft holds
// it safely. Removing one is a button under it, never a swipe or a long press.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { STORY_LIMITS, storyPhotos } from '@/services'
import type { ApiResult, StoryPhoto } from '@/services'
import Control from '@/components/Control'
import './index.scss'

interface PhotoFieldProps {
  photos: StoryPhoto[]
  onChange: (photos: StoryPhoto[]) => void
  onBusyChange: (busy: boolean) => void
  /** How many photos the form takes (a story's nine by default). */
  max?: number
  /** Uploads one chosen photo (a story photo by default: the upload address comes from the story function). */
  upload?: (localPath: string) => Promise<ApiResult<StoryPhoto>>
}

export default function PhotoField({ photos, onChange, onBusyChange, max = STORY_LIMITS.images, upload }: PhotoFieldProps) {
  const [progress, setProgress] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const room = max - photos.length

  const add = async () => {
    setError(null)
    const chosen = await storyPhotos.choose(room)
    if (chosen.length === 0) return
    onBusyChange(true)
    let current = photos
    for (let i = 0; i < chosen.length; i++) {
      setProgress(`正在上传第 ${i + 1} 张，共 ${chosen.length} 张…`)
      const result = await (upload ? upload(chosen[i]) : storyPhotos.upload(chosen[i]))
      if (!result.ok) {
        setError(result.message)
        continue
      }
      current = [...current, result.data]
      onChange(current)
    }
    setProgress(null)
    onBusyChange(false)
  }

  const remove = (fileID: string) => onChange(photos.filter((p) => p.fileID !== fileID))

  return (
    <View className='story-photos'>
      <View className='story-photos__grid'>
        {photos.map((photo, i) => (
          <View className='story-photos__item' key={photo.fileID}>
            <Control
              className='story-photos__frame'
              role='button'
              label={`查看第 ${i + 1} 张照片`}
              onClick={() => Taro.previewImage({ current: photo.preview, urls: photos.map((p) => p.preview) })}
            >
              <Image className='story-photos__image' src={photo.preview} mode='aspectFill' nativeProps={{ alt: '' }} />
            </Control>
            <Control
              className='story-photos__remove'
              role='button'
              label={`删除第 ${i + 1} 张照片`}
              disabled={Boolean(progress)}
              onClick={() => remove(photo.fileID)}
            >
              <Text>删除</Text>
            </Control>
          </View>
        ))}
        {room > 0 && !progress ? (
          <Control className='story-photos__add' role='button' onClick={add}>
            <Text className='story-photos__plus' aria-hidden>＋</Text>
            <Text>添加照片</Text>
          </Control>
        ) : null}
      </View>
      {progress ? <Text className='story-photos__progress'>{progress}</Text> : null}
      {error ? <Text className='story-photos__error'>{error}</Text> : null}
    </View>
  )
}

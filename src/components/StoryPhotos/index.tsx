// A story's photos, each opening the phone's full-screen viewer (with the others to swipe through). The story page
// and the review queue show them; each keeps its own class names (`story-detail__…`, `queue-story__…`). A photo not
// yet cleared by WeChat's check (only its author and reviewers are shown one) says so over the picture.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PHOTO_CHECK_LABELS, type StoryDetail } from '@/services'
import Control from '@/components/Control'
import './index.scss'

interface StoryPhotosProps {
  images: StoryDetail['images']
  /** The page's BEM block. */
  block: string
  /** More classes on the grid (how many columns). */
  className?: string
  /** Says so where a photo cannot be shown (otherwise its place stays empty). */
  missingText?: string
  lazyLoad?: boolean
}

export default function StoryPhotos({ images, block, className, missingText, lazyLoad }: StoryPhotosProps) {
  if (images.length === 0) return null
  const urls = images.map((img) => img.url).filter((url): url is string => Boolean(url))
  return (
    <View className={[`${block}__photos`, className ?? ''].filter(Boolean).join(' ')}>
      {images.map((img, i) => (
        <Control
          key={img.fileID}
          className={`${block}__photo`}
          role='button'
          label={`查看第 ${i + 1} 张照片`}
          disabled={!img.url}
          onClick={() => img.url && Taro.previewImage({ current: img.url, urls })}
        >
          {img.url ? <Image className={`${block}__image`} src={img.url} mode='aspectFill' lazyLoad={lazyLoad} nativeProps={{ alt: '' }} /> : null}
          {!img.url && missingText ? <Text className={`${block}__missing`}>{missingText}</Text> : null}
          {img.check ? <Text className='ps-story-photos__check'>{PHOTO_CHECK_LABELS[img.check]}</Text> : null}
        </Control>
      ))}
    </View>
  )
}

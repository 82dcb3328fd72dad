// A story in the feed: photo, title, whom it is about and who told it, organisation, day, likes. The whole card is
// one large tap target that opens the story.
import { Image, Text, View } from '@tarojs/components'
import type { StoryCard as StoryCardData } from '@/services'
import { STORY_CATEGORY_LABELS } from '@/services'
import { formatDay } from '@/utils/time'
import Control from '@/components/Control'
import './index.scss'

/** "讲述：张明 · 主人公：陈秀英（离退休）", or "陈秀英（离退休）讲述自己的故事". */
export function storyPeople(story: Pick<StoryCardData, 'authorName' | 'subject'>): string {
  const retired = story.subject.retired ? '（离退休）' : ''
  if (story.subject.self) return `${story.authorName}${retired} 讲述自己的故事`
  return `${story.authorName} 讲述 ${story.subject.name}${retired} 的故事`
}

interface StoryCardProps {
  story: StoryCardData
  onOpen: (id: string) => void
}

export default function StoryCard({ story, onOpen }: StoryCardProps) {
  return (
    <Control className='ps-story-card' role='link' onClick={() => onOpen(story.id)}>
      {story.cover ? (
        <View className='ps-story-card__cover'>
          <Image className='ps-story-card__image' src={story.cover} mode='aspectFill' lazyLoad nativeProps={{ alt: '' }} />
          {story.imageCount > 1 ? <Text className='ps-story-card__count'>{story.imageCount} 张照片</Text> : null}
        </View>
      ) : null}
      <View className='ps-story-card__body'>
        <View className='ps-story-card__tags'>
          {story.featured ? <Text className='ps-story-card__tag ps-story-card__tag--featured'>精选</Text> : null}
          <Text className='ps-story-card__tag'>{STORY_CATEGORY_LABELS[story.category]}</Text>
        </View>
        <Text className='ps-story-card__title'>{story.title}</Text>
        <Text className='ps-story-card__excerpt'>{story.excerpt}</Text>
        <Text className='ps-story-card__people'>{storyPeople(story)}</Text>
        <View className='ps-story-card__meta'>
          <Text className='ps-story-card__org'>{story.orgName}</Text>
          <Text>{story.publishedAt ? formatDay(story.publishedAt) : ''}</Text>
        </View>
        <View className='ps-story-card__figures'>
          <Text className='ps-story-card__likes'>♥ {story.likes} 赞</Text>
          <Text>阅读 {story.views}</Text>
          {story.shares > 0 ? <Text>分享 {story.shares}</Text> : null}
        </View>
      </View>
    </Control>
  )
}

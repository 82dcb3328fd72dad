// 故事 tab: the published stories, featured first and then newest; a category filter; pull down (or the 刷新
// button) to refresh; more stories as the person scrolls (or taps 加载更多).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { AtButton } from 'taro-ui'
import Chips from '@/components/Chips'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import PageShell from '@/components/PageShell'
import StoryCard from '@/components/StoryCard'
import { usePagedList } from '@/hooks/usePagedList'
import { STORY_CATEGORIES, STORY_CATEGORY_LABELS, storyService } from '@/services'
import type { StoryCard as StoryCardData, StoryCategory } from '@/services'
import { ROUTES } from '@/routes'
import { STORY_CHANGED, type StoryChange } from './events'
import './index.scss'

type Filter = StoryCategory | 'all'

const FILTERS = [
  { value: 'all' as const, label: '全部' },
  ...STORY_CATEGORIES.map((c) => ({ value: c, label: STORY_CATEGORY_LABELS[c] })),
]

const fetchFeed = (filter: Filter, cursor: string | null) => {
  const category = filter === 'all' ? undefined : filter
  return storyService.feed(cursor ? { cursor, category } : { category })
}

export default function StoryFeedPage() {
  const feed = usePagedList({ fetch: fetchFeed, query: 'all' as Filter, idOf: (s: StoryCardData) => s.id })
  const filter = feed.query
  const loaded = useRef(false)

  useDidShow(() => {
    if (loaded.current) return
    loaded.current = true
    feed.reload()
  })

  // A like, view or share on the story page shows here too, without reloading the list (and losing the place).
  useEffect(() => {
    const patch = (change: StoryChange) => {
      feed.mutate((current) => ({
        ...current,
        items: current.items.map((s) => (s.id === change.id ? { ...s, ...change } : s)),
      }))
    }
    Taro.eventCenter.on(STORY_CHANGED, patch)
    return () => {
      Taro.eventCenter.off(STORY_CHANGED, patch)
    }
  }, [])

  const choose = (next: Filter) => {
    if (next !== filter) feed.reload({ query: next, clear: true })
  }

  const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.storyDetail}?id=${id}` })

  return (
    <PageShell className='story-feed'>
      <View className='story-feed__intro'>
        <Text className='story-feed__title'>党员微故事</Text>
        <Text className='story-feed__summary'>讲一讲身边党员的闪光点，把好故事挖掘好、传播开。</Text>
        <View className='story-feed__actions'>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.storyWrite })}>写故事</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.storyMine })}>我的故事</AtButton>
        </View>
      </View>

      <Chips className='story-feed__filter' options={FILTERS} value={filter} onChange={choose} />
      <View className='story-feed__bar'>
        <Text className='story-feed__order'>精选在前，其余按发布时间排列</Text>
        <AtButton className='story-feed__refresh' type='secondary' size='small' onClick={() => feed.reload()}>刷新</AtButton>
      </View>

      <LoadState
        loading={feed.loading}
        error={feed.error}
        onRetry={() => feed.reload()}
        empty={feed.items.length === 0}
        emptyText={filter === 'all' ? '还没有发布的故事，来写第一篇吧。' : `“${STORY_CATEGORY_LABELS[filter]}”还没有发布的故事。`}
        textClassName='story-feed__text'
      />

      {feed.page ? (
        <View className='story-feed__list'>
          {feed.items.map((story) => <StoryCard key={story.id} story={story} onOpen={open} />)}
          <LoadMore list={feed} endClassName='story-feed__end' />
        </View>
      ) : null}
    </PageShell>
  )
}

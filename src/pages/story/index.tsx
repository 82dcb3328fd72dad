// 故事 tab: the published stories, featured first and then newest; a category filter; pull down (or the 刷新
// button) to refresh; more stories as the person scrolls (or taps 加载更多).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Chips from '../../components/Chips'
import Notice from '../../components/Notice'
import PageShell from '../../components/PageShell'
import StoryCard from '../../components/StoryCard'
import { STORY_CATEGORIES, STORY_CATEGORY_LABELS, storyService } from '../../services'
import type { StoryCard as StoryCardData, StoryCategory } from '../../services'
import { ROUTES } from '../../routes'
import { STORY_CHANGED, type StoryChange } from './events'
import './index.scss'

type Filter = StoryCategory | 'all'

const FILTERS = [
  { value: 'all' as const, label: '全部' },
  ...STORY_CATEGORIES.map((c) => ({ value: c, label: STORY_CATEGORY_LABELS[c] })),
]

interface Feed {
  items: StoryCardData[]
  nextCursor: string | null
}

export default function StoryFeedPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const [feed, setFeed] = useState<Feed | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef(0)
  const loaded = useRef(false)

  const load = async (next: Filter = filter) => {
    const thisLoad = ++latest.current
    setError(null)
    const result = await storyService.feed({ category: next === 'all' ? undefined : next })
    if (thisLoad !== latest.current) return
    if (result.ok) setFeed(result.data)
    else setError(result.message)
  }

  const loadMore = async () => {
    if (!feed?.nextCursor || loadingMore) return
    const thisLoad = latest.current
    setLoadingMore(true)
    const result = await storyService.feed({ cursor: feed.nextCursor, category: filter === 'all' ? undefined : filter })
    setLoadingMore(false)
    if (thisLoad !== latest.current) return
    if (!result.ok) {
      setError(result.message)
      return
    }
    const known = new Set(feed.items.map((s) => s.id))
    setFeed({ items: [...feed.items, ...result.data.items.filter((s) => !known.has(s.id))], nextCursor: result.data.nextCursor })
  }

  useDidShow(() => {
    if (loaded.current) return
    loaded.current = true
    load()
  })

  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  useReachBottom(() => {
    loadMore()
  })

  // A like, view or share on the story page shows here too, without reloading the list (and losing the place).
  useEffect(() => {
    const patch = (change: StoryChange) => {
      setFeed((current) => current && {
        ...current,
        items: current.items.map((s) => (s.id === change.id ? { ...s, ...change } : s)),
      })
    }
    Taro.eventCenter.on(STORY_CHANGED, patch)
    return () => {
      Taro.eventCenter.off(STORY_CHANGED, patch)
    }
  }, [])

  const choose = (next: Filter) => {
    if (next === filter) return
    setFilter(next)
    setFeed(null)
    load(next)
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
        <AtButton className='story-feed__refresh' type='secondary' size='small' onClick={() => load()}>刷新</AtButton>
      </View>

      {error ? (
        <View>
          <Notice tone='danger'>{error}</Notice>
          <AtButton type='secondary' onClick={() => load()}>重新加载</AtButton>
        </View>
      ) : null}

      {!feed && !error ? <Text className='story-feed__text'>正在加载…</Text> : null}

      {feed ? (
        <View className='story-feed__list'>
          {feed.items.length === 0 ? (
            <Text className='story-feed__text'>
              {filter === 'all' ? '还没有发布的故事，来写第一篇吧。' : `“${STORY_CATEGORY_LABELS[filter]}”还没有发布的故事。`}
            </Text>
          ) : null}
          {feed.items.map((story) => <StoryCard key={story.id} story={story} onOpen={open} />)}
          {feed.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>加载更多</AtButton>
          ) : feed.items.length > 0 ? (
            <Text className='story-feed__end'>已经到底了</Text>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

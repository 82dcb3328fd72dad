// 待审核故事: the pending stories of the secretary's organisation tree (all of them for the district office), the
// oldest first, with how many are waiting. A story someone else decided meanwhile leaves the list with a word.
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Notice from '../../../components/Notice'
import PageShell from '../../../components/PageShell'
import { storyService } from '../../../services'
import type { QueueItem } from '../../../services'
import QueueStory, { type Decision, type Outcome } from './QueueStory'
import './index.scss'

interface Queue {
  items: QueueItem[]
  total: number
  nextCursor: string | null
}

const DONE: Record<Decision, string> = {
  approve: '已通过并发布',
  feature: '已通过，设为精选',
  return: '已退回修改，作者会看到您的意见',
  reject: '未通过，已告知作者原因',
}

export default function StoryReviewPage() {
  const [queue, setQueue] = useState<Queue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [decided, setDecided] = useState<Array<{ title: string; text: string; conflict: boolean }>>([])

  const load = async () => {
    setError(null)
    const result = await storyService.queue()
    if (result.ok) setQueue(result.data)
    else setError(result.message)
  }

  const loadMore = async () => {
    if (!queue?.nextCursor) return
    setLoadingMore(true)
    const result = await storyService.queue(queue.nextCursor)
    setLoadingMore(false)
    if (!result.ok) return setError(result.message)
    const known = new Set(queue.items.map((s) => s.id))
    setQueue({
      items: [...queue.items, ...result.data.items.filter((s) => !known.has(s.id))],
      total: result.data.total,
      nextCursor: result.data.nextCursor,
    })
  }

  useDidShow(() => {
    load()
  })

  const onDecided = (story: QueueItem, outcome: Outcome) => {
    setQueue((current) => current && {
      ...current,
      items: current.items.filter((s) => s.id !== story.id),
      total: Math.max(0, current.total - 1),
    })
    const entry = 'decision' in outcome
      ? { title: story.title, text: DONE[outcome.decision], conflict: false }
      : { title: story.title, text: `其他人已经处理了这篇故事（${outcome.conflict}）`, conflict: true }
    setDecided((done) => [entry, ...done])
  }

  return (
    <PageShell className='review'>
      {error ? (
        <View>
          <Notice tone='danger'>{error}</Notice>
          <AtButton type='secondary' onClick={load}>重新加载</AtButton>
        </View>
      ) : null}
      {!queue && !error ? <Text className='review__text'>正在加载…</Text> : null}

      {queue ? (
        <View>
          <View className='review__head'>
            <Text className='review__title'>待审核故事（{queue.total} 篇）</Text>
            <AtButton className='review__refresh' type='secondary' size='small' onClick={load}>刷新</AtButton>
          </View>
          <Text className='review__order'>先提交的排在前面</Text>
          {decided.map((d, i) => (
            <Notice key={`${d.title}-${i}`} tone={d.conflict ? 'warning' : 'success'}>《{d.title}》：{d.text}</Notice>
          ))}
          {queue.items.length === 0 ? <Text className='review__text'>目前没有需要审核的故事。</Text> : null}
          {queue.items.map((story) => <QueueStory key={story.id} story={story} onDecided={onDecided} />)}
          {queue.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>加载更多</AtButton>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

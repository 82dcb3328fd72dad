// 待审核故事: the pending stories of the secretary's organisation tree (all of them for the district office), the
// oldest first, with how many are waiting. A story someone else decided meanwhile leaves the list with a word.
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { storyService } from '@/services'
import type { QueueItem } from '@/services'
import QueueStory, { type Decision, type Outcome } from './QueueStory'
import './index.scss'

const DONE: Record<Decision, string> = {
  approve: '已通过并发布',
  feature: '已通过，设为精选',
  return: '已退回修改，作者会看到您的意见',
  reject: '未通过，已告知作者原因',
}

export default function StoryReviewPage() {
  const list = usePagedList({ fetch: (_: void, cursor) => storyService.queue(cursor), query: undefined, idOf: (s: QueueItem) => s.id })
  const queue = list.page
  const [decided, setDecided] = useState<Array<{ title: string; text: string; conflict: boolean }>>([])

  useDidShow(() => {
    list.reload()
  })

  const onDecided = (story: QueueItem, outcome: Outcome) => {
    list.mutate((current) => ({
      ...current,
      items: current.items.filter((s) => s.id !== story.id),
      total: Math.max(0, current.total - 1),
    }))
    const entry = 'decision' in outcome
      ? { title: story.title, text: DONE[outcome.decision], conflict: false }
      : { title: story.title, text: `其他人已经处理了这篇故事（${outcome.conflict}）`, conflict: true }
    setDecided((done) => [entry, ...done])
  }

  return (
    <PageShell className='review'>
      <LoadState loading={list.loading} error={list.error} onRetry={() => list.reload()} textClassName='review__text' />

      {queue ? (
        <View>
          <View className='review__head'>
            <Text className='review__title'>待审核故事（{queue.total} 篇）</Text>
            <AtButton className='review__refresh' type='secondary' size='small' onClick={() => list.reload()}>刷新</AtButton>
          </View>
          <Text className='review__order'>先提交的排在前面</Text>
          {decided.map((d, i) => (
            <Notice key={`${d.title}-${i}`} tone={d.conflict ? 'warning' : 'success'}>《{d.title}》：{d.text}</Notice>
          ))}
          {queue.items.length === 0 ? <Text className='review__text'>目前没有需要审核的故事。</Text> : null}
          {queue.items.map((story) => <QueueStory key={story.id} story={story} onDecided={onDecided} />)}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

// 我的故事: every story I wrote, where it is in review and, when it came back, the secretary's words; revise a
// returned story, withdraw any that is not withdrawn yet.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { STORY_CATEGORY_LABELS, STORY_STATUS_LABELS, storyService } from '@/services'
import type { StorySummary } from '@/services'
import { ROUTES } from '@/routes'
import { formatDay } from '@/utils/time'
import { confirmDestructive } from '@/utils/confirm'
import { pageParam } from './pageParams'
import './mine.scss'

const DONE: Record<string, string> = {
  submitted: '已提交，等待所在社区的党组织书记审核。审核结果会出现在“我的 › 消息”里。',
  revised: '已修改并重新提交，等待书记审核。',
}

export default function MyStoriesPage() {
  const [done] = useState(() => DONE[pageParam('done')] ?? null)
  const [notice, setNotice] = useState<string | null>(null)
  const list = usePagedList({ fetch: (_: void, cursor) => storyService.mine(cursor), query: undefined, idOf: (s: StorySummary) => s.id })

  // Every show: a story may have been reviewed, revised or withdrawn meanwhile.
  useDidShow(() => {
    list.reload()
  })

  const withdraw = async (story: StorySummary) => {
    const confirmed = await confirmDestructive({
      title: '撤回这篇故事？',
      content: `撤回后《${story.title}》${story.status === 'approved' ? '会从故事列表里消失' : '不会再被审核'}，不能恢复。`,
      confirmText: '撤回',
      cancelText: '不撤回',
    })
    if (!confirmed) return
    const result = await storyService.withdraw(story.id)
    if (!result.ok) return setNotice(result.message)
    setNotice(`《${story.title}》已撤回。`)
    list.reload()
  }

  const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.storyDetail}?id=${id}` })

  return (
    <PageShell className='my-stories'>
      {done ? <Notice tone='success'>{done}</Notice> : null}
      {notice ? <Notice>{notice}</Notice> : null}
      <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.storyWrite })}>写新故事</AtButton>

      <LoadState
        loading={list.loading}
        error={list.error}
        onRetry={() => list.reload()}
        empty={list.items.length === 0}
        emptyText='您还没有写过故事。'
        textClassName='my-stories__text'
        className='my-stories__error'
      />

      {list.page ? (
        <View className='my-stories__list'>
          {list.items.map((story) => (
            <View className='my-story' key={story.id}>
              <View className='my-story__head'>
                <Text className={`my-story__status my-story__status--${story.status}`}>
                  {STORY_STATUS_LABELS[story.status]}{story.featured ? ' · 精选' : ''}
                </Text>
                <Text className='my-story__date'>{formatDay(story.submittedAt)} 提交</Text>
              </View>
              <Text className='my-story__title'>{story.title}</Text>
              <Text className='my-story__meta'>
                {STORY_CATEGORY_LABELS[story.category]} · 主人公：{story.subject.self ? '我自己' : story.subject.name}
              </Text>
              {story.reviewNote ? (
                <Notice tone={story.status === 'returned' ? 'warning' : 'danger'}>
                  {story.status === 'returned' ? '修改意见' : '未通过的原因'}：{story.reviewNote}
                </Notice>
              ) : null}
              {story.status === 'approved' ? (
                <Text className='my-story__meta'>赞 {story.likes} · 阅读 {story.views} · 分享 {story.shares}</Text>
              ) : null}
              <View className='my-story__actions'>
                <AtButton onClick={() => open(story.id)}>查看</AtButton>
                {story.status === 'returned' ? (
                  <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.storyWrite}?id=${story.id}` })}>
                    修改
                  </AtButton>
                ) : null}
                {story.status !== 'withdrawn' ? (
                  <AtButton onClick={() => withdraw(story)}>撤回</AtButton>
                ) : null}
              </View>
            </View>
          ))}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

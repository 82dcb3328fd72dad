// The story page: photos (tap to see them large), whom it is about, organisation, day, the story, likes, views and
// shares; shared to a chat or to Moments as a card. It reads without sign-in (a Moments post opens it directly).
// Its author also sees where it is in review, the reviewer's words, and can revise or withdraw it.
import { Button, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LikeButton from '@/components/LikeButton'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import StoryPhotos from '@/components/StoryPhotos'
import { STORY_CATEGORY_LABELS, STORY_STATUS_LABELS, storyService } from '@/services'
import type { StoryDetail } from '@/services'
import { ROUTES } from '@/routes'
import { formatDay } from '@/utils/time'
import { confirmDestructive } from '@/utils/confirm'
import { STORY_CHANGED, type StoryChange } from './events'
import { pageParam } from './pageParams'
import StoryHistory from './StoryHistory'
import './detail.scss'

type DetailState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; missing: boolean }
  | { kind: 'ready'; story: StoryDetail }

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function StoryDetailPage() {
  const [id] = useState(() => pageParam('id'))
  const [state, setState] = useState<DetailState>({ kind: 'loading' })
  const [notice, setNotice] = useState<{ tone: 'success' | 'danger' | 'info'; text: string } | null>(null)
  const [showMomentsHint, setShowMomentsHint] = useState(false)

  const story = state.kind === 'ready' ? state.story : null
  const published = story?.status === 'approved'

  const patch = (change: Omit<StoryChange, 'id'> & { liked?: boolean }) => {
    if (!story) return
    setState({ kind: 'ready', story: { ...story, ...change } })
    const { liked: _mine, ...figures } = change
    Taro.eventCenter.trigger(STORY_CHANGED, { id: story.id, ...figures })
  }

  const load = async (storyId: string) => {
    setState({ kind: 'loading' })
    const result = await storyService.get(storyId)
    if (!result.ok) {
      const missing = result.code === 'NOT_FOUND' || result.code === 'INVALID_INPUT'
      setState({ kind: 'failed', missing, message: missing ? '这篇故事不存在，或者已经撤回了。' : result.message })
      return
    }
    setState({ kind: 'ready', story: result.data })
    Taro.eventCenter.trigger(STORY_CHANGED, { id: storyId, views: result.data.views })
    if (isWeapp) {
      if (result.data.status === 'approved') Taro.showShareMenu({ menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option)
      else Taro.hideShareMenu()
    }
  }

  // Once per opening (not on every show): each opening counts one view.
  useEffect(() => {
    if (id) load(id)
    else setState({ kind: 'failed', missing: true, message: '这篇故事不存在，或者已经撤回了。' })
  }, [id])

  const countShare = async () => {
    if (!story || !published) return
    const result = await storyService.share(story.id)
    if (result.ok) patch({ shares: result.data.shares })
  }

  useShareAppMessage(() => {
    countShare()
    return {
      title: story?.title ?? '党员微故事',
      path: `${ROUTES.storyDetail}?id=${id}`,
      ...(story?.cover ? { imageUrl: story.cover } : {}),
    }
  })

  useShareTimeline(() => {
    countShare()
    return { title: story ? `${story.title}｜党员微故事` : '党员微故事', query: `id=${id}`, ...(story?.cover ? { imageUrl: story.cover } : {}) }
  })

  // H5 has no WeChat share sheet: copy the page's address to paste into a chat.
  const copyLink = async () => {
    try {
      await Taro.setClipboardData({ data: window.location.href })
      setNotice({ tone: 'success', text: '链接已复制，可以粘贴到微信聊天里发给好友。' })
      countShare()
    } catch {
      setNotice({ tone: 'danger', text: '没能复制链接，请用浏览器的分享功能。' })
    }
  }

  const withdraw = async () => {
    if (!story) return
    const confirmed = await confirmDestructive({
      title: '撤回这篇故事？',
      content: published ? '撤回后故事会从故事列表里消失，不能恢复。' : '撤回后书记不会再审核它，不能恢复。',
      confirmText: '撤回',
      cancelText: '不撤回',
    })
    if (!confirmed) return
    const result = await storyService.withdraw(story.id)
    if (!result.ok) {
      setNotice({ tone: 'danger', text: result.message })
      return
    }
    setNotice({ tone: 'info', text: '已撤回。' })
    load(story.id)
  }

  return (
    <PageShell className='story-detail'>
      <LoadState
        loading={state.kind === 'loading'}
        error={state.kind === 'failed' ? state.message : null}
        errorTone={state.kind === 'failed' && state.missing ? 'info' : 'danger'}
        onRetry={state.kind === 'failed' && state.missing ? undefined : () => load(id)}
        errorActions={<AtButton onClick={() => Taro.switchTab({ url: ROUTES.story })}>看看其他故事</AtButton>}
        textClassName='story-detail__text'
      />

      {story ? (
        <View>
          {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}

          {story.mine && !published ? (
            <Notice tone={story.status === 'pending' ? 'warning' : story.status === 'withdrawn' ? 'info' : 'danger'}>
              <Text className='story-detail__status'>{STORY_STATUS_LABELS[story.status]}</Text>
              {story.status === 'pending' ? '：书记审核通过后会发布在故事列表里。' : null}
              {story.reviewNote ? `：${story.reviewNote}` : null}
            </Notice>
          ) : null}

          <View className='story-detail__tags'>
            {story.featured ? <Text className='story-detail__tag story-detail__tag--featured'>精选</Text> : null}
            <Text className='story-detail__tag'>{STORY_CATEGORY_LABELS[story.category]}</Text>
          </View>
          <Text className='story-detail__title'>{story.title}</Text>

          <View className='story-detail__facts'>
            <View className='story-detail__fact'>
              <Text className='story-detail__key'>主人公</Text>
              <Text>
                {story.subject.name}{story.subject.retired ? '（离退休党员）' : ''}
                {story.subject.orgName && story.subject.orgName !== story.orgName ? ` · ${story.subject.orgName}` : ''}
              </Text>
            </View>
            <View className='story-detail__fact'>
              <Text className='story-detail__key'>讲述人</Text>
              <Text>{story.authorName}{story.subject.self ? '（本人）' : ''}</Text>
            </View>
            <View className='story-detail__fact'>
              <Text className='story-detail__key'>党组织</Text>
              <Text>{story.orgName}</Text>
            </View>
            <View className='story-detail__fact'>
              <Text className='story-detail__key'>{published ? '发布于' : '提交于'}</Text>
              <Text>{formatDay(published && story.publishedAt ? story.publishedAt : story.submittedAt)}</Text>
            </View>
          </View>

          <StoryPhotos
            images={story.images}
            block='story-detail'
            className={`story-detail__photos--${Math.min(story.images.length, 3)}`}
            missingText='照片暂时无法显示'
            lazyLoad
          />
          {story.images.length > 0 ? <Text className='story-detail__caption'>点照片可以放大查看</Text> : null}

          <Text className='story-detail__content' userSelect>{story.content}</Text>

          {published ? (
            <View className='story-detail__bar'>
              <LikeButton storyId={story.id} liked={story.liked} likes={story.likes} onChange={patch} />
              <View className='story-detail__figures'>
                <Text>阅读 {story.views}</Text>
                <Text>分享 {story.shares}</Text>
              </View>
            </View>
          ) : null}

          {published ? (
            <Card title='分享这个故事'>
              {isWeapp ? (
                <View className='story-detail__share'>
                  <Button className='story-detail__share-button' openType='share'>发给微信好友</Button>
                  <Button className='story-detail__share-button' onClick={() => setShowMomentsHint(true)}>分享到朋友圈</Button>
                  {showMomentsHint ? (
                    <Notice>请点右上角的“···”，再选“分享到朋友圈”。</Notice>
                  ) : null}
                </View>
              ) : (
                <AtButton type='secondary' onClick={copyLink}>复制链接，发给好友</AtButton>
              )}
            </Card>
          ) : null}

          {story.mine ? (
            <Card title='我的故事'>
              {story.status === 'returned' ? (
                <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.storyWrite}?id=${story.id}` })}>
                  按意见修改
                </AtButton>
              ) : null}
              {story.status !== 'withdrawn' ? (
                <AtButton className='story-detail__withdraw' onClick={withdraw}>撤回这篇故事</AtButton>
              ) : null}
              {story.history ? <StoryHistory history={story.history} /> : null}
            </Card>
          ) : story.history ? (
            <Card title='审核记录'>
              <StoryHistory history={story.history} />
            </Card>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

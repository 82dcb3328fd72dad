// One pending story, whole (text and photos), so it can be decided from the list: 通过 (or 通过并精选),
// 退回修改 with a comment, 不通过 with a reason. Every decision is a button; the words go in a form below it.
// Publishing is public at once and tells the author, so 通过 and 通过并精选 wait UNDO_MS with 撤销 before they are
// sent (a slip of the finger is taken back before anyone sees it); leaving the page sends what is waiting.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Card from '@/components/Card'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import StoryPhotos from '@/components/StoryPhotos'
import { STORY_CATEGORY_LABELS, STORY_LIMITS, storyService } from '@/services'
import type { QueueItem } from '@/services'
import { historyUrl } from '@/routes'
import { formatDayTime } from '@/utils/time'

export type Decision = 'approve' | 'feature' | 'return' | 'reject'

export const UNDO_MS = 5000
const PUBLISHING: Record<'approve' | 'feature', string> = { approve: '通过并发布', feature: '通过并设为精选' }

/** What happened, for the list: decided here, or already decided by someone else (CONFLICT). */
export type Outcome = { decision: Decision } | { conflict: string }

const REASON_FORM = {
  return: { label: '修改意见', hint: '作者会看到这段话，请写明需要怎样修改。', placeholder: '例如：请补充时间和地点', confirm: '确认退回修改' },
  reject: { label: '不通过的原因', hint: '作者会看到这段话。', placeholder: '例如：内容与党员故事无关', confirm: '确认不通过' },
} as const

interface QueueStoryProps {
  story: QueueItem
  onDecided: (story: QueueItem, outcome: Outcome) => void
}

export default function QueueStory({ story, onDecided }: QueueStoryProps) {
  const [asking, setAsking] = useState<'return' | 'reject' | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [waiting, setWaiting] = useState<'approve' | 'feature' | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const pending = useRef<'approve' | 'feature' | null>(null)

  const decide = async (decision: Decision) => {
    if (decision === 'return' || decision === 'reject') {
      if (!reason.trim()) {
        setReasonError(decision === 'reject' ? '请填写不通过的原因' : '请填写修改意见')
        return
      }
    }
    setBusy(true)
    setError(null)
    const result = await storyService.review(
      decision === 'approve' || decision === 'feature'
        ? { id: story.id, decision: 'approve', featured: decision === 'feature' }
        : { id: story.id, decision, reason: reason.trim() },
    )
    setBusy(false)
    if (result.ok) return onDecided(story, { decision })
    if (result.code === 'CONFLICT') return onDecided(story, { conflict: result.message })
    const reasonField = result.fields?.find((f) => f.field === 'reason')
    if (reasonField) setReasonError(reasonField.message)
    else setError(result.message)
  }

  const publish = (decision: 'approve' | 'feature') => {
    pending.current = decision
    setWaiting(decision)
    timer.current = setTimeout(() => {
      timer.current = null
      pending.current = null
      setWaiting(null)
      decide(decision)
    }, UNDO_MS)
  }

  const undo = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    pending.current = null
    setWaiting(null)
  }

  // Leaving the page (or the list dropping the card) sends a decision still waiting: it was made, not taken back.
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current)
    const decision = pending.current
    if (decision) storyService.review({ id: story.id, decision: 'approve', featured: decision === 'feature' })
  }, [])

  const ask = (kind: 'return' | 'reject') => {
    setAsking(kind)
    setReasonError(null)
  }

  const form = asking ? REASON_FORM[asking] : null

  return (
    <Card className='queue-story'>
      <View className='queue-story__tags'>
        <Text className='queue-story__tag'>{STORY_CATEGORY_LABELS[story.category]}</Text>
        {story.subject.retired ? <Text className='queue-story__tag'>离退休党员</Text> : null}
      </View>
      <Text className='queue-story__title'>{story.title}</Text>
      {story.flagged ? <Notice tone='warning'>内容安全检查提示这篇故事可能有不宜发布的内容，请仔细看一看。</Notice> : null}

      <View className='queue-story__row'>
        <Text className='queue-story__key'>作者</Text>
        <Text>{story.authorName} · {story.orgName}</Text>
      </View>
      <View className='queue-story__row'>
        <Text className='queue-story__key'>主人公</Text>
        <Text>
          {story.subject.self ? '作者本人' : story.subject.name}{story.subject.retired ? '（离退休）' : ''}
          {!story.subject.self && story.subject.orgName ? ` · ${story.subject.orgName}` : ''}
          {!story.subject.self ? ' · 作者确认已获本人同意' : ''}
        </Text>
      </View>
      <View className='queue-story__row'>
        <Text className='queue-story__key'>提交时间</Text>
        <Text>{formatDayTime(story.updatedAt || story.submittedAt)}</Text>
      </View>

      <Text className='queue-story__content'>{story.content}</Text>
      <StoryPhotos images={story.images} block='queue-story' />

      {error ? <Notice tone='danger'>{error}</Notice> : null}

      {form ? (
        <View className='queue-story__reason'>
          <FormField label={form.label} hint={form.hint} error={reasonError ?? undefined}>
            <AtTextarea
              value={reason}
              maxLength={STORY_LIMITS.reason}
              placeholder={form.placeholder}
              onChange={(value: string) => {
                setReason(value)
                setReasonError(null)
              }}
            />
          </FormField>
          <View className='queue-story__actions'>
            <AtButton disabled={busy} onClick={() => setAsking(null)}>取消</AtButton>
            <AtButton type='primary' loading={busy} disabled={busy} onClick={() => decide(asking!)}>{form.confirm}</AtButton>
          </View>
        </View>
      ) : waiting ? (
        <View className='queue-story__waiting'>
          <Notice tone='info'>将{PUBLISHING[waiting]}，{UNDO_MS / 1000} 秒内可以撤销</Notice>
          <AtButton type='secondary' onClick={undo}>撤销</AtButton>
        </View>
      ) : (
        <View>
          <View className='queue-story__actions'>
            <AtButton type='primary' loading={busy} disabled={busy} onClick={() => publish('approve')}>通过</AtButton>
            <AtButton type='secondary' disabled={busy} onClick={() => publish('feature')}>通过并精选</AtButton>
          </View>
          <View className='queue-story__actions'>
            <AtButton disabled={busy} onClick={() => ask('return')}>退回修改</AtButton>
            <AtButton disabled={busy} onClick={() => ask('reject')}>不通过</AtButton>
          </View>
          <AtButton size='small' className='queue-story__history' onClick={() => Taro.navigateTo({ url: historyUrl('story', story.id) })}>操作记录</AtButton>
        </View>
      )}
    </Card>
  )
}

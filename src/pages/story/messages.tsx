// 消息: what happened to my stories (published, returned with the secretary's words, not approved). Opening the
// list marks what it shows as read; each message opens its story.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Notice from '../../components/Notice'
import PageShell from '../../components/PageShell'
import { storyService } from '../../services'
import type { Message } from '../../services'
import { ROUTES } from '../../routes'
import { formatDayTime } from '../../utils/date'
import './messages.scss'

interface Messages {
  items: Message[]
  nextCursor: string | null
}

export default function MessagesPage() {
  const [list, setList] = useState<Messages | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  const markRead = (items: Message[]) => {
    const unread = items.filter((m) => !m.read).map((m) => m.id)
    // The list keeps showing them as new on this visit; they are read from the next one on.
    if (unread.length > 0) storyService.readMessages(unread)
  }

  const load = async () => {
    setError(null)
    const result = await storyService.messages()
    if (!result.ok) return setError(result.message)
    setList(result.data)
    markRead(result.data.items)
  }

  const loadMore = async () => {
    if (!list?.nextCursor) return
    setLoadingMore(true)
    const result = await storyService.messages(list.nextCursor)
    setLoadingMore(false)
    if (!result.ok) return setError(result.message)
    setList({ items: [...list.items, ...result.data.items], nextCursor: result.data.nextCursor })
    markRead(result.data.items)
  }

  useDidShow(() => {
    load()
  })

  return (
    <PageShell className='messages'>
      {error ? (
        <View>
          <Notice tone='danger'>{error}</Notice>
          <AtButton type='secondary' onClick={load}>重新加载</AtButton>
        </View>
      ) : null}
      {!list && !error ? <Text className='messages__text'>正在加载…</Text> : null}
      {list ? (
        <View>
          {list.items.length === 0 ? <Text className='messages__text'>还没有消息。故事审核后，结果会出现在这里。</Text> : null}
          {list.items.map((m) => (
            <View
              className='message'
              key={m.id}
              ariaRole='link'
              onClick={() => Taro.navigateTo({ url: `${ROUTES.storyDetail}?id=${m.storyId}` })}
            >
              <View className='message__head'>
                <Text className='message__title'>{m.title}</Text>
                {m.read ? null : <Text className='message__new'>新</Text>}
              </View>
              <Text className='message__body'>{m.body}</Text>
              <Text className='message__at'>{formatDayTime(m.at)} · 点此查看故事</Text>
            </View>
          ))}
          {list.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>加载更多</AtButton>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

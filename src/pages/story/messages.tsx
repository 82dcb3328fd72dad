// 消息: what happened to my stories (published, returned with the secretary's words, not approved), my bookings and
// my registration. Opening the list marks what it shows as read; a message about a story or a site opens it.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { storyService } from '@/services'
import type { Message } from '@/services'
import { ROUTES } from '@/routes'
import { formatDayTime } from '@/utils/time'
import Control from '@/components/Control'
import './messages.scss'

/** The list keeps showing them as new on this visit; they are read from the next one on. */
function markRead({ items }: { items: Message[] }) {
  const unread = items.filter((m) => !m.read).map((m) => m.id)
  if (unread.length > 0) storyService.readMessages(unread)
}

/** Where a message leads: its story, its site, or nowhere (a registration's result is all in its words). */
function opensTo(m: Message): { url: string; label: string } | null {
  if (m.storyId) return { url: `${ROUTES.storyDetail}?id=${m.storyId}`, label: '点此查看故事' }
  if (m.siteId) return { url: `${ROUTES.siteDetail}?id=${m.siteId}`, label: '点此查看阵地' }
  if (m.caseId) return { url: `${ROUTES.studioCase}?id=${m.caseId}`, label: '点此查看民情' }
  return null
}

export default function MessagesPage() {
  const list = usePagedList({
    fetch: (_: void, cursor) => storyService.messages(cursor),
    query: undefined,
    idOf: (m: Message) => m.id,
    onPage: markRead,
  })

  useDidShow(() => {
    list.reload()
  })

  return (
    <PageShell className='messages'>
      <LoadState
        loading={list.loading}
        error={list.error}
        onRetry={() => list.reload()}
        empty={list.items.length === 0}
        emptyText='还没有消息。故事审核、阵地预约、登记审核和民情办理的结果会出现在这里。'
        textClassName='messages__text'
      />
      {list.page ? (
        <View>
          {list.items.map((m) => {
            const opens = opensTo(m)
            const content = (
              <>
                <View className='message__head'>
                  <Text className='message__title'>{m.title}</Text>
                  {m.read ? null : <Text className='message__new'>新</Text>}
                </View>
                <Text className='message__body'>{m.body}</Text>
                <Text className='message__at'>{formatDayTime(m.at)}{opens ? ` · ${opens.label}` : ''}</Text>
              </>
            )
            return opens ? (
              <Control className='message' key={m.id} role='link' onClick={() => Taro.navigateTo({ url: opens.url })}>{content}</Control>
            ) : (
              <View className='message' key={m.id}>{content}</View>
            )
          })}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

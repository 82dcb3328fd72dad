import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Notice from '../../../components/Notice'
import PageShell from '../../../components/PageShell'
import { userService } from '../../../services'
import type { Person } from '../../../services'
import PendingPerson, { type ReviewOutcome } from './PendingPerson'
import './index.scss'

interface PendingList {
  items: Person[]
  total: number
  nextCursor: string | null
}

interface Reviewed {
  name: string
  outcome: ReviewOutcome
}

export default function ApprovePage() {
  const [list, setList] = useState<PendingList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [reviewed, setReviewed] = useState<Reviewed[]>([])

  const load = async () => {
    setError(null)
    const result = await userService.pending()
    if (result.ok) setList(result.data)
    else setError(result.message)
  }

  const loadMore = async () => {
    if (!list?.nextCursor) return
    setLoadingMore(true)
    const result = await userService.pending(list.nextCursor)
    setLoadingMore(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    const known = new Set(list.items.map((p) => p.openid))
    setList({
      items: [...list.items, ...result.data.items.filter((p) => !known.has(p.openid))],
      total: result.data.total,
      nextCursor: result.data.nextCursor,
    })
  }

  useDidShow(() => {
    load()
  })

  const onReviewed = (openid: string, outcome: ReviewOutcome) => {
    if (!list) return
    const person = list.items.find((p) => p.openid === openid)
    setList({ ...list, items: list.items.filter((p) => p.openid !== openid), total: Math.max(0, list.total - 1) })
    if (person) setReviewed((done) => [{ name: person.name, outcome }, ...done])
  }

  return (
    <PageShell className='approve'>
      {error ? (
        <View>
          <Notice tone='danger'>{error}</Notice>
          <AtButton type='secondary' onClick={load}>重新加载</AtButton>
        </View>
      ) : null}

      {!list && !error ? <Text className='approve__text'>正在加载…</Text> : null}

      {list ? (
        <View>
          <Text className='approve__title'>待审核人员（{list.total} 人）</Text>
          {reviewed.map((r, i) => (
            <Notice key={`${r.name}-${i}`} tone={r.outcome === 'approved' ? 'success' : 'warning'}>
              {r.name}：{r.outcome === 'approved' ? '已通过' : '未通过，已告知原因'}
            </Notice>
          ))}
          {list.items.length === 0 ? <Text className='approve__text'>目前没有需要审核的人员。</Text> : null}
          {list.items.map((person) => (
            <PendingPerson key={person.openid} person={person} onReviewed={onReviewed} />
          ))}
          {list.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
              加载更多
            </AtButton>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { userService } from '@/services'
import type { Person } from '@/services'
import PendingPerson, { type ReviewOutcome } from './PendingPerson'
import './index.scss'

interface Reviewed {
  name: string
  outcome: ReviewOutcome
}

export default function ApprovePage() {
  const pending = usePagedList({
    fetch: (_: void, cursor) => userService.pending(cursor ?? undefined),
    query: undefined,
    idOf: (p: Person) => p.openid,
  })
  const list = pending.page
  const [reviewed, setReviewed] = useState<Reviewed[]>([])

  useDidShow(() => {
    pending.reload()
  })

  const onReviewed = (openid: string, outcome: ReviewOutcome) => {
    const person = pending.items.find((p) => p.openid === openid)
    pending.mutate((current) => ({
      ...current, items: current.items.filter((p) => p.openid !== openid), total: Math.max(0, current.total - 1),
    }))
    if (person) setReviewed((done) => [{ name: person.name, outcome }, ...done])
  }

  return (
    <PageShell className='approve'>
      <LoadState loading={pending.loading} error={pending.error} onRetry={() => pending.reload()} textClassName='approve__text' />

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
          <LoadMore list={pending} />
        </View>
      ) : null}
    </PageShell>
  )
}

// 逾期名单: a 书屋's loans past their due date, the longest overdue first, with who holds each and for how many days;
// a page at a time. The manager follows up (a copy handed in at the desk, or lost, is marked on the book's page).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { libraryService } from '@/services'
import type { OverdueLoan } from '@/services'
import { formatDay } from '@/utils/time'
import './index.scss'

export default function LibraryOverduePage() {
  const [siteId] = useState(() => Taro.getCurrentInstance().router?.params?.siteId ?? '')
  const listing = usePagedList({
    fetch: (id: string, cursor) => libraryService.overdue(id, cursor ?? undefined),
    query: siteId,
    idOf: (l: OverdueLoan) => l.id,
  })
  // Each time the page shows: a copy borrowed, returned or marked meanwhile shows as it is now.
  useDidShow(() => { listing.reload() })
  return (
    <PageShell className='library-overdue'>
      <LoadState loading={listing.loading} error={listing.error} onRetry={() => listing.reload()}
        empty={!!listing.page && listing.items.length === 0} emptyText='没有逾期未还的书。' textClassName='library-overdue__text' />
      {listing.items.length > 0 ? (
        <Card title='逾期未还'>
          {listing.items.map((l) => (
            <View key={l.id} className='library-overdue__row'>
              <Text className='library-overdue__title'>《{l.title}》</Text>
              <Text className='library-overdue__late'>逾期 {l.daysOverdue} 天</Text>
              <Text className='library-overdue__text'>{l.holderName} · {formatDay(l.borrowedAt)} 借 · 应还 {formatDay(`${l.dueDate}T12:00:00+08:00`)}</Text>
              <AtButton size='small' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryBook}?id=${l.bookId}` })}>登记归还或遗失</AtButton>
            </View>
          ))}
          <LoadMore list={listing} endClassName='library-overdue__text' />
        </Card>
      ) : null}
    </PageShell>
  )
}

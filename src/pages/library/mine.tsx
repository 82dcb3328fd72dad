// 我的借阅: the books held now (due date, overdue in words, tap to return or renew by the copy's page) and those
// returned, latest first; each returned book offers 写读书心得.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { libraryService } from '@/services'
import type { Loan } from '@/services'
import { formatDay } from '@/utils/time'
import './mine.scss'

const day = (date: string) => formatDay(`${date}T12:00:00+08:00`)

export default function LibraryMinePage() {
  const listing = usePagedList({
    fetch: (_: void, cursor) => libraryService.mine(cursor ?? undefined).then((r) => (r.ok ? { ok: true as const, data: { ...r.data, items: r.data.past } } : r)),
    query: undefined,
    idOf: (l: Loan) => l.id,
  })
  useDidShow(() => {
    listing.reload()
  })
  const current = listing.page?.current ?? []

  return (
    <PageShell className='library-mine'>
      <LoadState loading={listing.loading} error={listing.error} onRetry={() => listing.reload()} textClassName='library-mine__text' />
      {listing.page ? (
        <Card title={`在借 ${current.length} 本`}>
          {current.length === 0 ? <Text className='library-mine__text'>现在没有在借的书。到党建书屋扫描书上的标签就能借。</Text> : null}
          {current.map((l) => (
            <View key={l.id} className='library-mine__loan'>
              <Text className='library-mine__title'>《{l.title}》</Text>
              <Text className={`library-mine__due library-mine__due--${l.overdue ? 'late' : 'ok'}`}>
                {l.overdue ? `已超过应还日期（${day(l.dueDate)}），请尽快归还` : `${day(l.dueDate)} 前归还${l.renewed ? '（已续借）' : ''}`}
              </Text>
              <Text className='library-mine__text'>{l.siteName}</Text>
              <AtButton size='small' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryBorrow}?t=${l.copyId}` })}>归还或续借</AtButton>
            </View>
          ))}
        </Card>
      ) : null}
      {listing.items.length > 0 ? (
        <Card title='借过的书'>
          {listing.items.map((l) => (
            <View key={l.id} className='library-mine__loan'>
              <Text className='library-mine__title'>《{l.title}》</Text>
              <Text className='library-mine__text'>
                {l.siteName} · {formatDay(l.borrowedAt)} 借{l.ended === 'returned' ? '，已归还' : l.ended === 'lost' ? '，登记遗失' : '，登记损坏'}
              </Text>
              {l.ended === 'returned' ? (
                <AtButton size='small' onClick={() => Taro.navigateTo({ url: `${ROUTES.storyWrite}?book=${encodeURIComponent(l.title)}` })}>写读书心得</AtButton>
              ) : null}
            </View>
          ))}
          <LoadMore list={listing} endClassName='library-mine__text' />
        </Card>
      ) : null}
    </PageShell>
  )
}

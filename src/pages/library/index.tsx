// 馆藏: a 党建书屋's books by shelf, each with how many copies are on the shelf now; a book opens its page. Public
// (reached from the site page, which is shared). Borrowing happens by scanning the label on the book itself.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import Card from '@/components/Card'
import Control from '@/components/Control'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { libraryService } from '@/services'
import type { Book } from '@/services'
import { pageParam } from '../story/pageParams'
import './index.scss'

export default function LibraryCataloguePage() {
  const [siteId] = useState(() => pageParam('siteId'))
  const listing = usePagedList({
    fetch: (id: string, cursor) => libraryService.catalogue(id, cursor ?? undefined),
    query: siteId,
    idOf: (b: Book) => b.id,
  })
  // Each time the page shows: a copy borrowed, returned or marked meanwhile shows as it is now.
  useDidShow(() => { listing.reload() })
  const siteName = listing.page?.siteName

  return (
    <PageShell className='library'>
      {siteName ? <Text className='library__site'>{siteName} · 馆藏</Text> : null}
      <Text className='library__text'>在书屋里用微信或手机相机扫描书上的二维码标签，即可自助借书、还书。</Text>
      <LoadState loading={listing.loading} error={listing.error} onRetry={() => listing.reload()}
        empty={!!listing.page && listing.items.length === 0} emptyText='书屋还没有登记图书。' textClassName='library__text' />
      {listing.items.map((b) => (
        <Control key={b.id} role='link' className='library__book' label={`《${b.title}》，在架 ${b.available} 册，共 ${b.copies} 册`}
          onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryBook}?id=${b.id}` })}>
          <Card>
            <Text className='library__title'>《{b.title}》</Text>
            <View className='library__row'>
              <Text className='library__text'>{b.author ?? ''} · 书架 {b.shelf}</Text>
              <Text className={`library__available library__available--${b.available > 0 ? 'yes' : 'no'}`}>
                在架 {b.available}/{b.copies}
              </Text>
            </View>
          </Card>
        </Control>
      ))}
      <LoadMore list={listing} endClassName='library__text' />
    </PageShell>
  )
}

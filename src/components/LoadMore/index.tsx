// The foot of a paged list: 加载更多 while there is more (reaching the bottom does the same), then, where the page
// says so, 已经到底了.
import { Text } from '@tarojs/components'
import { AtButton } from 'taro-ui'
import type { PagedList } from '@/hooks/usePagedList'

interface LoadMoreProps {
  list: Pick<PagedList<unknown, { items: unknown[]; nextCursor: string | null }, unknown>, 'items' | 'loadingMore' | 'noMore' | 'loadMore'>
  /** Says 已经到底了 under a list that has reached its end, with this class. */
  endClassName?: string
}

export default function LoadMore({ list, endClassName }: LoadMoreProps) {
  if (!list.noMore) {
    return <AtButton type='secondary' loading={list.loadingMore} disabled={list.loadingMore} onClick={list.loadMore}>加载更多</AtButton>
  }
  return endClassName && list.items.length > 0 ? <Text className={endClassName}>已经到底了</Text> : null
}

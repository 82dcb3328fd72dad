// 我的民情: every 民情 I left, latest first, with where it stands and its deadline; each opens its timeline.
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { studioService } from '@/services'
import type { CaseSummary } from '@/services'
import CaseCard from './CaseCard'
import './studio.scss'

export default function MyCasesPage() {
  const list = usePagedList({ fetch: (_: void, cursor) => studioService.mine(cursor), query: undefined, idOf: (c: CaseSummary) => c.id })
  // Every show: a case may have moved meanwhile.
  useDidShow(() => { list.reload() })
  return (
    <PageShell className='studio-mine'>
      <LoadState loading={list.loading} error={list.error} onRetry={() => list.reload()} empty={list.items.length === 0}
        emptyText='您还没有留过民情。在党代表工作室的页面可以给工作室或党代表留言。' textClassName='studio__text' />
      {list.page ? (
        <View>
          {list.items.map((c) => <CaseCard key={c.id} item={c} />)}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

// 民情办理: the 民情 the person handles (their subtree's studios and the cases transferred to them; the district
// office: all), open ones by deadline so the overdue come first, or one state at a time; each opens its case page.
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import Chips from '@/components/Chips'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import CaseCard from '@/pages/studio/CaseCard'
import { CASE_STATUS_LABELS, studioService } from '@/services'
import type { CaseStatus, CaseSummary } from '@/services'
import './index.scss'

type Filter = 'open' | CaseStatus
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: '未办结' },
  ...(Object.keys(CASE_STATUS_LABELS) as CaseStatus[]).map((s) => ({ value: s as Filter, label: CASE_STATUS_LABELS[s] })),
]

export default function StudioCasesPage() {
  const list = usePagedList({
    fetch: (filter: Filter, cursor) => studioService.cases({ ...(filter === 'open' ? {} : { status: filter }), cursor }),
    query: 'open' as Filter,
    idOf: (c: CaseSummary) => c.id,
  })
  useDidShow(() => { list.reload() })
  return (
    <PageShell className='studio-cases'>
      <Chips options={FILTERS} value={list.query} onChange={(query) => list.reload({ query, clear: true })} />
      <LoadState loading={list.loading} error={list.error} onRetry={() => list.reload()} empty={list.items.length === 0}
        emptyText='没有需要办理的民情。' textClassName='studio-cases__text' />
      {list.page ? (
        <View className='studio-cases__list'>
          {list.items.map((c) => <CaseCard key={c.id} item={c} showHandler />)}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

// 操作记录: who did what to a story, class, site or person, when and why, newest first (the audit log). Opened from
// the record's page with `?type=story|class|site|person&id=`; the function decides who may read it.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import Card from '@/components/Card'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { HISTORY_SUBJECT_LABELS, userService } from '@/services'
import type { AuditRecord, HistorySubject } from '@/services'
import { formatDayTime } from '@/utils/time'
import { describeChange } from './describe'
import './index.scss'

const params = () => Taro.getCurrentInstance().router?.params ?? {}

export default function HistoryPage() {
  const { type = '', id = '' } = params()
  const subject = type as HistorySubject
  const history = usePagedList({
    fetch: (_: void, cursor) => userService.history(subject, id, cursor ?? undefined),
    query: undefined,
    idOf: (e: AuditRecord) => e.id,
  })
  useDidShow(() => {
    history.reload()
  })

  return (
    <PageShell className='history'>
      <Text className='history__title'>{HISTORY_SUBJECT_LABELS[subject] ?? '记录'}的操作记录</Text>
      <LoadState loading={history.loading} error={history.error} onRetry={() => history.reload()} textClassName='history__text' />
      {history.page && history.items.length === 0 ? <Text className='history__text'>还没有操作记录。</Text> : null}
      {history.items.map((e) => {
        const change = describeChange(e)
        return (
          <Card key={e.id} className='history-entry'>
            <Text className='history-entry__action'>{e.actionLabel}</Text>
            <View className='history-entry__row'>
              <Text className='history-entry__who'>{e.actorName}</Text>
              <Text className='history-entry__when'>{formatDayTime(e.at)}</Text>
            </View>
            {change ? <Text className='history-entry__text'>{change}</Text> : null}
            {e.reason ? <Text className='history-entry__text'>原因：{e.reason}</Text> : null}
          </Card>
        )
      })}
      <LoadMore list={history} endClassName='history__text' />
    </PageShell>
  )
}

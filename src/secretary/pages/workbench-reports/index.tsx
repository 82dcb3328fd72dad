// 季度通报: build the quarter's report for the caller's organisation (the district for the district office) — an
// .xlsx with a sheet per area and a ranking sheet, stored — and the reports built so far, newest quarter first, each
// downloadable again and open as a printable A4 page.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { useWorkbookExport } from '@/hooks/useWorkbookExport'
import { workbenchService, type ReportSummary } from '@/services/workbench'
import { formatDayTime } from '@/utils/time'
import { reportUrl } from '../../workbench/links'
import { currentPeriod, periodLabel, shiftPeriod } from '../../workbench/period'
import './index.scss'

/** This quarter and the three before it. */
const recentQuarters = () => {
  const now = currentPeriod('quarter')
  return [0, -1, -2, -3].map((d) => shiftPeriod(now, d)).map((value) => ({ value, label: periodLabel(value) }))
}

export default function WorkbenchReportsPage() {
  const quarters = useMemo(recentQuarters, [])
  const [quarter, setQuarter] = useState(quarters[0].value)
  const { exporting, note, run } = useWorkbookExport()
  const list = usePagedList({
    fetch: (_: void, cursor) => workbenchService.reports(cursor ? { cursor } : {}),
    query: undefined,
    idOf: (r: ReportSummary) => r.id,
  })
  useEffect(() => { void list.reload() }, [])

  const build = () => run(async () => {
    const result = await workbenchService.buildReport({ quarter })
    void list.reload()
    return result
  }, `已生成${periodLabel(quarter)}通报并下载。`)
  const download = (r: ReportSummary) => run(() => workbenchService.report(r.id), `已下载${periodLabel(r.quarter)}通报。`)

  return (
    <PageShell className='reports'>
      <Card title='生成通报'>
        <Text className='reports__text'>按季度汇总大课堂、微故事、阵地的数据、排名、达标情况和预警，生成 Excel 并保存；再次生成会按最新数据更新。</Text>
        <Chips options={quarters} value={quarter} onChange={setQuarter} />
        <AtButton type='primary' loading={exporting} disabled={exporting} onClick={build}>生成并下载通报</AtButton>
        {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
      </Card>

      <Card title='已生成的通报'>
        <LoadState loading={list.loading} error={list.error} onRetry={() => list.reload()} empty={!!list.page && list.items.length === 0} emptyText='还没有生成过通报。' />
        {list.items.map((r) => (
          <View key={r.id} className='reports-item'>
            <Text className='reports-item__title'>{periodLabel(r.quarter)} · {r.orgName}</Text>
            <Text className='reports__text'>{r.builtByName} 生成于 {formatDayTime(r.builtAt)}</Text>
            <View className='reports-item__actions'>
              <AtButton type='secondary' size='small' disabled={exporting} onClick={() => download(r)}>下载 Excel</AtButton>
              <AtButton type='secondary' size='small' onClick={() => Taro.navigateTo({ url: reportUrl(r.id) })}>打印版</AtButton>
            </View>
          </View>
        ))}
        <LoadMore list={list} />
      </Card>
    </PageShell>
  )
}

// 阵地使用情况: for a month (Beijing), every site the person manages (the district office: all) ranked by utilisation,
// then visits, then class attendees, idle sites standing out; the month's totals; 导出Excel. With `?siteId=` one
// site's figures. The figures are counted as things happen, so the page reads them at once however much history.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import MonthStepper from '@/components/MonthStepper'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { useWorkbookExport } from '@/hooks/useWorkbookExport'
import { formatRate } from '@/utils/figures'
import { formatMonth, shanghaiMonth } from '@/utils/time'
import { ROUTES } from '@/routes'
import { siteService } from '@/services'
import UsageRow from './UsageRow'
import './index.scss'

const params = () => Taro.getCurrentInstance().router?.params ?? {}

export default function SiteUsagePage() {
  const [siteId] = useState(() => params().siteId ?? '')
  const thisMonth = useRef(shanghaiMonth(new Date())).current
  const [month, setMonth] = useState(() => (/^\d{4}-\d{2}$/.test(params().month ?? '') ? params().month! : thisMonth))
  const { exporting, note: exportNote, run: runExport } = useWorkbookExport()
  const report = useLatestAnswer((which: string) => siteService.usage(siteId ? { siteId, month: which } : { month: which }), month)

  const exportMonth = () => runExport(() => siteService.exportUsage(month), `已导出${formatMonth(month)}的阵地使用情况。`)

  const shown = report.data
  const s = shown?.summary
  const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.siteDetail}?id=${id}` })

  return (
    <PageShell className='site-usage'>
      <MonthStepper month={month} latest={thisMonth} onChange={setMonth} />

      <LoadState loading={report.loading} error={report.error} onRetry={report.reload} textClassName='site-usage__text' />

      {shown && s && !siteId ? (
        <View>
          <Card className='site-usage__summary'>
            <Text className='site-usage__headline'>{s.sites} 个阵地，闲置 {s.idle} 个</Text>
            <Text className='site-usage__text'>
              到访 {s.visits} 人次 · 预约 {s.bookings} 次共 {s.bookedHours} 小时 · 总使用率 {formatRate(s.utilisation)}
            </Text>
            <Text className='site-usage__text'>承办课程 {s.classesHeld} 节 · 服务外单位党组织 {s.outsideOrgs} 个次</Text>
            <Text className='site-usage__note'>使用率 = 预约小时 ÷ 开放小时；排名依次看使用率、到访与借阅人次、听课人次。本月没有到访、预约、课程和借阅的阵地记为闲置。</Text>
          </Card>
          <AtButton type='secondary' loading={exporting} disabled={exporting} onClick={exportMonth}>导出Excel</AtButton>
          {exportNote ? <Notice tone={exportNote.tone}>{exportNote.text}</Notice> : null}
          <Card title='阵地排名' className='site-usage__ranking'>
            {shown.items.length === 0 ? <Text className='site-usage__text'>没有您管理的阵地。</Text> : null}
            {shown.items.map((row) => <UsageRow key={row.siteId} row={row} onOpen={open} />)}
          </Card>
        </View>
      ) : null}

      {shown && siteId ? (
        <View>
          {shown.items.map((row) => (
            <Card key={row.siteId} className='site-usage__ranking'>
              <UsageRow row={row} />
            </Card>
          ))}
          <AtButton type='secondary' onClick={() => Taro.redirectTo({ url: `${ROUTES.siteUsage}?month=${month}` })}>查看全部阵地排名</AtButton>
        </View>
      ) : null}
    </PageShell>
  )
}

// One quarter's 通报 as a printable A4 page (`?id=`): the same figures as its workbook — per area, the organisation
// and each one under it with on/behind-target marks — the ranking and the warnings. On H5 「打印或另存为 PDF」 opens
// the browser's print dialog; the print styles drop the buttons and the bars and set an A4 page.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { useWorkbookExport } from '@/hooks/useWorkbookExport'
import { WARNING_KIND_LABELS, workbenchService, type Area, type ReportData } from '@/services/workbench'
import { formatRate } from '@/utils/figures'
import { formatDayTime } from '@/utils/time'
import { figureLines, Mark, MARK_LABELS, overallMark } from '../../workbench/marks'
import './index.scss'

const reportIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''
const AREAS: Array<{ area: Area; title: string }> = [
  { area: 'classroom', title: '一、新时代党员大课堂' },
  { area: 'story', title: '二、党员微故事' },
  { area: 'site', title: '三、开放式组织生活基地' },
]
const fetchReport = (id: string) => workbenchService.report(id)

function targetsText(d: ReportData): string {
  const t = d.targets
  if (!t) return '本季度未设定目标。'
  return [
    t.coverageRate !== undefined ? `${t.coverageBy} 前开课覆盖率达到 ${formatRate(t.coverageRate)}` : '',
    t.minClassesPerQuarter !== undefined ? `每个组织每季度至少开课 ${t.minClassesPerQuarter} 次` : '',
    t.storiesPerCommunity !== undefined ? `每个社区征集故事 ${t.storiesPerCommunity} 篇` : '',
    t.minUtilisation !== undefined ? `阵地使用率不低于 ${formatRate(t.minUtilisation)}` : '',
  ].filter(Boolean).join('；') + '。'
}

function Report({ data }: { data: ReportData }) {
  const orgs = [data.org, ...data.children]
  const behind = data.children.filter((c) => c.targets.behind)
  return (
    <View className='report__paper'>
      <Text className='report__title'>{data.orgName}{data.period.label}党建工作通报</Text>
      <Text className='report__meta'>统计期间 {data.period.from} 至 {data.period.to} · {data.builtByName} 生成于 {formatDayTime(data.builtAt)}</Text>
      <Text className='report__para'>目标：{targetsText(data)}</Text>
      <Text className='report__para'>
        下级组织 {data.children.length} 个，未达标 {behind.length} 个{behind.length ? `：${behind.map((c) => c.orgName).join('、')}` : ''}；预警 {data.warnings.length} 项。
      </Text>

      {AREAS.map(({ area, title }) => (
        <View key={area} className='report__section'>
          <Text className='report__heading'>{title}</Text>
          {orgs.map((org, i) => (
            <View key={org.orgId} className={`report-org${i === 0 ? ' report-org--total' : ''}`}>
              <View className='report-org__name'>
                <Text>{i === 0 ? `${org.orgName}（合计）` : org.orgName}</Text>
              </View>
              <Text className='report-org__figures'>
                {figureLines(org)[area].map((line) => `${line.label} ${line.value}${'mark' in line && line.mark ? `（${MARK_LABELS[line.mark]}）` : ''}`).join('；')}
              </Text>
            </View>
          ))}
        </View>
      ))}

      <View className='report__section'>
        <Text className='report__heading'>四、综合排名</Text>
        <Text className='report__meta'>开课覆盖率、出勤率、阵地使用率的平均（百分制），同分按故事数。</Text>
        {data.ranking.length === 0 ? <Text className='report__para'>没有下级组织。</Text> : null}
        {data.ranking.map((r) => {
          const child = data.children.find((c) => c.orgId === r.orgId)
          return (
            <View key={r.orgId} className='report-rank'>
              <Text className='report-rank__name'>第 {r.rank} 名 {r.orgName} · {r.score} 分</Text>
              {child ? <Mark mark={overallMark(child)} /> : null}
              <Text className='report-org__figures'>
                覆盖率 {formatRate(r.coverageRate)}；出勤率 {formatRate(r.attendanceRate)}；故事 {r.storiesSubmitted} 篇；阵地使用率 {formatRate(r.utilisation)}
              </Text>
            </View>
          )
        })}
      </View>

      <View className='report__section'>
        <Text className='report__heading'>五、预警</Text>
        {data.warnings.length === 0 ? <Text className='report__para'>没有预警。</Text> : null}
        {data.warnings.map((w) => (
          <Text key={`${w.kind}-${w.subjectId}`} className='report__para'>【{WARNING_KIND_LABELS[w.kind]}】{w.message}</Text>
        ))}
      </View>
    </View>
  )
}

export default function WorkbenchReportPage() {
  const id = useMemo(reportIdOf, [])
  const report = useLatestAnswer(fetchReport, id)
  const { exporting, note, run } = useWorkbookExport()
  const data = report.data?.data

  if (!id) return <PageShell className='report'><Notice tone='danger'>没有指定通报，请从「季度通报」列表打开。</Notice></PageShell>
  return (
    <PageShell className='report'>
      <LoadState loading={report.loading} error={report.error} onRetry={report.reload} />
      {data ? (
        <View>
          <Card className='report__tools'>
            {process.env.TARO_ENV === 'h5' ? (
              <AtButton type='primary' onClick={() => window.print()}>打印或另存为 PDF</AtButton>
            ) : (
              <Text className='report__meta'>在电脑浏览器打开工作台可打印或另存为 PDF。</Text>
            )}
            <AtButton type='secondary' loading={exporting} disabled={exporting} onClick={() => run(() => workbenchService.report(id), '已下载通报 Excel。')}>下载 Excel</AtButton>
            {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
          </Card>
          <Report data={data} />
        </View>
      ) : null}
    </PageShell>
  )
}

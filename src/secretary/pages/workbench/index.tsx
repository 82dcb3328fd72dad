// 党建工作台: one organisation's three campaigns for a period (month, quarter, year; Shanghai) — its figures with
// on/behind-target marks, each figure opening the list behind it; the organisations right under it, each opening its
// own workbench (district → street → community → branch); 12-month trends, the ranking and coverage against the
// target line; and the warnings, each opening the page that fixes it. Secretaries see their subtree, the district
// office the district (the function decides).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Chart from '@/components/Chart'
import Chips from '@/components/Chips'
import Control from '@/components/Control'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { ROUTES } from '@/routes'
import { PERIOD_KIND_LABELS, WARNING_KIND_LABELS, workbenchService, type Area, type PeriodKind } from '@/services/workbench'
import { formatRate } from '@/utils/figures'
import { coverageChart, rankingChart, trendCharts } from '../../workbench/charts'
import { drillUrl, fixUrl, workbenchUrl } from '../../workbench/links'
import { figureLines, Mark, overallMark } from '../../workbench/marks'
import { currentPeriod, periodKindOf, periodLabel, shiftPeriod } from '../../workbench/period'
import './index.scss'

const params = () => (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
const KINDS = (Object.keys(PERIOD_KIND_LABELS) as PeriodKind[]).map((value) => ({ value, label: `按${PERIOD_KIND_LABELS[value]}` }))
const AREA_TITLES: Record<Area, string> = { classroom: '新时代党员大课堂', story: '党员微故事', site: '阵地使用' }
const AREA_LIST: Record<Area, string> = { classroom: '查看课程', story: '查看故事', site: '查看到访' }

/** The query is one string, so the latest-answer hook compares it by value. */
const key = (orgId: string | undefined, period: string) => `${orgId ?? ''}|${period}`
const split = (k: string) => {
  const [orgId, period] = k.split('|')
  return { ...(orgId ? { orgId } : {}), period }
}
const fetchOverview = (k: string) => workbenchService.overview(split(k))
const fetchTrends = (k: string) => workbenchService.trends(split(k))
const fetchWarnings = (orgId: string) => workbenchService.warnings(orgId || undefined)
const fetchMe = () => workbenchService.me()

export default function WorkbenchPage() {
  const start = useMemo(params, [])
  const orgId = start.orgId
  const [period, setPeriod] = useState(start.period ?? currentPeriod('month'))
  const latest = currentPeriod(periodKindOf(period))
  const query = key(orgId, period)
  const overview = useLatestAnswer(fetchOverview, query)
  const trends = useLatestAnswer(fetchTrends, query)
  const warnings = useLatestAnswer(fetchWarnings, orgId ?? '')
  const me = useLatestAnswer(fetchMe, '')
  const shown = overview.data
  // Back from the targets form or a fix, the marks and warnings are read again (the first show loads by itself).
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) {
      void overview.reload()
      void warnings.reload()
    }
    shownBefore.current = true
  })
  const go = (url: string) => Taro.navigateTo({ url })
  // Chart data keeps its identity between renders, so a chart repaints only when its figures change.
  const trendData = useMemo(() => (trends.data ? trendCharts(trends.data.months) : []), [trends.data])
  const rankingData = useMemo(() => (trends.data ? rankingChart(trends.data.ranking) : null), [trends.data])
  const coverageData = useMemo(() => (shown ? coverageChart(shown.children, shown.targets) : null), [shown])

  return (
    <PageShell className='workbench'>
      <Card>
        <Chips options={KINDS} value={periodKindOf(period)} onChange={(kind) => setPeriod(currentPeriod(kind))} />
        <View className='workbench__stepper'>
          <Control role='button' className='workbench__step' label='上一期' onClick={() => setPeriod(shiftPeriod(period, -1))}>
            <Text>‹ 上一期</Text>
          </Control>
          <Text className='workbench__period'>{shown?.period.label ?? periodLabel(period)}</Text>
          <Control role='button' className='workbench__step' label='下一期' disabled={period >= latest} onClick={() => setPeriod(shiftPeriod(period, 1))}>
            <Text>下一期 ›</Text>
          </Control>
        </View>
      </Card>

      <LoadState loading={overview.loading} error={overview.error} onRetry={overview.reload} />

      {shown ? (
        <View>
          <Card className='workbench__head'>
            <View className='workbench__title-row'>
              <Text className='workbench__org'>{shown.org.orgName}</Text>
              <Mark mark={overallMark(shown.org)} />
            </View>
            <Text className='workbench__caption'>
              {shown.targets ? '按区委党建办设定的本期目标标注达标情况。' : '本期还没有设定目标。'}
            </Text>
            <View className='workbench__actions'>
              <AtButton type='secondary' size='small' onClick={() => go(`${ROUTES.workbenchTargets}?period=${period}`)}>
                {me.data?.canSetTargets ? '设定目标' : '查看目标'}
              </AtButton>
              <AtButton type='secondary' size='small' onClick={() => go(ROUTES.workbenchReports)}>季度通报</AtButton>
            </View>
          </Card>

          {(['classroom', 'story', 'site'] as Area[]).map((area) => (
            <Card key={area} title={AREA_TITLES[area]} className={`workbench-area workbench-area--${area}`}>
              {figureLines(shown.org)[area].map((line) => (
                <View key={line.key} className='workbench-figure'>
                  <Text className='workbench-figure__label'>{line.label}</Text>
                  <Text className='workbench-figure__value'>{line.value}</Text>
                  {'mark' in line ? <Mark mark={line.mark ?? null} /> : null}
                </View>
              ))}
              <Control role='link' className='workbench__link' onClick={() => go(drillUrl(area, shown.org.orgId, period))}>
                <Text>{AREA_LIST[area]} ›</Text>
              </Control>
            </Card>
          ))}

          {shown.children.length > 0 ? (
            <Card title='下级党组织' className='workbench-children'>
              <Text className='workbench__caption'>点一个组织，看它的工作台。</Text>
              {shown.children.map((child) => (
                <Control key={child.orgId} role='link' className='workbench-child' onClick={() => go(workbenchUrl(child.orgId, period))}>
                  <View className='workbench-child__main'>
                    <Text className='workbench-child__name'>{child.orgName}</Text>
                    <Mark mark={overallMark(child)} />
                  </View>
                  <Text className='workbench-child__figures'>
                    开课 {child.classroom.classesHeld} 次 · 覆盖 {formatRate(child.classroom.coverageRate)} · 出勤 {formatRate(child.classroom.attendanceRate)} · 故事 {child.story.submitted} 篇 · 阵地使用 {formatRate(child.site.utilisation)}
                  </Text>
                </Control>
              ))}
            </Card>
          ) : null}

          <Card title='预警' className='workbench-warnings'>
            <LoadState loading={warnings.loading} error={warnings.error} onRetry={warnings.reload} empty={warnings.data?.items.length === 0} emptyText='没有预警。' />
            {warnings.data?.items.map((w) => (
              <Control key={`${w.kind}-${w.subjectId}`} role='link' className='workbench-warning' onClick={() => go(fixUrl(w.fix))}>
                <Text className='workbench-warning__kind'>{WARNING_KIND_LABELS[w.kind]}</Text>
                <Text className='workbench-warning__text'>{w.message} ›</Text>
              </Control>
            ))}
          </Card>

          <Card title='趋势与排名' className='workbench-charts'>
            <LoadState loading={trends.loading} error={trends.error} onRetry={trends.reload} />
            {trends.data ? (
              <View>
                {trendData.map((chart) => (
                  <Chart key={chart.title} title={chart.title} data={chart.data} summary='最近 12 个月' />
                ))}
                {rankingData && trends.data.ranking.length > 0 ? (
                  <Chart title='下级组织综合排名' data={rankingData} summary='开课覆盖、出勤率、故事、阵地使用率四项等权，满分 100' />
                ) : null}
              </View>
            ) : null}
            {coverageData && coverageData.rows.length > 0 ? (
              <Chart
                title='下级组织开课覆盖率'
                data={coverageData}
                summary={shown.targets?.coverageRate !== undefined ? `虚线为目标：${shown.targets.coverageBy} 前达到 ${formatRate(shown.targets.coverageRate)}` : '本期未设定覆盖率目标'}
              />
            ) : null}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

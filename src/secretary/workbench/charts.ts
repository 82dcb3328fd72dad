// The workbench's chart data from the function's answers: what the charts draw and their tables list.
import type { ChartData } from '@/components/Chart'
import type { OrgOverview, RankingRow, Targets, TrendPoint } from '@/services/workbench'

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`

/** The four 12-month trends: classes, attendance rate, stories, visits. */
export function trendCharts(months: TrendPoint[]): { title: string; data: ChartData }[] {
  const rows = (value: (p: TrendPoint) => number | null) => months.map((p) => ({ label: monthLabel(p.month), value: value(p) }))
  return [
    { title: '每月开课次数', data: { kind: 'trend', valueLabel: '开课次数', rows: rows((p) => p.classesHeld) } },
    { title: '每月出勤率', data: { kind: 'trend', valueLabel: '出勤率', rate: true, rows: rows((p) => p.attendanceRate) } },
    { title: '每月故事投稿', data: { kind: 'trend', valueLabel: '投稿篇数', rows: rows((p) => p.storiesSubmitted) } },
    { title: '每月阵地到访', data: { kind: 'trend', valueLabel: '到访人次', rows: rows((p) => p.visits) } },
  ]
}

/** The child organisations by their score (0–100), best first. */
export const rankingChart = (ranking: RankingRow[]): ChartData => ({
  kind: 'ranking',
  valueLabel: '综合得分',
  rows: ranking.map((r) => ({ label: `${r.rank}. ${r.orgName}`, value: r.score })),
})

/** Each child organisation's class coverage against the district's coverage target. */
export const coverageChart = (children: OrgOverview[], targets: Targets | null): ChartData => ({
  kind: 'coverage',
  valueLabel: '开课覆盖率',
  rate: true,
  target: targets?.coverageRate ?? null,
  rows: children.filter((c) => c.classroom.orgsRequired > 0).map((c) => ({ label: c.orgName, value: c.classroom.coverageRate })),
})

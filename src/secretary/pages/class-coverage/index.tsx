// 开课情况: for a month (Beijing), which organisations held at least one class and which did not — the ones with
// "a sign on the door and no class behind it" stand out — with classes held, attendees (实到), guests (列席) and the
// attendance rate. Which organisations must hold classes, and how a committee's class counts for its branches, is
// decided once by the back end (each row's status); the header counts the same rows the list shows and the export
// writes. 只看未开课 narrows the list; 按状态 puts the organisations without a class first.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import LoadState from '@/components/LoadState'
import MonthStepper from '@/components/MonthStepper'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { useWorkbookExport } from '@/hooks/useWorkbookExport'
import { formatRate } from '@/utils/figures'
import { formatMonth, shanghaiMonth } from '@/utils/time'
import { classroomService, COVERAGE_STATUS_LABELS } from '@/services'
import type { CoverageStatus, OrgCoverage } from '@/services'
import './index.scss'

/** How deep each organisation sits under the one reported (the list comes in tree order). */
function depths(items: OrgCoverage[]): Map<string, number> {
  const depth = new Map<string, number>()
  for (const item of items) depth.set(item.orgId, item.parentId && depth.has(item.parentId) ? depth.get(item.parentId)! + 1 : 0)
  return depth
}

/** 按状态: the organisations without a class first, then those covered by their committee, those that held one,
 * and the totals last; the tree order within each. */
const STATUS_ORDER: Record<CoverageStatus, number> = { none: 0, viaCommittee: 1, held: 2, total: 3 }
type Order = 'tree' | 'status'
const ORDERS = [{ value: 'tree' as const, label: '按组织' }, { value: 'status' as const, label: '按状态' }]
type Which = 'all' | 'uncovered'
const WHICH = [{ value: 'all' as const, label: '全部' }, { value: 'uncovered' as const, label: '只看未开课' }]

export function shownRows(items: OrgCoverage[], onlyUncovered: boolean, order: Order): OrgCoverage[] {
  const rows = onlyUncovered ? items.filter((i) => i.status === 'none') : items
  if (order === 'tree') return rows
  return rows.map((row, i) => ({ row, i })).sort((a, b) => STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status] || a.i - b.i)
    .map(({ row }) => row)
}

const fetchCoverage = (month: string) => classroomService.coverage({ month })

export default function ClassCoveragePage() {
  const thisMonth = shanghaiMonth(new Date())
  const [month, setMonth] = useState(thisMonth)
  const [which, setWhich] = useState<Which>('all')
  const onlyUncovered = which === 'uncovered'
  const [order, setOrder] = useState<Order>('tree')
  const coverage = useLatestAnswer(fetchCoverage, month)
  const { exporting, note, run: runExport } = useWorkbookExport()
  const shown = coverage.data

  const depth = shown ? depths(shown.items) : new Map<string, number>()
  const rows = shown ? shownRows(shown.items, onlyUncovered, order) : []
  const exportMonth = () => runExport(() => classroomService.coverageExport({ month }), `已导出${formatMonth(month)}的开课情况。`)

  return (
    <PageShell className='coverage'>
      <MonthStepper month={month} latest={thisMonth} onChange={setMonth} />

      <LoadState loading={coverage.loading} error={coverage.error} onRetry={coverage.reload} textClassName='coverage__text' />

      {shown ? (
        <View>
          <Card className='coverage__summary'>
            <Text className='coverage__headline'>
              应开课的基层党组织 {shown.summary.orgs} 个，已开课 {shown.summary.covered} 个，未开课 {shown.summary.uncovered} 个
            </Text>
            <Text className='coverage__text'>
              共开课 {shown.summary.classesHeld} 次 · 实到 {shown.summary.attendees} 人次 · 列席 {shown.summary.guests} 人次 · 出勤率 {formatRate(shown.summary.rate)}
            </Text>
            <Text className='coverage__text'>
              社区党委、两新组织、机关单位和每个党支部都要开课；党委自己办的课，其下属支部算作「随党委开课」。列席（其他党组织的党员）不计入实到和出勤率。课程结束后计入当月。
            </Text>
          </Card>
          <AtButton type='secondary' loading={exporting} disabled={exporting} onClick={exportMonth}>导出Excel</AtButton>
          {note ? <Notice tone={note.tone}>{note.text}</Notice> : null}
          <Card title='各党组织'>
            <View className='coverage__controls'>
              <Chips options={WHICH} value={which} onChange={setWhich} className='coverage__which' />
              <Chips options={ORDERS} value={order} onChange={setOrder} className='coverage__order' />
            </View>
            {rows.length === 0 ? <Text className='coverage__text'>这个月应开课的党组织都已开课。</Text> : null}
            {rows.map((item) => (
              <View
                key={item.orgId}
                className={`coverage-org coverage-org--${item.status}`}
                style={{ paddingLeft: order === 'tree' && !onlyUncovered ? `${(depth.get(item.orgId) ?? 0) * 1.2}em` : 0 }}
              >
                <View className='coverage-org__main'>
                  <Text className='coverage-org__name'>{item.orgName}</Text>
                  <Text className={`coverage-org__flag coverage-org__flag--${item.status}`}>{COVERAGE_STATUS_LABELS[item.status]}</Text>
                </View>
                <Text className='coverage-org__figures'>
                  开课 {item.classesHeld} 次 · 实到 {item.attendees} 人次{item.guests > 0 ? ` · 列席 ${item.guests} 人次` : ''} · 出勤率 {formatRate(item.rate)}
                </Text>
              </View>
            ))}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

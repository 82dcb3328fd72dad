// 开课情况: for a month (Beijing), which organisations held at least one class and which did not — the ones with
// "a sign on the door and no class behind it" stand out — with classes held, attendees and the attendance rate.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import MonthStepper from '@/components/MonthStepper'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { formatRate } from '@/utils/figures'
import { shanghaiMonth } from '@/utils/time'
import { classroomService } from '@/services'
import type { OrgCoverage } from '@/services'
import './index.scss'

/** How deep each organisation sits under the one reported (the list comes in tree order). */
function depths(items: OrgCoverage[]): Map<string, number> {
  const depth = new Map<string, number>()
  for (const item of items) depth.set(item.orgId, item.parentId && depth.has(item.parentId) ? depth.get(item.parentId)! + 1 : 0)
  return depth
}

const fetchCoverage = (month: string) => classroomService.coverage({ month })

export default function ClassCoveragePage() {
  const thisMonth = shanghaiMonth(new Date())
  const [month, setMonth] = useState(thisMonth)
  const coverage = useLatestAnswer(fetchCoverage, month)
  const shown = coverage.data

  const depth = shown ? depths(shown.items) : new Map<string, number>()

  return (
    <PageShell className='coverage'>
      <MonthStepper month={month} latest={thisMonth} onChange={setMonth} />

      <LoadState loading={coverage.loading} error={coverage.error} onRetry={coverage.reload} textClassName='coverage__text' />

      {shown ? (
        <View>
          <Card className='coverage__summary'>
            <Text className='coverage__headline'>
              {shown.summary.orgs} 个基层党组织，已开课 {shown.summary.covered} 个，未开课 {shown.summary.uncovered} 个
            </Text>
            <Text className='coverage__text'>
              共开课 {shown.summary.classesHeld} 次 · 参加 {shown.summary.attendees} 人次 · 出勤率 {formatRate(shown.summary.rate)}
            </Text>
            <Text className='coverage__text'>课程结束后计入当月，开课中的课程暂不计入。</Text>
          </Card>
          <Card title='各党组织'>
            {shown.items.map((item) => (
              <View
                key={item.orgId}
                className={`coverage-org${item.covered ? '' : ' coverage-org--uncovered'}`}
                style={{ paddingLeft: `${(depth.get(item.orgId) ?? 0) * 1.2}em` }}
              >
                <View className='coverage-org__main'>
                  <Text className='coverage-org__name'>{item.orgName}</Text>
                  <Text className={`coverage-org__flag coverage-org__flag--${item.covered ? 'covered' : 'uncovered'}`}>
                    {item.covered ? '已开课' : '未开课'}
                  </Text>
                </View>
                <Text className='coverage-org__figures'>
                  开课 {item.classesHeld} 次 · 参加 {item.attendees} 人次 · 出勤率 {formatRate(item.rate)}
                </Text>
              </View>
            ))}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

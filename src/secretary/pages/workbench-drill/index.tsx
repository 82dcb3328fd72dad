// The records behind a workbench figure: the classes, stories or site visits of an organisation's subtree in a
// period (`?area=&orgId=&period=`), a page at a time. A class opens its attendance, a story its review page.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import Card from '@/components/Card'
import Control from '@/components/Control'
import LoadMore from '@/components/LoadMore'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { STORY_STATUS_LABELS } from '@/services'
import { AREA_LABELS, workbenchService, type Area, type DrillItem } from '@/services/workbench'
import { formatDay, formatDayTime } from '@/utils/time'
import './index.scss'

const params = () => (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
const CLASS_STATUS = { held: '已结束', upcoming: '未开始', cancelled: '已取消' } as const
const WHAT: Record<Area, string> = { classroom: '课程', story: '故事', site: '到访' }

function Row({ item }: { item: DrillItem }) {
  if (item.area === 'classroom') {
    return (
      <Control role='link' className='drill-item' onClick={() => Taro.navigateTo({ url: `${ROUTES.classAttendance}?id=${item.id}` })}>
        <Text className='drill-item__title'>{item.title}</Text>
        <Text className='drill-item__meta'>{item.orgName} · {formatDayTime(item.start)} · {CLASS_STATUS[item.status]}</Text>
        <Text className='drill-item__meta'>实到 {item.attendees}/{item.expected} 人{item.guests ? ` · 列席 ${item.guests} 人` : ''}</Text>
      </Control>
    )
  }
  if (item.area === 'story') {
    return (
      <View className='drill-item'>
        <Text className='drill-item__title'>{item.title}</Text>
        <Text className='drill-item__meta'>
          {item.orgName} · {item.authorName} · {formatDay(item.submittedAt)} · {STORY_STATUS_LABELS[item.status as keyof typeof STORY_STATUS_LABELS] ?? item.status}
          {item.featured ? ' · 精选' : ''}{item.aboutRetired ? ' · 写老党员' : ''}
        </Text>
      </View>
    )
  }
  return (
    <View className='drill-item'>
      <Text className='drill-item__title'>{item.siteName}</Text>
      <Text className='drill-item__meta'>{formatDay(item.date)} · {item.name} · {item.orgName}</Text>
    </View>
  )
}

export default function WorkbenchDrillPage() {
  const start = useMemo(params, [])
  const area = (start.area && start.area in AREA_LABELS ? start.area : 'classroom') as Area
  const list = usePagedList({
    fetch: (_: void, cursor) => workbenchService.drill({
      area, ...(start.orgId ? { orgId: start.orgId } : {}), ...(start.period ? { period: start.period } : {}), ...(cursor ? { cursor } : {}),
    }),
    query: undefined,
    idOf: (item: DrillItem) => item.id,
  })
  useEffect(() => { void list.reload() }, [])
  const head = list.page

  return (
    <PageShell className='drill'>
      {head ? (
        <Card>
          <Text className='drill__title'>{head.orgName} · {head.period.label}</Text>
          <Text className='drill__caption'>{AREA_LABELS[area]}的{WHAT[area]}明细</Text>
        </Card>
      ) : null}
      <LoadState loading={list.loading} error={list.error} onRetry={() => list.reload()} empty={!!head && list.items.length === 0} emptyText={`这一期没有${WHAT[area]}。`} />
      {list.items.length > 0 ? (
        <Card>
          {list.items.map((item) => <Row key={item.id} item={item} />)}
        </Card>
      ) : null}
      <LoadMore list={list} />
    </PageShell>
  )
}

// 课堂 tab: the classes of my organisation (and those open to the whole district), coming and past, with my own
// attendance on each; 扫码签到 in the mini-program; 我的学习记录 by year and month.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { classroomService, isSignedIn } from '@/services'
import type { ApiError, ClassSummary } from '@/services'
import { pageOfScan, readQrCode } from '@/utils/scanToken'
import { shanghaiYear } from '@/utils/time'
import ClassCard from './ClassCard'
import StudyRecord, { type StudyYear } from './StudyRecord'
import './index.scss'

type ListTab = 'upcoming' | 'past'
type Tab = ListTab | 'record'

const TABS = [
  { value: 'upcoming' as const, label: '近期课程' },
  { value: 'past' as const, label: '往期课程' },
  { value: 'record' as const, label: '我的学习记录' },
]

const fetchClasses = (tab: ListTab, cursor: string | null) => classroomService.list({
  ...(tab === 'past' ? { to: new Date().toISOString() } : {}),
  ...(cursor ? { cursor } : {}),
})

const idOf = (c: ClassSummary) => c.id

export default function ClassroomPage() {
  const [tab, setTab] = useState<Tab>('upcoming')
  // Each list keeps what it showed while the other tab is open.
  const upcoming = usePagedList({ fetch: fetchClasses, query: 'upcoming' as ListTab, idOf, active: tab === 'upcoming' })
  const past = usePagedList({ fetch: fetchClasses, query: 'past' as ListTab, idOf, active: tab === 'past' })
  const [record, setRecord] = useState<StudyYear | null>(null)
  const [recordError, setRecordError] = useState<ApiError | null>(null)
  const [signedIn, setSignedIn] = useState(isSignedIn())
  const recordRequest = useRef(0)

  const loadRecord = async (year = record?.year) => {
    const mine = ++recordRequest.current
    setRecordError(null)
    const result = await classroomService.mine(year)
    if (mine !== recordRequest.current) return
    if (result.ok) setRecord(result.data)
    else setRecordError(result)
  }

  const load = (which: Tab = tab) => {
    if (which === 'record') return loadRecord()
    return (which === 'upcoming' ? upcoming : past).reload()
  }

  // Every time the tab shows: a check-in just made shows on its class.
  useDidShow(() => {
    const now = isSignedIn()
    setSignedIn(now)
    if (now) load()
  })

  // The lists refresh themselves on a pull; the study record, here.
  usePullDownRefresh(async () => {
    if (tab !== 'record') return
    await loadRecord()
    Taro.stopPullDownRefresh()
  })

  const choose = (next: Tab) => {
    if (next === tab) return
    setTab(next)
    load(next)
  }

  const scan = async () => {
    const scanned = await readQrCode()
    if (!scanned) return // closed the camera
    // A login code or a site's code read here opens its own page, as 我的 → 扫一扫 would.
    const page = pageOfScan(scanned)
    if (!page) {
      Taro.showModal({ title: '这不是签到码', content: '请对准课堂大屏上的签到码扫描。', showCancel: false })
      return
    }
    Taro.navigateTo({ url: page })
  }

  if (!signedIn) {
    return (
      <PageShell className='classroom'>
        <Card title='新时代党员大课堂'>
          <Text className='classroom__text'>登录后可以查看本组织的课程、扫码签到和自己的学习记录。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </Card>
      </PageShell>
    )
  }

  const list = tab === 'upcoming' ? upcoming : tab === 'past' ? past : null
  const error = list ? list.error : recordError

  return (
    <PageShell className='classroom'>
      <View className='classroom__intro'>
        <Text className='classroom__title'>新时代党员大课堂</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <AtButton type='primary' className='classroom__scan' onClick={scan}>扫码签到</AtButton>
        ) : (
          <Text className='classroom__summary'>到了上课地点，用手机相机扫描大屏上的签到码即可签到。</Text>
        )}
      </View>

      <Chips className='classroom__tabs' options={TABS} value={tab} onChange={choose} />

      <LoadState
        loading={list ? list.loading : !record}
        error={error}
        onRetry={() => load()}
        empty={list ? list.items.length === 0 : false}
        emptyText={tab === 'upcoming' ? '近期没有安排课程。' : '还没有已结束的课程。'}
        textClassName='classroom__text'
      />

      {tab === 'record' && record ? (
        <StudyRecord record={record} thisYear={shanghaiYear(new Date())} onYear={(year) => loadRecord(year)} />
      ) : null}

      {list?.page ? (
        <View className='classroom__list'>
          {list.items.map((item) => <ClassCard key={item.id} item={item} />)}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

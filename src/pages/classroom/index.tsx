// 课堂 tab: the classes of my organisation (and those open to the whole district), coming and past, with my own
// attendance on each; 扫码签到 in the mini-program; 我的学习记录 by year and month.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '../../components/Card'
import Chips from '../../components/Chips'
import Notice from '../../components/Notice'
import PageShell from '../../components/PageShell'
import { ROUTES } from '../../routes'
import { classroomService, isSignedIn } from '../../services'
import type { ApiError, ClassSummary } from '../../services'
import { tokenFromScan } from '../checkin/token'
import ClassCard from './ClassCard'
import StudyRecord, { type StudyYear } from './StudyRecord'
import './index.scss'

type Tab = 'upcoming' | 'past' | 'record'

const TABS = [
  { value: 'upcoming' as const, label: '近期课程' },
  { value: 'past' as const, label: '往期课程' },
  { value: 'record' as const, label: '我的学习记录' },
]

interface ClassList {
  items: ClassSummary[]
  nextCursor: string | null
}

const listInput = (tab: 'upcoming' | 'past', cursor?: string | null) => ({
  ...(tab === 'past' ? { to: new Date().toISOString() } : {}),
  ...(cursor ? { cursor } : {}),
})

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))

export default function ClassroomPage() {
  const [tab, setTab] = useState<Tab>('upcoming')
  const [lists, setLists] = useState<Record<'upcoming' | 'past', ClassList | null>>({ upcoming: null, past: null })
  const [record, setRecord] = useState<StudyYear | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [signedIn, setSignedIn] = useState(isSignedIn())
  const latest = useRef(0)

  const load = async (next: Tab = tab, year?: number) => {
    const thisLoad = ++latest.current
    setError(null)
    if (next === 'record') {
      const result = await classroomService.mine(year ?? record?.year)
      if (thisLoad !== latest.current) return
      if (result.ok) setRecord(result.data)
      else setError(result)
      return
    }
    const result = await classroomService.list(listInput(next))
    if (thisLoad !== latest.current) return
    if (result.ok) setLists((current) => ({ ...current, [next]: result.data }))
    else setError(result)
  }

  const loadMore = async () => {
    if (tab === 'record') return
    const list = lists[tab]
    if (!list?.nextCursor || loadingMore) return
    setLoadingMore(true)
    const result = await classroomService.list(listInput(tab, list.nextCursor))
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    const known = new Set(list.items.map((c) => c.id))
    setLists((current) => ({
      ...current,
      [tab]: { items: [...list.items, ...result.data.items.filter((c) => !known.has(c.id))], nextCursor: result.data.nextCursor },
    }))
  }

  // Every time the tab shows: a check-in just made shows on its class.
  useDidShow(() => {
    const now = isSignedIn()
    setSignedIn(now)
    if (now) load()
  })

  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const choose = (next: Tab) => {
    if (next === tab) return
    setTab(next)
    load(next)
  }

  const scan = async () => {
    let scanned: { result?: string; path?: string }
    try {
      scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    } catch {
      return // closed the camera
    }
    const token = tokenFromScan(scanned)
    if (!token) {
      Taro.showModal({ title: '这不是签到码', content: '请对准课堂大屏上的签到码扫描。', showCancel: false })
      return
    }
    Taro.navigateTo({ url: `${ROUTES.checkin}?t=${token}` })
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

  const list = tab === 'record' ? null : lists[tab]

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

      {error ? (
        <View>
          <Notice tone='danger'>{error.message}</Notice>
          {error.code === 'NOT_REGISTERED' ? (
            <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去注册</AtButton>
          ) : (
            <AtButton type='secondary' onClick={() => load()}>重新加载</AtButton>
          )}
        </View>
      ) : null}

      {tab === 'record' ? (
        record ? <StudyRecord record={record} thisYear={thisYear()} onYear={(year) => load('record', year)} />
          : !error ? <Text className='classroom__text'>正在加载…</Text> : null
      ) : null}

      {tab !== 'record' && !list && !error ? <Text className='classroom__text'>正在加载…</Text> : null}

      {list ? (
        <View className='classroom__list'>
          {list.items.length === 0 ? (
            <Text className='classroom__text'>{tab === 'upcoming' ? '近期没有安排课程。' : '还没有已结束的课程。'}</Text>
          ) : null}
          {list.items.map((item) => <ClassCard key={item.id} item={item} />)}
          {list.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>加载更多</AtButton>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

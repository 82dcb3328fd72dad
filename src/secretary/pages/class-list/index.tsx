// 课程管理: the classes of the organisations the secretary manages (all of them for the district office), coming
// and held; from each, its sign-in code, attendance, edit and cancel. New classes and the month's coverage from here.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Chips from '../../../components/Chips'
import FormField from '../../../components/FormField'
import Notice from '../../../components/Notice'
import PageShell from '../../../components/PageShell'
import ClassCard from '../../../pages/classroom/ClassCard'
import { ROUTES } from '../../../routes'
import { classroomService, CLASS_LIMITS, userService } from '../../../services'
import type { ClassSummary } from '../../../services'
import './index.scss'

type Tab = 'upcoming' | 'past'

const TABS = [
  { value: 'upcoming' as const, label: '未结束' },
  { value: 'past' as const, label: '已结束' },
]

interface ClassList {
  items: ClassSummary[]
  nextCursor: string | null
}

function CancelForm({ item, onCancelled, onClose }: { item: ClassSummary; onCancelled: () => void; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!reason.trim()) return setError('请填写取消原因，参加的党员会看到')
    setBusy(true)
    const result = await classroomService.cancel(item.id, reason.trim())
    setBusy(false)
    if (result.ok) onCancelled()
    else setError(result.message)
  }

  return (
    <View className='class-list__cancel'>
      <FormField label='取消原因' error={error ?? undefined}>
        <AtTextarea
          value={reason}
          maxLength={CLASS_LIMITS.cancelReason}
          placeholder='例如：讲师临时出差，改期另行通知'
          onChange={(value: string) => {
            setReason(value)
            setError(null)
          }}
        />
      </FormField>
      <View className='class-list__cancel-actions'>
        <AtButton disabled={busy} onClick={onClose}>不取消</AtButton>
        <AtButton type='primary' loading={busy} disabled={busy} onClick={submit}>确认取消课程</AtButton>
      </View>
    </View>
  )
}

export default function ClassListPage() {
  const [tab, setTab] = useState<Tab>('upcoming')
  const [list, setList] = useState<ClassList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const scope = useRef<string | undefined | null>(null)
  const latest = useRef(0)

  const input = (which: Tab, cursor?: string | null) => ({
    ...(scope.current ? { orgId: scope.current } : {}),
    ...(which === 'past' ? { to: new Date().toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
  })

  const load = async (which: Tab = tab) => {
    const thisLoad = ++latest.current
    setError(null)
    // A secretary manages one organisation's subtree; the district office, everything (no filter).
    if (scope.current === null) {
      const me = await userService.me()
      if (!me.ok) return setError(me.message)
      scope.current = me.data.person?.role === 'secretary' ? me.data.person.scopeOrgId : undefined
    }
    const result = await classroomService.list(input(which))
    if (thisLoad !== latest.current) return
    if (result.ok) setList(result.data)
    else setError(result.message)
  }

  const loadMore = async () => {
    if (!list?.nextCursor || loadingMore) return
    setLoadingMore(true)
    const result = await classroomService.list(input(tab, list.nextCursor))
    setLoadingMore(false)
    if (!result.ok) return setError(result.message)
    const known = new Set(list.items.map((c) => c.id))
    setList({ items: [...list.items, ...result.data.items.filter((c) => !known.has(c.id))], nextCursor: result.data.nextCursor })
  }

  // Every time the page shows: back from the form or the attendance page, the list is current.
  useDidShow(() => {
    load()
  })

  const choose = (next: Tab) => {
    if (next === tab) return
    setTab(next)
    setList(null)
    load(next)
  }

  const go = (route: string, id: string) => Taro.navigateTo({ url: `${route}?id=${id}` })

  return (
    <PageShell className='class-list'>
      <View className='class-list__top'>
        <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.classEdit })}>新建课程</AtButton>
        <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.classCoverage })}>开课情况</AtButton>
      </View>
      <Chips className='class-list__tabs' options={TABS} value={tab} onChange={choose} />

      {error ? (
        <View>
          <Notice tone='danger'>{error}</Notice>
          <AtButton type='secondary' onClick={() => load()}>重新加载</AtButton>
        </View>
      ) : null}
      {!list && !error ? <Text className='class-list__text'>正在加载…</Text> : null}

      {list ? (
        <View>
          {list.items.length === 0 ? (
            <Text className='class-list__text'>{tab === 'upcoming' ? '还没有安排课程，点“新建课程”开始。' : '还没有已结束的课程。'}</Text>
          ) : null}
          {list.items.map((item) => {
            const live = item.state === 'open' || item.state === 'upcoming'
            return (
              <ClassCard key={item.id} item={item} showCounts>
                {live ? <AtButton type='primary' onClick={() => go(ROUTES.classCode, item.id)}>签到码</AtButton> : null}
                {item.state !== 'cancelled' ? (
                  <AtButton type='secondary' onClick={() => go(ROUTES.classAttendance, item.id)}>出勤</AtButton>
                ) : null}
                {live ? <AtButton onClick={() => go(ROUTES.classEdit, item.id)}>修改</AtButton> : null}
                {live ? <AtButton onClick={() => setCancelling(cancelling === item.id ? null : item.id)}>取消课程</AtButton> : null}
                {cancelling === item.id ? (
                  <CancelForm
                    item={item}
                    onClose={() => setCancelling(null)}
                    onCancelled={() => {
                      setCancelling(null)
                      load()
                    }}
                  />
                ) : null}
              </ClassCard>
            )
          })}
          {list.nextCursor ? (
            <AtButton type='secondary' loading={loadingMore} disabled={loadingMore} onClick={loadMore}>加载更多</AtButton>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

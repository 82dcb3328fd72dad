// 课程管理: the classes of the organisations the secretary manages (all of them for the district office), coming
// and held; from each, its sign-in code, attendance, edit and cancel. New classes and the month's coverage from here.
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import ClassCard from '@/pages/classroom/ClassCard'
import { ROUTES } from '@/routes'
import { classroomService, CLASS_LIMITS, userService } from '@/services'
import type { ClassSummary } from '@/services'
import './index.scss'

type Tab = 'upcoming' | 'past'

const TABS = [
  { value: 'upcoming' as const, label: '未结束' },
  { value: 'past' as const, label: '已结束' },
]

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
  const [cancelling, setCancelling] = useState<string | null>(null)
  const scope = useRef<string | undefined | null>(null)

  const fetch = async (which: Tab, cursor: string | null) => {
    // A secretary manages one organisation's subtree; the district office, everything (no filter).
    if (scope.current === null) {
      const me = await userService.me()
      if (!me.ok) return me
      scope.current = me.data.person?.role === 'secretary' ? me.data.person.scopeOrgId : undefined
    }
    return classroomService.list({
      ...(scope.current ? { orgId: scope.current } : {}),
      ...(which === 'past' ? { to: new Date().toISOString() } : {}),
      ...(cursor ? { cursor } : {}),
    })
  }
  const list = usePagedList({ fetch, query: 'upcoming' as Tab, idOf: (c: ClassSummary) => c.id })
  const tab = list.query

  // Every time the page shows: back from the form or the attendance page, the list is current.
  useDidShow(() => {
    list.reload()
  })

  const choose = (next: Tab) => {
    if (next !== tab) list.reload({ query: next, clear: true })
  }

  const go = (route: string, id: string) => Taro.navigateTo({ url: `${route}?id=${id}` })

  return (
    <PageShell className='class-list'>
      <View className='class-list__top'>
        <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.classEdit })}>新建课程</AtButton>
        <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.classCoverage })}>开课情况</AtButton>
      </View>
      <Chips className='class-list__tabs' options={TABS} value={tab} onChange={choose} />

      <LoadState
        loading={list.loading}
        error={list.error}
        onRetry={() => list.reload()}
        empty={list.items.length === 0}
        emptyText={tab === 'upcoming' ? '还没有安排课程，点“新建课程”开始。' : '还没有已结束的课程。'}
        textClassName='class-list__text'
      />

      {list.page ? (
        <View>
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
                      list.reload()
                    }}
                  />
                ) : null}
              </ClassCard>
            )
          })}
          <LoadMore list={list} />
        </View>
      ) : null}
    </PageShell>
  )
}

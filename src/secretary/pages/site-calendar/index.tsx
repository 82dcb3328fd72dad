// 预约日历: a site's bookings two weeks at a time, by day. The site's managers see every booking and who made it,
// and may confirm one or decline it with a reason (asked in place; the booker is told); others see the taken times.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import type { Booking } from '@/services'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { SITE_BOOKING_LIMITS, siteService } from '@/services'
import { formatDay, shanghaiDate } from '@/utils/time'
import BookingItem from '@/secretary/pages/site-bookings/BookingItem'
import { addDays } from '@/secretary/pages/site-book/slots'
import './index.scss'

const SPAN_DAYS = 14
const siteIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''

function DeclineForm({ booking, onDone }: { booking: Booking; onDone: (updated: Booking | null) => void }) {
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async () => {
    if (sending) return
    if (!reason.trim()) return setError('请填写婉拒的原因，预约人会看到')
    setSending(true)
    const result = await siteService.decline(booking.id, reason.trim())
    setSending(false)
    if (!result.ok) return setError(result.message)
    onDone({ ...booking, status: 'declined', reason: reason.trim(), canCancel: false, canDecide: false })
  }
  return (
    <View className='booking-item__form'>
      <AtTextarea value={reason} maxLength={SITE_BOOKING_LIMITS.reason} placeholder='婉拒的原因，例如：当天场地另有安排，请改约其他日期'
        onChange={(v: string) => { setReason(String(v)); setError(null) }} />
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <View className='booking-item__buttons'>
        <AtButton type='primary' loading={sending} disabled={sending} onClick={send}>确认婉拒</AtButton>
        <AtButton onClick={() => onDone(null)}>不婉拒了</AtButton>
      </View>
    </View>
  )
}

export default function SiteCalendarPage() {
  const [siteId] = useState(siteIdOf)
  const today = useRef(shanghaiDate(new Date())).current
  const [siteName, setSiteName] = useState('')
  const [declining, setDeclining] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)

  /** Two weeks from `start`; the site's name along with the first answer. */
  const fetchWeeks = async (start: string, cursor: string | null) => {
    const [result, site] = await Promise.all([
      siteService.bookings({ siteId, from: start, to: addDays(start, SPAN_DAYS - 1), ...(cursor ? { cursor } : {}) }),
      siteName ? null : siteService.get(siteId),
    ])
    if (site?.ok) setSiteName(site.data.name)
    return result
  }
  const list = usePagedList({ fetch: fetchWeeks, query: today, idOf: (b: Booking) => b.id })
  const from = list.query
  const calendar = list.page

  useDidShow(() => {
    list.reload()
  })

  const move = (days: number) => list.reload({ query: addDays(from, days), clear: true })

  const replace = (updated: Booking) => {
    list.mutate((current) => ({ ...current, items: current.items.map((b) => (b.id === updated.id ? updated : b)) }))
  }

  const confirm = async (b: Booking) => {
    setActionError(null)
    const result = await siteService.confirm(b.id)
    if (result.ok) replace({ ...b, confirmed: true })
    else setActionError(result.message)
  }

  const days = [...new Set(list.items.map((b) => b.date))]

  return (
    <PageShell className='site-calendar'>
      <Text className='site-calendar__name'>{siteName}</Text>
      <View className='site-calendar__range'>
        <AtButton size='small' onClick={() => move(-SPAN_DAYS)}>‹ 前两周</AtButton>
        <Text className='site-calendar__dates'>
          {formatDay(`${from}T12:00:00+08:00`).split(' ')[0]}–{formatDay(`${addDays(from, SPAN_DAYS - 1)}T12:00:00+08:00`).split(' ')[0]}
        </Text>
        <AtButton size='small' onClick={() => move(SPAN_DAYS)}>后两周 ›</AtButton>
      </View>

      {calendar && !calendar.canManage ? <Notice>这里只显示已被预约的时段；确认和婉拒由阵地的管理党组织处理。</Notice> : null}
      {actionError ? <Notice tone='danger'>{actionError}</Notice> : null}
      <LoadState
        loading={list.loading}
        error={list.error}
        onRetry={() => list.reload()}
        empty={list.items.length === 0}
        emptyText='这两周还没有预约。'
        textClassName='site-calendar__text'
      />

      {days.map((date) => (
        <Card key={date} title={`${date === today ? '今天 ' : ''}${formatDay(`${date}T12:00:00+08:00`)}`} className='site-calendar__day'>
          {list.items.filter((b) => b.date === date).map((b) => (
            <BookingItem key={b.id} booking={b} view='calendar'>
              {declining === b.id ? (
                <DeclineForm booking={b} onDone={(updated) => { setDeclining(null); if (updated) replace(updated) }} />
              ) : null}
              {b.canDecide && declining !== b.id ? (
                <View className='booking-item__buttons'>
                  {b.confirmed ? null : <AtButton size='small' type='primary' onClick={() => confirm(b)}>确认</AtButton>}
                  <AtButton size='small' onClick={() => setDeclining(b.id)}>婉拒</AtButton>
                </View>
              ) : null}
            </BookingItem>
          ))}
        </Card>
      ))}
      {calendar ? <LoadMore list={list} /> : null}
    </PageShell>
  )
}

// 我的预约: the bookings this secretary made, latest date first, with where each stands and why; 取消预约 (with an
// optional reason, asked in place, not in a pop-up) while it has not begun.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import type { Booking } from '@/services'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { SITE_BOOKING_LIMITS, siteService } from '@/services'
import BookingItem from './BookingItem'
import './index.scss'

const justBooked = () => Taro.getCurrentInstance().router?.params?.booked ?? ''

function CancelForm({ booking, onDone }: { booking: Booking; onDone: (updated: Booking | null) => void }) {
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async () => {
    if (sending) return
    setSending(true)
    const result = await siteService.cancel(booking.id, reason.trim() || undefined)
    setSending(false)
    if (!result.ok) return setError(result.message)
    onDone({ ...booking, status: 'cancelled', canCancel: false, ...(reason.trim() ? { reason: reason.trim() } : {}) })
  }
  return (
    <View className='booking-item__form'>
      <AtInput name={`cancel-${booking.id}`} placeholder='取消原因（选填），阵地管理员会看到' value={reason}
        maxlength={SITE_BOOKING_LIMITS.reason} onChange={(v: string) => setReason(String(v))} />
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <View className='booking-item__buttons'>
        <AtButton type='primary' loading={sending} disabled={sending} onClick={send}>确认取消</AtButton>
        <AtButton onClick={() => onDone(null)}>不取消了</AtButton>
      </View>
    </View>
  )
}

export default function MyBookingsPage() {
  const [booked] = useState(justBooked)
  const [cancelling, setCancelling] = useState<string | null>(null)
  const listing = usePagedList({
    fetch: (_: void, cursor) => siteService.bookings(cursor ? { cursor } : {}),
    query: undefined,
    idOf: (b: Booking) => b.id,
  })

  useDidShow(() => {
    listing.reload()
  })

  const replace = (updated: Booking) => {
    listing.mutate((current) => ({ ...current, items: current.items.map((b) => (b.id === updated.id ? updated : b)) }))
  }

  return (
    <PageShell className='my-bookings'>
      {booked ? (
        <Notice tone='success'>预约已提交。阵地管理员确认或婉拒后会通知您；到场后扫描阵地签到码签到，即确认到场。</Notice>
      ) : null}
      <LoadState loading={listing.loading} error={listing.error} onRetry={() => listing.reload()} textClassName='my-bookings__text' />
      {listing.page && listing.items.length === 0 ? (
        <View>
          <Text className='my-bookings__text'>还没有预约过阵地。在“阵地”里找到合适的阵地，就可以为本党组织预约。</Text>
          <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.site })}>去找阵地</AtButton>
        </View>
      ) : null}
      {listing.items.map((b) => (
        <BookingItem key={b.id} booking={b} view='mine'>
          {cancelling === b.id ? (
            <CancelForm booking={b} onDone={(updated) => { setCancelling(null); if (updated) replace(updated) }} />
          ) : null}
          {b.canCancel && cancelling !== b.id ? (
            <AtButton size='small' onClick={() => setCancelling(b.id)}>取消预约</AtButton>
          ) : null}
          {cancelling !== b.id ? (
            <AtButton size='small' type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.siteDetail}?id=${b.siteId}` })}>查看阵地</AtButton>
          ) : null}
        </BookingItem>
      ))}
      {listing.page ? <LoadMore list={listing} /> : null}
    </PageShell>
  )
}

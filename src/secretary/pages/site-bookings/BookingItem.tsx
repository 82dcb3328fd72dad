// One booking as the booker and the site's managers read it: when, where or for whom, what for, how many, where it
// stands (待确认 · 已确认 · 已到场 · 已婉拒 · 已取消) and why; the page adds the actions it allows.
import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import type { Booking } from '@/services'
import { BOOKING_STATUS_LABELS } from '@/services'
import { formatDay } from '@/utils/time'
import './BookingItem.scss'

export function bookingState(b: Pick<Booking, 'status' | 'confirmed' | 'arrived'>): { key: string; label: string } {
  if (b.status !== 'booked') return { key: b.status, label: BOOKING_STATUS_LABELS[b.status] }
  if (b.arrived) return { key: 'arrived', label: '已到场' }
  return b.confirmed ? { key: 'confirmed', label: '已确认' } : { key: 'waiting', label: '待确认' }
}

interface BookingItemProps {
  booking: Booking
  /** The booker's list names the day and the site; the site's calendar (by day already) the organisation and who booked. */
  view: 'mine' | 'calendar'
}

export default function BookingItem({ booking: b, view, children }: PropsWithChildren<BookingItemProps>) {
  const state = bookingState(b)
  return (
    <View className={`booking-item booking-item--${state.key}`}>
      <View className='booking-item__top'>
        <Text className='booking-item__when'>
          {view === 'mine' ? `${formatDay(`${b.date}T12:00:00+08:00`)} ` : ''}{b.start}–{b.end}
        </Text>
        <Text className={`booking-item__state booking-item__state--${state.key}`}>{state.label}</Text>
      </View>
      <Text className='booking-item__title'>{view === 'mine' ? b.siteName : b.orgName}</Text>
      <Text className='booking-item__text'>{b.purpose} · {b.headcount} 人 · {b.hours} 小时</Text>
      {view === 'mine' ? <Text className='booking-item__text'>预约单位：{b.orgName}</Text> : null}
      {view === 'calendar' && b.bookedByName ? (
        <Text className='booking-item__text'>预约人：{b.bookedByName}{b.bookedByPhone ? ` ${b.bookedByPhone}` : ''}</Text>
      ) : null}
      {b.reason ? <Text className='booking-item__reason'>{state.key === 'declined' ? '婉拒原因' : '取消原因'}：{b.reason}</Text> : null}
      {children}
    </View>
  )
}

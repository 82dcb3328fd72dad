// A class as a list shows it: what it is about, when and where, who teaches, whose it is, where it stands, and the
// reader's own attendance. The secretary's list puts its actions under it.
import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { ATTENDANCE_STATUS_LABELS, CLASS_CATEGORY_LABELS, CLASS_STATE_LABELS } from '@/services'
import type { ClassSummary } from '@/services'
import { formatTimeRange } from '@/utils/time'
import './ClassCard.scss'

interface ClassCardProps {
  item: ClassSummary
  /** Show 已签到 N / 应到 M (the secretary's list). */
  showCounts?: boolean
}

export default function ClassCard({ item, showCounts, children }: PropsWithChildren<ClassCardProps>) {
  return (
    <View className={`class-card class-card--${item.state}`}>
      <View className='class-card__tags'>
        <Text className={`class-card__state class-card__state--${item.state}`}>{CLASS_STATE_LABELS[item.state]}</Text>
        <Text className='class-card__tag'>{CLASS_CATEGORY_LABELS[item.category]}</Text>
        {item.openToAll ? <Text className='class-card__tag'>全区开放</Text> : null}
        {item.myStatus ? (
          <Text className={`class-card__mine class-card__mine--${item.myStatus}`}>我：{ATTENDANCE_STATUS_LABELS[item.myStatus]}</Text>
        ) : null}
      </View>
      <Text className='class-card__title'>{item.title}</Text>
      <Text className='class-card__topic'>{item.topic}</Text>
      <View className='class-card__row'>
        <Text className='class-card__key'>时间</Text>
        <Text className='class-card__value'>{formatTimeRange(item.start, item.end)}</Text>
      </View>
      <View className='class-card__row'>
        <Text className='class-card__key'>地点</Text>
        <Text className='class-card__value'>{item.place.name}</Text>
      </View>
      <View className='class-card__row'>
        <Text className='class-card__key'>讲师</Text>
        <Text className='class-card__value'>{item.lecturerName}</Text>
      </View>
      <View className='class-card__row'>
        <Text className='class-card__key'>主办</Text>
        <Text className='class-card__value'>{item.orgName}</Text>
      </View>
      {showCounts && item.state !== 'upcoming' && item.state !== 'cancelled' ? (
        <View className='class-card__row'>
          <Text className='class-card__key'>签到</Text>
          <Text className='class-card__value'>已签到 {item.signedIn} / 应到 {item.expected}{item.guests > 0 ? ` · 列席 ${item.guests}` : ''}</Text>
        </View>
      ) : null}
      {children ? <View className='class-card__actions'>{children}</View> : null}
    </View>
  )
}

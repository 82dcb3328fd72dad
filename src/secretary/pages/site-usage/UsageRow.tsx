// One site's month: its place in the ranking, utilisation (booked hours over open hours) as a bar and a figure,
// visits and visitors, bookings and hours, arrivals, classes hosted and their attendees, organisations served and
// how many from outside (the open-sharing figure). An idle site says so in words.
import { Text, View } from '@tarojs/components'
import Control from '@/components/Control'
import type { SiteUsage } from '@/services'
import { formatRate } from '@/utils/figures'
import { SITE_TYPE_LABELS } from '@/services'

interface UsageRowProps {
  row: SiteUsage
  onOpen?: (siteId: string) => void
}

export default function UsageRow({ row, onOpen }: UsageRowProps) {
  const width = `${Math.min(100, Math.round((row.utilisation ?? 0) * 100))}%`
  const className = `usage-row${row.idle ? ' usage-row--idle' : ''}`
  const body = (
    <>
      <View className='usage-row__top'>
        {row.rank !== null ? <Text className='usage-row__rank'>{row.rank}</Text> : null}
        <View className='usage-row__names'>
          <Text className='usage-row__name'>{row.name}</Text>
          <Text className='usage-row__kind'>{SITE_TYPE_LABELS[row.type]} · {row.managingOrgName}</Text>
        </View>
        {row.idle ? <Text className='usage-row__idle'>闲置</Text> : null}
      </View>
      <View className='usage-row__rate'>
        <Text className='usage-row__rate-label'>使用率 {formatRate(row.utilisation)}</Text>
        <View className='usage-row__bar'><View className='usage-row__fill' style={{ width }} /></View>
      </View>
      <View className='usage-row__figures'>
        <Text className='usage-row__figure'>到访 {row.visits} 人次（{row.visitors} 人）</Text>
        <Text className='usage-row__figure'>预约 {row.bookings} 次 · {row.bookedHours} 小时 / 开放 {row.openHours} 小时</Text>
        <Text className='usage-row__figure'>按约到场 {row.arrivals} 次</Text>
        <Text className='usage-row__figure'>承办课程 {row.classesHeld} 节 · 听课 {row.classAttendees} 人次</Text>
        {row.type === 'library' ? <Text className='usage-row__figure'>借阅 {row.loans} 次</Text> : null}
        <Text className='usage-row__figure'>服务党组织 {row.orgsServed} 个，其中外单位 {row.outsideOrgs} 个</Text>
      </View>
    </>
  )
  // A row opens the site's own month only where the ranking says so.
  return onOpen
    ? <Control className={className} role='link' onClick={() => onOpen(row.siteId)}>{body}</Control>
    : <View className={className}>{body}</View>
}

// A site in the directory: name and distance, open now or not, type and level, today's hours, address, capacity
// and facilities. The whole card is one large tap target that opens the site's page.
import { Image, Text, View } from '@tarojs/components'
import type { SiteSummary } from '@/services'
import { SITE_FACILITY_LABELS } from '@/services'
import { formatDistance, siteKind } from './format'
import Control from '@/components/Control'
import './SiteCard.scss'

interface SiteCardProps {
  site: SiteSummary
  onOpen: (id: string) => void
}

export default function SiteCard({ site, onOpen }: SiteCardProps) {
  const distance = site.distance !== undefined ? formatDistance(site.distance) : null
  return (
    <Control className='site-card' role='link' onClick={() => onOpen(site.id)}>
      {site.photo ? <Image className='site-card__photo' src={site.photo} mode='aspectFill' lazyLoad nativeProps={{ alt: '' }} /> : null}
      <View className='site-card__top'>
        <Text className='site-card__name'>{site.name}</Text>
        {distance ? <Text className='site-card__distance'>{distance}</Text> : null}
      </View>
      <View className='site-card__tags'>
        <Text className={`site-card__open site-card__open--${site.openNow ? 'yes' : 'no'}`}>{site.openNow ? '开放中' : '未开放'}</Text>
        {siteKind(site).map((tag) => <Text key={tag} className='site-card__tag'>{tag}</Text>)}
      </View>
      <Text className='site-card__hours'>{site.todayHours}</Text>
      <Text className='site-card__address'>{site.address}</Text>
      <Text className='site-card__meta'>
        可容纳 {site.capacity} 人{site.facilities.length ? ` · ${site.facilities.map((f) => SITE_FACILITY_LABELS[f]).join('、')}` : ''}
      </Text>
    </Control>
  )
}

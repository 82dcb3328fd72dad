// A studio's representatives and its next receptions: shown on the studio page and in the 「党代表」 section of the
// studio's site page. A representative opens their 履职 record.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Control from '@/components/Control'
import type { StudioPage } from '@/services'
import { ROUTES } from '@/routes'
import './studio.scss'

export function RepList({ studio }: { studio: StudioPage }) {
  if (studio.reps.length === 0) return <Text className='studio__muted'>工作室还没有登记党代表。</Text>
  return (
    <View>
      {studio.reps.map((rep) => (
        <Control key={rep.id} className='studio-rep' role='link' label={`${rep.name}，${rep.term}，查看履职记录`}
          onClick={() => Taro.navigateTo({ url: `${ROUTES.studioRep}?id=${rep.id}` })}>
          {rep.photoUrl ? <Image className='studio-rep__photo' src={rep.photoUrl} mode='aspectFill' nativeProps={{ alt: '' }} /> : null}
          <View className='studio-rep__body'>
            <Text className='studio-rep__name'>{rep.name}</Text>
            <Text className='studio-rep__meta'>{rep.term} · 联系电话 {rep.phone}</Text>
            {rep.intro ? <Text className='studio-rep__meta'>{rep.intro}</Text> : null}
          </View>
        </Control>
      ))}
    </View>
  )
}

export function UpcomingReceptions({ studio }: { studio: StudioPage }) {
  if (studio.upcoming.length === 0) return <Text className='studio__muted'>近期没有安排接待。</Text>
  return (
    <View>
      {studio.upcoming.map((r) => (
        <View key={`${r.date}-${r.start}`} className='studio-reception'>
          <Text className='studio-reception__day'>{r.label}</Text>
          <Text>{r.start}–{r.end}{r.repName ? ` · ${r.repName}接待` : ''}</Text>
        </View>
      ))}
    </View>
  )
}

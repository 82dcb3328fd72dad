// A 党代表工作室, `?siteId=`: its representatives (contacts masked), the next receptions and the weekly schedule, and
// 留言 (a 民情 to the studio or one representative). Its managers also reach the cases and the figures. Public.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { ROUTES } from '@/routes'
import { studioService, WEEKDAY_LABELS } from '@/services'
import { formatDay } from '@/utils/time'
import { RepList, UpcomingReceptions } from './Reps'
import './studio.scss'

const siteIdOf = () => Taro.getCurrentInstance().router?.params?.siteId ?? ''

export default function StudioPage() {
  const [siteId] = useState(siteIdOf)
  const studio = useLatestAnswer((id: string) => studioService.get(id), siteId)
  const s = studio.data
  const write = (repId?: string) => Taro.navigateTo({ url: `${ROUTES.studioWrite}?siteId=${siteId}${repId ? `&repId=${repId}` : ''}` })

  return (
    <PageShell className='studio'>
      <LoadState loading={studio.loading} error={studio.error} onRetry={studio.reload} textClassName='studio__text' />
      {s ? (
        <View>
          <Text className='studio__title'>{s.siteName}</Text>
          <Text className='studio__muted'>{s.address}</Text>
          <AtButton type='primary' onClick={() => write()}>给工作室留言（反映民情）</AtButton>
          <Card title='党代表'>
            <RepList studio={s} />
          </Card>
          <Card title='近期接待'>
            <UpcomingReceptions studio={s} />
          </Card>
          <Card title='接待安排'>
            {s.receptions.length === 0 ? <Text className='studio__muted'>还没有安排接待日。</Text> : s.receptions.map((r, i) => (
              <View key={i} className='studio-reception'>
                <Text className='studio-reception__day'>{r.weekday ? `每${WEEKDAY_LABELS[r.weekday]}` : formatDay(`${r.date}T12:00:00+08:00`)}</Text>
                <Text>{r.start}–{r.end}{r.repName ? ` · ${r.repName}` : ''}</Text>
              </View>
            ))}
          </Card>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.studioMine })}>我的民情</AtButton>
          {s.manages ? (
            <Card title='工作室管理'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.studioCases })}>民情办理</AtButton>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.studioFigures}?siteId=${siteId}` })}>办理情况统计</AtButton>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.studioReps}?siteId=${siteId}` })}>党代表与接待日</AtButton>
            </Card>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

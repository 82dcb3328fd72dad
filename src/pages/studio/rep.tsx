// A representative's 履职 record, `?id=`: who they are, when they receive people, this year's cases and how they were
// handled (no one's words: those stay with the person and the handlers). Public, like the studio's page.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { ROUTES } from '@/routes'
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS, studioService, WEEKDAY_LABELS } from '@/services'
import { formatRate } from '@/utils/figures'
import { formatDay } from '@/utils/time'
import './studio.scss'

const idOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''

export default function RepRecordPage() {
  const [id] = useState(idOf)
  const record = useLatestAnswer((repId: string) => studioService.record(repId), id)
  const r = record.data
  return (
    <PageShell className='studio-rep-page'>
      <LoadState loading={record.loading} error={record.error} onRetry={record.reload} textClassName='studio__text' />
      {r ? (
        <View>
          <Text className='studio__title'>{r.rep.name}</Text>
          <Text className='studio__muted'>{r.rep.term} · {r.siteName}</Text>
          {r.rep.intro ? <Text className='studio__muted'>{r.rep.intro}</Text> : null}
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.studioWrite}?siteId=${r.rep.siteId}&repId=${r.rep.id}` })}>
            给{r.rep.name}留言
          </AtButton>
          <Card title='接待安排'>
            {r.receptions.length === 0 ? <Text className='studio__muted'>暂无固定接待时间。</Text> : r.receptions.map((x, i) => (
              <View key={i} className='studio-reception'>
                <Text className='studio-reception__day'>{x.weekday ? `每${WEEKDAY_LABELS[x.weekday]}` : formatDay(`${x.date}T12:00:00+08:00`)}</Text>
                <Text>{x.start}–{x.end}</Text>
              </View>
            ))}
          </Card>
          <Card title='今年履职'>
            <View className='studio-figure'><Text className='studio-figure__key'>收到民情</Text><Text>{r.year.received} 件</Text></View>
            <View className='studio-figure'><Text className='studio-figure__key'>办结率</Text><Text>{formatRate(r.year.received ? r.year.closeRate : null)}</Text></View>
            <View className='studio-figure'><Text className='studio-figure__key'>平均办结</Text><Text>{r.year.closed ? `${r.year.averageDays} 天` : '—'}</Text></View>
            <View className='studio-figure'><Text className='studio-figure__key'>满意度</Text><Text>{formatRate(r.year.satisfied + r.year.basic + r.year.unsatisfied ? r.year.satisfaction : null)}</Text></View>
          </Card>
          <Card title='经办的民情'>
            {r.cases.length === 0 ? <Text className='studio__muted'>还没有经办的民情。</Text> : r.cases.map((c) => (
              <View key={c.id} className='case-step'>
                <View className='case-step__head'>
                  <Text>{CASE_KIND_LABELS[c.kind]} · {formatDay(c.submittedAt)}</Text>
                  <Text className={`case-status case-status--${c.status}`}>{CASE_STATUS_LABELS[c.status]}</Text>
                </View>
                {c.closedAt || c.rating ? (
                  <Text className='case-card__meta'>{c.closedAt ? `${formatDay(c.closedAt)}办结` : ''}{c.rating ? ` · ${RATING_LABELS[c.rating]}` : ''}</Text>
                ) : null}
              </View>
            ))}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

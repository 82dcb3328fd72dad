// 办理情况统计, `?siteId=`: a studio's month (Shanghai) — 民情 received, 办结率, average days to close, satisfaction —
// and each representative's. Counted as cases move, so the page reads one document whatever the history.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import MonthStepper from '@/components/MonthStepper'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { studioService } from '@/services'
import type { StudioFiguresView } from '@/services'
import { formatRate } from '@/utils/figures'
import { shanghaiMonth } from '@/utils/time'
import './index.scss'

const siteIdOf = () => Taro.getCurrentInstance().router?.params?.siteId ?? ''

function Figures({ f }: { f: StudioFiguresView }) {
  const rated = f.satisfied + f.basic + f.unsatisfied
  const rows: Array<[string, string]> = [
    ['收到民情', `${f.received} 件`],
    ['办结率', f.received ? `${formatRate(f.closeRate)}（${f.receivedClosed} 件已办结）` : '—'],
    ['本月办结', `${f.closed} 件`],
    ['平均办结', f.closed ? `${f.averageDays} 天` : '—'],
    ['满意度', rated ? `${formatRate(f.satisfaction)}（满意 ${f.satisfied}，基本满意 ${f.basic}，不满意 ${f.unsatisfied}）` : '—'],
  ]
  return (
    <View>
      {rows.map(([k, v]) => (
        <View key={k} className='studio-figures__row'><Text className='studio-figures__key'>{k}</Text><Text>{v}</Text></View>
      ))}
    </View>
  )
}

export default function StudioFiguresPage() {
  const [siteId] = useState(siteIdOf)
  const thisMonth = useRef(shanghaiMonth(new Date())).current
  const [month, setMonth] = useState(thisMonth)
  const report = useLatestAnswer((m: string) => studioService.figures(siteId, m), month)
  const r = report.data
  return (
    <PageShell className='studio-figures'>
      <MonthStepper month={month} latest={thisMonth} onChange={setMonth} />
      <LoadState loading={report.loading} error={report.error} onRetry={report.reload} textClassName='studio-figures__text' />
      {r ? (
        <View>
          <Card title='工作室'><Figures f={r.studio} /></Card>
          {r.reps.map((rep) => <Card key={rep.repId} title={rep.name}><Figures f={rep} /></Card>)}
        </View>
      ) : null}
    </PageShell>
  )
}

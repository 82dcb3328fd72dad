// 借阅统计: a 书屋's month (Beijing): loans, active readers, loans per copy (the usage rate), the most-borrowed books and
// the books nobody borrowed. Read from the month's pre-counted document, however many loans are behind it.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import MonthStepper from '@/components/MonthStepper'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { libraryService } from '@/services'
import { shanghaiMonth } from '@/utils/time'
import './index.scss'

const params = () => Taro.getCurrentInstance().router?.params ?? {}

export default function LibraryFiguresPage() {
  const [siteId] = useState(() => params().siteId ?? '')
  const thisMonth = useRef(shanghaiMonth(new Date())).current
  const [month, setMonth] = useState(() => (/^\d{4}-\d{2}$/.test(params().month ?? '') ? params().month! : thisMonth))
  const report = useLatestAnswer((which: string) => libraryService.figures(siteId, which), month)
  const f = report.data

  return (
    <PageShell className='library-figures'>
      <MonthStepper month={month} latest={thisMonth} onChange={setMonth} />
      <LoadState loading={report.loading} error={report.error} onRetry={report.reload} textClassName='library-figures__text' />
      {f ? (
        <View>
          <Card className='library-figures__summary'>
            <Text className='library-figures__headline'>借阅 {f.loans} 次 · 读者 {f.activeReaders} 人</Text>
            <Text className='library-figures__text'>
              在册 {f.copies} 册，每册借阅 {f.loansPerCopy === null ? '—' : f.loansPerCopy} 次（借阅次数 ÷ 在册册数，遗失的不计）
            </Text>
          </Card>
          <Card title='借得最多的书'>
            {f.mostBorrowed.length === 0 ? <Text className='library-figures__text'>本月还没有借阅。</Text> : null}
            {f.mostBorrowed.map((b, i) => (
              <Text key={b.bookId} className='library-figures__row'>{i + 1}. 《{b.title}》 {b.loans} 次</Text>
            ))}
          </Card>
          <Card title={`本月没人借的书（${f.notBorrowed.length} 种）`}>
            {f.notBorrowed.map((b) => <Text key={b.bookId} className='library-figures__row'>《{b.title}》</Text>)}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

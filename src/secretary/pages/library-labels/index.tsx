// 打印借阅标签: one label per copy of a book — its QR code (the borrow page's URL), the title, the shelf and the copy's
// number — laid out for an A4 sheet of labels (3 across) when printed; on screen, one under another.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import QrCode from '@/components/QrCode'
import { libraryService } from '@/services'
import type { LibraryOutput } from '@/services'
import './index.scss'

const isH5 = process.env.TARO_ENV === 'h5'

export default function LibraryLabelsPage() {
  const [bookId] = useState(() => Taro.getCurrentInstance().router?.params?.id ?? '')
  const [sheet, setSheet] = useState<LibraryOutput['labels'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = async () => {
    setError(null)
    const result = await libraryService.labels(bookId)
    if (!result.ok) return setError(result.message)
    setSheet(result.data)
  }
  useEffect(() => {
    load()
  }, [])

  return (
    <PageShell className='library-labels'>
      <LoadState loading={!sheet && !error} error={error} onRetry={load} textClassName='library-labels__text' />
      {sheet ? (
        <View className='library-labels__tools'>
          <Text className='library-labels__text'>每册一张，贴在书的封底。读者用微信或手机相机扫码即可借书、还书。</Text>
          {isH5 ? <AtButton type='primary' onClick={() => window.print()}>打印（A4 标签纸，每行 3 张）</AtButton>
            : <Text className='library-labels__text'>在电脑上打开本页即可打印。</Text>}
        </View>
      ) : null}
      <View className='library-labels__sheet'>
        {sheet?.labels.map((l, i) => (
          <View key={l.copyId} className='library-labels__label'>
            <QrCode url={l.url} canvasId={`library-label-${i}`} alt={`《${sheet.book.title}》第 ${l.n} 册借阅二维码`} />
            <Text className='library-labels__title'>《{sheet.book.title}》</Text>
            <Text className='library-labels__meta'>{sheet.book.siteName} · {sheet.book.shelf} · 第 {l.n} 册</Text>
            <Text className='library-labels__meta'>扫码借书、还书</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

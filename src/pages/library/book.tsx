// 图书: one book of a 书屋 and each of its copies (在架, 已借出 with the due date, 遗失, 损坏). Public. Its managers
// also see who holds each copy, print the labels, and mark a copy lost, damaged or back on the shelf (asked in place,
// with an optional note, audited).
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { COPY_STATE_LABELS, LIBRARY_RULES, libraryService } from '@/services'
import type { CopyView, LibraryOutput } from '@/services'
import { formatDay } from '@/utils/time'
import { pageParam } from '../story/pageParams'
import './book.scss'

type Mark = 'lost' | 'damaged' | 'shelf'
const MARK_BUTTONS: Array<[Mark, string]> = [['lost', '登记遗失'], ['damaged', '登记损坏'], ['shelf', '放回书架']]

function MarkForm({ copy, onDone }: { copy: CopyView; onDone: (changed: boolean) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const send = async (state: Mark) => {
    if (sending) return
    setSending(true)
    const result = await libraryService.markCopy({ copyId: copy.id, state, ...(reason.trim() ? { reason: reason.trim() } : {}) })
    setSending(false)
    if (!result.ok) return setError(result.message)
    onDone(true)
  }
  return (
    <View className='library-book__form'>
      <AtInput name={`reason-${copy.id}`} placeholder='说明（选填），如：读者报失' value={reason}
        maxlength={LIBRARY_RULES.reason} onChange={(v: string) => setReason(String(v))} />
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      {MARK_BUTTONS.filter(([state]) => state !== copy.state).map(([state, label]) => (
        <AtButton key={state} size='small' disabled={sending} onClick={() => send(state)}>{label}</AtButton>
      ))}
      <AtButton size='small' onClick={() => onDone(false)}>不改了</AtButton>
    </View>
  )
}

export default function LibraryBookPage() {
  const [id] = useState(() => pageParam('id'))
  const [book, setBook] = useState<LibraryOutput['book'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [marking, setMarking] = useState<string | null>(null)

  const load = async () => {
    setError(null)
    const result = await libraryService.book(id)
    if (!result.ok) return setError(result.message)
    setBook(result.data)
  }
  useEffect(() => {
    load()
  }, [])

  return (
    <PageShell className='library-book'>
      <LoadState loading={!book && !error} error={error} onRetry={load} textClassName='library-book__text' />
      {book ? (
        <Card>
          <Text className='library-book__title'>《{book.title}》</Text>
          <Text className='library-book__text'>{[book.author, book.publisher, book.isbn ? `ISBN ${book.isbn}` : ''].filter(Boolean).join(' · ')}</Text>
          <Text className='library-book__text'>{book.siteName} · 书架 {book.shelf} · 在架 {book.available}/{book.copies} 册</Text>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.library}?siteId=${book.siteId}` })}>书屋全部馆藏</AtButton>
        </Card>
      ) : null}
      {book ? (
        <Card title='每一册'>
          {book.copyList.map((c) => (
            <View key={c.id} className='library-book__copy'>
              <View className='library-book__row'>
                <Text className='library-book__n'>第 {c.n} 册</Text>
                <Text className={`library-book__state library-book__state--${c.state}`}>
                  {COPY_STATE_LABELS[c.state]}{c.state === 'lent' && c.dueDate ? ` · ${formatDay(`${c.dueDate}T12:00:00+08:00`)}应还` : ''}
                </Text>
              </View>
              {c.holderName ? <Text className='library-book__text'>借阅人：{c.holderName}</Text> : null}
              {book.manages && marking === c.id ? (
                <MarkForm copy={c} onDone={(changed) => { setMarking(null); if (changed) load() }} />
              ) : null}
              {book.manages && marking !== c.id ? <AtButton size='small' onClick={() => setMarking(c.id)}>登记状态</AtButton> : null}
            </View>
          ))}
        </Card>
      ) : null}
      {book?.manages ? (
        <Card title='书屋管理'>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryLabels}?id=${book.id}` })}>打印借阅标签</AtButton>
        </Card>
      ) : null}
    </PageShell>
  )
}

// 借书 · 还书: opened by a copy's printed label (any phone camera on H5; WeChat's plain-link rule or a scan in the
// mini-program). Shows the book, the copy's state and the due date a loan would have; 借阅 confirms (on weapp the same
// tap asks once for the two due-date reminders). The holder's scan of the same label offers 归还 and, once and
// before the due date, 续借. After returning, 写读书心得 starts a 微故事 draft naming the book.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { COPY_STATE_LABELS, LIBRARY_REMINDER_TEMPLATES, LIBRARY_RULES, libraryService } from '@/services'
import type { ApiError, LibraryOutput, Loan } from '@/services'
import { LIBRARY_CODE, readQrCode, tokenFromParams, tokenFromScan } from '@/utils/scanToken'
import { formatDay } from '@/utils/time'
import './borrow.scss'

type Done = { kind: 'borrowed' | 'renewed' | 'returned'; loan: Loan }

/** On weapp, the borrow tap asks once for both reminders; answers whether both were accepted. */
async function askForReminders(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  const ids = [LIBRARY_REMINDER_TEMPLATES.soon, LIBRARY_REMINDER_TEMPLATES.due]
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    return ids.every((id) => res[id] === 'accept')
  } catch {
    return false
  }
}

const dueWords = (date: string) => formatDay(`${date}T12:00:00+08:00`)

export default function LibraryBorrowPage() {
  const [copyId] = useState(() => tokenFromParams(LIBRARY_CODE, Taro.getCurrentInstance().router?.params ?? {}) ?? '')
  const [view, setView] = useState<LibraryOutput['copy'] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [acting, setActing] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  const [done, setDone] = useState<Done | null>(null)

  const load = async () => {
    setError(null)
    const result = await libraryService.copy(copyId)
    if (!result.ok) return setError(result)
    setView(result.data)
  }

  useEffect(() => {
    if (copyId) load()
  }, [])

  const act = async (kind: Done['kind']) => {
    if (acting) return
    setActing(true)
    setActionError(null)
    const result = kind === 'borrowed' ? await libraryService.borrow(copyId, await askForReminders())
      : kind === 'renewed' ? await libraryService.renew(copyId) : await libraryService.giveBack(copyId)
    setActing(false)
    if (!result.ok) {
      setActionError(result.message)
      return load()
    }
    setDone({ kind, loan: result.data })
  }

  const scanAgain = async () => {
    const scanned = await readQrCode()
    const id = scanned && tokenFromScan(LIBRARY_CODE, scanned)
    if (id) Taro.redirectTo({ url: `${ROUTES.libraryBorrow}?t=${id}` })
  }

  if (!copyId) {
    return (
      <PageShell className='library-borrow'>
        <Card title='没有读到图书标签'>
          <Text className='library-borrow__text'>请扫描书上贴的借阅二维码标签。</Text>
          {process.env.TARO_ENV === 'weapp' ? <AtButton type='primary' onClick={scanAgain}>扫码</AtButton> : null}
        </Card>
      </PageShell>
    )
  }

  if (done) {
    const { loan } = done
    return (
      <PageShell className='library-borrow'>
        <Card title={done.kind === 'borrowed' ? '借阅成功' : done.kind === 'renewed' ? '续借成功' : '归还成功'} className='library-borrow__done'>
          <Text className='library-borrow__title'>《{loan.title}》</Text>
          {done.kind === 'returned' ? (
            <Text className='library-borrow__text'>已归还到{loan.siteName}，请把书放回书架。谢谢！</Text>
          ) : (
            <Text className='library-borrow__due'>请在 {dueWords(loan.dueDate)} 前归还</Text>
          )}
          {done.kind === 'borrowed' ? (
            <Text className='library-borrow__text'>还书时再扫一次这张标签即可归还；到期前可续借一次（{LIBRARY_RULES.renewDays} 天）。</Text>
          ) : null}
          {done.kind === 'returned' ? (
            <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.storyWrite}?book=${encodeURIComponent(loan.title)}` })}>
              写读书心得
            </AtButton>
          ) : null}
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.libraryMine })}>我的借阅</AtButton>
        </Card>
      </PageShell>
    )
  }

  const copy = view?.copy
  return (
    <PageShell className='library-borrow'>
      <LoadState
        loading={!view && !error}
        error={error?.message ?? null}
        onRetry={error?.code === 'NOT_REGISTERED' || error?.code === 'NOT_FOUND' ? undefined : load}
        errorActions={error?.code === 'NOT_REGISTERED'
          ? <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去登记</AtButton> : null}
        textClassName='library-borrow__text'
      />
      {view && copy ? (
        <Card>
          <Text className='library-borrow__title'>《{view.book.title}》</Text>
          <Text className='library-borrow__text'>
            {[view.book.author, view.book.publisher].filter(Boolean).join(' · ')}
          </Text>
          <View className='library-borrow__facts'>
            <Text className='library-borrow__fact'>{view.book.siteName} · 书架 {view.book.shelf} · 第 {copy.n} 册</Text>
            <Text className={`library-borrow__state library-borrow__state--${copy.state}`}>{COPY_STATE_LABELS[copy.state]}</Text>
          </View>
          {actionError ? <Notice tone='danger'>{actionError}</Notice> : null}

          {copy.state === 'shelf' ? (
            <View>
              <Text className='library-borrow__due'>借阅 {LIBRARY_RULES.loanDays} 天，请在 {dueWords(view.dueIfBorrowedNow)} 前归还</Text>
              {process.env.TARO_ENV === 'weapp' ? (
                <Text className='library-borrow__text'>点“借阅”时可以同意到期提醒：到期前 {LIBRARY_RULES.remindDaysBefore} 天和到期当天各提醒一次。</Text>
              ) : null}
              <AtButton type='primary' loading={acting} disabled={acting} onClick={() => act('borrowed')}>借阅</AtButton>
            </View>
          ) : null}

          {copy.state === 'lent' && copy.mine ? (
            <View>
              <Text className='library-borrow__due'>在您手上，应还日期 {dueWords(copy.dueDate!)}</Text>
              <AtButton type='primary' loading={acting} disabled={acting} onClick={() => act('returned')}>归还</AtButton>
              {view.canRenew ? (
                <AtButton type='secondary' disabled={acting} onClick={() => act('renewed')}>续借 {LIBRARY_RULES.renewDays} 天（只能续借一次）</AtButton>
              ) : (
                <Text className='library-borrow__text'>已续借过或已超过应还日期的书不能再续借。</Text>
              )}
            </View>
          ) : null}

          {copy.state === 'lent' && !copy.mine ? (
            <Text className='library-borrow__text'>这本书已被借出，应还日期 {dueWords(copy.dueDate!)}。可以先看看书架上的其他书。</Text>
          ) : null}
          {copy.state === 'lost' || copy.state === 'damaged' ? (
            <Text className='library-borrow__text'>这本书已登记为{COPY_STATE_LABELS[copy.state]}，暂不能借阅，请联系书屋管理员。</Text>
          ) : null}
          <AtButton onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryBook}?id=${view.book.id}` })}>查看这本书</AtButton>
        </Card>
      ) : null}
    </PageShell>
  )
}

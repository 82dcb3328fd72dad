// 添加图书: a book for a 书屋, by its ISBN (scanned from the barcode on weapp, typed on H5; the check digit is checked
// as it is typed) or by hand without one; title, author, publisher, copies and shelf. Kept as a local draft until the
// server has it; then the labels of its copies are one tap away.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Card from '@/components/Card'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { LIBRARY_RULES, libraryService, normalizeIsbn } from '@/services'
import { useDraft } from '@/utils/useDraft'
import './index.scss'

interface BookDraft { isbn: string; title: string; author: string; publisher: string; copies: string; shelf: string }
const EMPTY: BookDraft = { isbn: '', title: '', author: '', publisher: '', copies: '1', shelf: '' }
type Errors = Partial<Record<keyof BookDraft, string>>

function check(d: BookDraft): Errors {
  const e: Errors = {}
  if (d.isbn.trim() && !normalizeIsbn(d.isbn)) e.isbn = 'ISBN 不正确：请核对书背条形码下方的 10 位或 13 位数字（末位是校验位）'
  if (!d.title.trim()) e.title = '请填写书名'
  const n = Number(d.copies)
  if (!Number.isInteger(n) || n < 1 || n > LIBRARY_RULES.maxCopies) e.copies = `册数应为 1 到 ${LIBRARY_RULES.maxCopies} 的整数`
  if (!d.shelf.trim()) e.shelf = '请填写书架位置，如 A-1'
  return e
}

export default function LibraryAddPage() {
  const [siteId] = useState(() => Taro.getCurrentInstance().router?.params?.siteId ?? '')
  const { draft, update, clear } = useDraft<BookDraft>(`library.add.${siteId}`, EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [added, setAdded] = useState<{ id: string; title: string } | null>(null)

  const scanIsbn = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode'] })
      update({ isbn: res.result ?? '' })
      setErrors(check({ ...draft, isbn: res.result ?? '' }))
    } catch {
      // The person closed the camera.
    }
  }

  const submit = async () => {
    const found = check(draft)
    setErrors(found)
    if (Object.keys(found).length > 0 || sending) return
    setSending(true)
    const opt = (v: string) => (v.trim() ? v.trim() : undefined)
    const result = await libraryService.addBook({
      siteId, title: draft.title.trim(), copies: Number(draft.copies), shelf: draft.shelf.trim(),
      ...(opt(draft.isbn) ? { isbn: draft.isbn.trim() } : {}),
      ...(opt(draft.author) ? { author: draft.author.trim() } : {}),
      ...(opt(draft.publisher) ? { publisher: draft.publisher.trim() } : {}),
    })
    setSending(false)
    if (!result.ok) {
      const fields: Errors = {}
      for (const f of result.fields ?? []) fields[f.field as keyof BookDraft] = f.message
      setErrors(fields)
      return setFormError(result.message)
    }
    setAdded({ id: result.data.id, title: draft.title.trim() })
    setFormError(null)
    clear()
  }

  const field = (key: keyof BookDraft, label: string, placeholder: string, optional = false) => (
    <FormField label={label} error={errors[key]} optional={optional}>
      <AtInput name={key} placeholder={placeholder} value={draft[key]} type={key === 'copies' ? 'number' : 'text'}
        onChange={(v: string) => update({ [key]: String(v) })} />
    </FormField>
  )

  return (
    <PageShell className='library-add'>
      {added ? (
        <Card title='已添加'>
          <Text className='library-add__text'>《{added.title}》已登记到馆藏。请打印借阅标签，贴在每一册书上。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryLabels}?id=${added.id}` })}>打印借阅标签</AtButton>
          <AtButton onClick={() => setAdded(null)}>继续添加</AtButton>
        </Card>
      ) : null}
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}
      <Card>
        {field('isbn', 'ISBN', '书背条形码下方的数字', true)}
        {process.env.TARO_ENV === 'weapp' ? <AtButton size='small' onClick={scanIsbn}>扫描条形码</AtButton> : null}
        {field('title', '书名', '如：红岩')}
        {field('author', '作者', '如：罗广斌、杨益言', true)}
        {field('publisher', '出版社', '如：人民文学出版社', true)}
        {field('copies', '册数', `1 到 ${LIBRARY_RULES.maxCopies}`)}
        {field('shelf', '书架位置', '如：A-1')}
        <AtButton type='primary' loading={sending} disabled={sending} onClick={submit}>添加到馆藏</AtButton>
      </Card>
    </PageShell>
  )
}

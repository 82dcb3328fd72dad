// 预约阵地: a secretary books a slot at a site for their organisation — a day, a start and an end inside the opening
// hours (taken half-hours are shown and cannot be chosen), how many people (within capacity) and what for. Every
// change is kept as a local draft at once; the draft is cleared only when the booking is accepted. If someone else
// took the slot meanwhile (CONFLICT), the page says so at the top and at the time, shows the day's bookings again,
// and keeps everything typed.
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Card from '@/components/Card'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { SITE_BOOKING_LIMITS, siteService } from '@/services'
import type { ApiError, Booking, SiteDetail } from '@/services'
import { formatClock, formatDay, shanghaiDate } from '@/utils/time'
import { overLimit, TYPING_ROOM } from '@/utils/textLimit'
import { useDraft } from '@/utils/useDraft'
import ChoiceGrid, { type Choice } from './ChoiceGrid'
import {
  addDays, busyMinutes, clockMinutes, endChoices, firstBookableDate, spansOn, startChoices, minutesClock,
} from './slots'
import Control from '@/components/Control'
import './index.scss'

export interface BookingDraft {
  date: string
  start: string
  end: string
  /** As typed: checked when sent. */
  headcount: string
  purpose: string
}

type Field = keyof BookingDraft
type FieldErrors = Partial<Record<Field, string>>

export const bookingDraftKey = (siteId: string) => `site.book.${siteId}`
const EMPTY: BookingDraft = { date: '', start: '', end: '', headcount: '', purpose: '' }
/** Days shown as tappable dates; later ones (up to the booking window) through the date picker. */
const DAYS_SHOWN = 14

const siteIdOf = () => Taro.getCurrentInstance().router?.params?.siteId ?? ''

function shanghaiNow() {
  const now = new Date()
  return { date: shanghaiDate(now), minute: clockMinutes(formatClock(now)) }
}

const dayLabel = (date: string) => formatDay(`${date}T12:00:00+08:00`)
/** As the server says a day's hours: `全天开放`, or `09:00–12:00、14:00–17:30`. */
const spansLabel = (spans: Array<[number, number]>) =>
  (spans.length === 1 && spans[0][0] === 0 && spans[0][1] === 1440
    ? '全天开放'
    : spans.map(([a, b]) => `${minutesClock(a)}–${minutesClock(b)}`).join('、'))

function check(d: BookingDraft, capacity: number): FieldErrors {
  const e: FieldErrors = {}
  if (!d.date) e.date = '请选择日期'
  if (!d.start) e.start = '请选择开始时间'
  if (!d.end) e.end = '请选择结束时间'
  const headcount = Number(d.headcount)
  if (!d.headcount.trim()) e.headcount = '请填写参加人数'
  else if (!Number.isInteger(headcount) || headcount < 1) e.headcount = '参加人数应为正整数'
  else if (headcount > capacity) e.headcount = `这里最多容纳 ${capacity} 人`
  const purposeOver = overLimit('活动内容', d.purpose, SITE_BOOKING_LIMITS.purpose)
  if (!d.purpose.trim()) e.purpose = '请填写活动内容'
  else if (purposeOver) e.purpose = purposeOver
  return e
}

/** The server's refusal: next to its field, and (a taken slot, or nothing to point at) above the form. */
function placeErrors(error: ApiError): { fields: FieldErrors; form: { title: string; message: string } | null } {
  const fields: FieldErrors = {}
  for (const { field, message } of error.fields ?? []) {
    if (field in EMPTY && !fields[field as Field]) fields[field as Field] = message
  }
  if (error.code === 'CONFLICT') return { fields, form: { title: '这个时段已被预约', message: error.message } }
  return { fields, form: Object.keys(fields).length ? null : { title: '预约没有成功', message: error.message } }
}

export default function SiteBookPage() {
  const [siteId] = useState(siteIdOf)
  const [site, setSite] = useState<SiteDetail | null>(null)
  const [calendar, setCalendar] = useState<Booking[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const { draft, update, clear } = useDraft<BookingDraft>(bookingDraftKey(siteId), EMPTY)
  const [restored] = useState(() => draft.purpose !== '' || draft.headcount !== '' || draft.start !== '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<{ title: string; message: string } | null>(null)
  const [sending, setSending] = useState(false)
  const now = useRef(shanghaiNow()).current

  const loadCalendar = async () => {
    const result = await siteService.bookings({ siteId, from: now.date, to: addDays(now.date, SITE_BOOKING_LIMITS.maxDaysAhead) })
    if (result.ok) setCalendar(result.data.items)
    return result.ok ? result.data.items : null
  }

  const load = async () => {
    setLoadError(null)
    const [got, items] = await Promise.all([siteService.get(siteId), loadCalendar()])
    if (!got.ok) return setLoadError(got.message)
    setSite(got.data)
    // A fresh form starts on the first day with a free half-hour; a restored draft keeps its own (if still ahead).
    if (!draft.date || draft.date < now.date) {
      const busyOf = (date: string) => busyMinutes(items ?? [], date)
      update({ date: firstBookableDate(got.data, now, busyOf), start: '', end: '' })
    }
  }

  useEffect(() => {
    load()
  }, [])

  const busy = useMemo(() => busyMinutes(calendar, draft.date), [calendar, draft.date])
  const starts = useMemo(() => (site ? startChoices(site, draft.date, busy, now) : []), [site, draft.date, busy])
  const ends = useMemo(() => (site && draft.start ? endChoices(site, draft.date, draft.start, busy) : []), [site, draft.date, draft.start, busy])
  const dayBookings = calendar.filter((b) => b.date === draft.date && b.status === 'booked')

  const change = (patch: Partial<BookingDraft>) => {
    update(patch)
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[key as Field]
      return next
    })
  }

  const chooseDate = (date: string) => change({ date, start: '', end: '' })
  const chooseStart = (start: string) => {
    // Keep the end when it still fits after the new start; otherwise offer the shortest slot.
    const fits = site ? endChoices(site, draft.date, start, busy) : []
    change({ start, end: fits.includes(draft.end) ? draft.end : fits[0] ?? '' })
  }

  const submit = async () => {
    if (!site || sending) return
    const missing = check(draft, site.capacity)
    setErrors(missing)
    setFormError(Object.keys(missing).length ? { title: '还有几项没有填好', message: '请看标红的提示。' } : null)
    if (Object.keys(missing).length) return
    setSending(true)
    const result = await siteService.book({
      siteId, date: draft.date, start: draft.start, end: draft.end,
      headcount: Number(draft.headcount), purpose: draft.purpose.trim(),
    })
    setSending(false)
    if (result.ok) {
      clear()
      Taro.redirectTo({ url: `${ROUTES.siteBookings}?booked=${result.data.id}` })
      return
    }
    const placed = placeErrors(result)
    setErrors(placed.fields)
    setFormError(placed.form)
    // Someone else's booking may be why: show the day as it is now.
    if (result.code === 'CONFLICT' || result.code === 'NOT_OPEN') loadCalendar()
  }

  if (!site) {
    return (
      <PageShell className='site-book'>
        <LoadState loading error={loadError} onRetry={load} textClassName='site-book__text' />
      </PageShell>
    )
  }

  const dayChoices: Choice[] = Array.from({ length: DAYS_SHOWN }, (_, i) => {
    const date = addDays(now.date, i)
    const free = startChoices(site, date, busyMinutes(calendar, date), now).some((c) => !c.busy)
    const open = spansOn(site, date).length > 0
    const [day, weekday] = dayLabel(date).split(' ')
    return {
      value: date,
      label: day,
      sub: i === 0 ? `今天 ${weekday}` : weekday,
      ...(free ? {} : { unavailable: open ? '已约满' : '不开放' }),
    }
  })
  const farDate = draft.date && !dayChoices.some((d) => d.value === draft.date)
  const spans = spansOn(site, draft.date)

  return (
    <PageShell className='site-book'>
      {restored ? <Notice tone='success'>已恢复上次没填完的预约，可以接着填。</Notice> : null}
      {formError ? (
        <Notice tone='danger'>
          <Text className='site-book__error-title'>{formError.title}</Text>
          <Text className='site-book__error-text'>{formError.message}</Text>
        </Notice>
      ) : null}

      <Card className='site-book__site'>
        <Text className='site-book__name'>{site.name}</Text>
        <Text className='site-book__text'>{site.address} · 最多容纳 {site.capacity} 人</Text>
      </Card>

      <Card title='日期'>
        <FormField label='预约日期' error={errors.date}>
          <ChoiceGrid className='site-book__days' columns={3} choices={dayChoices} value={draft.date} onChange={chooseDate} />
          <Picker
            mode='date'
            value={draft.date || now.date}
            start={now.date}
            end={addDays(now.date, SITE_BOOKING_LIMITS.maxDaysAhead)}
            onChange={(e) => chooseDate(String(e.detail.value))}
          >
            <Control className='site-book__more' role='button'>
              {farDate ? `已选 ${dayLabel(draft.date)}，点这里换一天` : `更晚的日期（最多提前 ${SITE_BOOKING_LIMITS.maxDaysAhead} 天）`}
            </Control>
          </Picker>
        </FormField>
      </Card>

      <Card title='时间'>
        <Text className='site-book__hours'>
          {draft.date ? `${dayLabel(draft.date)}开放：${spans.length ? spansLabel(spans) : '不开放'}` : ''}
        </Text>
        {dayBookings.length ? (
          <View className='site-book__taken'>
            <Text className='site-book__taken-title'>当天已有预约</Text>
            {dayBookings.map((b) => (
              <Text key={b.id} className='site-book__taken-item'>{b.start}–{b.end} {b.orgName}</Text>
            ))}
          </View>
        ) : null}
        <FormField label='开始时间' error={errors.start}>
          {starts.length ? (
            <ChoiceGrid
              columns={4}
              choices={starts.map((s) => ({ value: s.value, label: s.value, ...(s.busy ? { unavailable: '已约' } : {}) }))}
              value={draft.start}
              onChange={chooseStart}
            />
          ) : <Text className='site-book__text'>这一天没有可以预约的时段，请换一天。</Text>}
        </FormField>
        {draft.start ? (
          <FormField label='结束时间' error={errors.end} hint={`一次最多 ${SITE_BOOKING_LIMITS.maxBookingHours} 小时`}>
            <ChoiceGrid columns={4} choices={ends.map((e) => ({ value: e, label: e }))} value={draft.end} onChange={(end) => change({ end })} />
          </FormField>
        ) : null}
      </Card>

      <Card title='活动'>
        <FormField label='参加人数' hint={`最多 ${site.capacity} 人`} error={errors.headcount}>
          <AtInput name='headcount' type='number' placeholder='大约多少人参加' value={draft.headcount}
            onChange={(v: string) => change({ headcount: String(v) })} />
        </FormField>
        <FormField label='活动内容' limit={{ text: draft.purpose, max: SITE_BOOKING_LIMITS.purpose }} error={errors.purpose}>
          <AtInput name='purpose' placeholder='例如：第一党支部主题党日' value={draft.purpose} maxlength={TYPING_ROOM}
            onChange={(v: string) => change({ purpose: String(v) })} />
        </FormField>
      </Card>

      <AtButton type='primary' loading={sending} disabled={sending} onClick={submit}>提交预约</AtButton>
      <Text className='site-book__hint'>填写的内容会自动保存在本机，关掉再打开也不会丢。预约后阵地管理员可能确认或婉拒，结果会通知您。</Text>
    </PageShell>
  )
}

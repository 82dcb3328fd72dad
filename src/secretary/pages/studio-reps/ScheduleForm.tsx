// The studio's reception schedule (接待日): each time listed with a button to take it out, and a form that adds a
// weekly time (每周几) or a one-off date, optionally with the representative who receives. Every change saves the
// whole schedule at once, as the server keeps it.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import { studioService, WEEKDAY_LABELS } from '@/services'
import type { ReceptionSlot, StudioPage } from '@/services'
import { formatDay } from '@/utils/time'

type Kind = 'weekly' | 'once'
interface SlotDraft { kind: Kind | null; weekday: string | null; date: string; start: string; end: string; repId: string }
type Errors = Partial<Record<'kind' | 'weekday' | 'date' | 'start' | 'end' | 'repId', string>>

const EMPTY: SlotDraft = { kind: null, weekday: null, date: '', start: '', end: '', repId: '' }
const KINDS = [{ value: 'weekly' as Kind, label: '每周固定' }, { value: 'once' as Kind, label: '某一天' }]
const WEEKDAYS = Object.entries(WEEKDAY_LABELS).map(([value, label]) => ({ value, label }))
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s

function check(d: SlotDraft): Errors {
  const e: Errors = {}
  if (!d.kind) e.kind = '请选择“每周固定”或“某一天”'
  if (d.kind === 'weekly' && !d.weekday) e.weekday = '请选择每周几接待'
  if (d.kind === 'once' && !isDate(d.date.trim())) e.date = '接待日期应为 年-月-日，如 2026-12-10'
  if (!HHMM.test(d.start.trim())) e.start = '开始时间应为 时:分，如 09:00'
  if (!HHMM.test(d.end.trim())) e.end = '结束时间应为 时:分，如 11:30'
  else if (!e.start && d.end.trim() <= d.start.trim()) e.end = '结束时间应晚于开始时间'
  return e
}

/** A slot as the server takes it (the page's copy also carries the representative's name). */
const asSaved = ({ weekday, date, start, end, repId }: ReceptionSlot): ReceptionSlot =>
  ({ ...(weekday ? { weekday } : {}), ...(date ? { date } : {}), start, end, ...(repId ? { repId } : {}) })

const slotLabel = (r: ReceptionSlot) =>
  `${r.weekday ? `每${WEEKDAY_LABELS[r.weekday]}` : formatDay(`${r.date}T12:00:00+08:00`)} ${r.start}–${r.end}${r.repName ? ` · ${r.repName}` : ''}`

export default function ScheduleForm({ studio, onSaved }: { studio: StudioPage; onSaved: (what: string) => void }) {
  const [draft, setDraft] = useState<SlotDraft>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const change = (patch: Partial<SlotDraft>) => setDraft({ ...draft, ...patch })
  const reps = [{ value: '', label: '不指定' }, ...studio.reps.map((r) => ({ value: r.id, label: r.name }))]

  const save = async (receptions: ReceptionSlot[], what: string) => {
    setSending(true)
    const result = await studioService.saveSchedule({ siteId: studio.siteId, receptions: receptions.map(asSaved) })
    setSending(false)
    if (!result.ok) {
      // The new time is the last of the list: its field errors are the form's.
      const last = `receptions.${receptions.length - 1}.`
      const fields: Errors = {}
      for (const f of result.fields ?? []) if (f.field.startsWith(last)) fields[f.field.slice(last.length) as keyof Errors] = f.message
      setErrors(fields)
      return setFormError(result.message)
    }
    setFormError(null)
    onSaved(what)
  }

  const add = async () => {
    const problems = check(draft)
    setErrors(problems)
    if (Object.keys(problems).length > 0 || sending) return
    const slot: ReceptionSlot = {
      ...(draft.kind === 'weekly' ? { weekday: Number(draft.weekday) } : { date: draft.date.trim() }),
      start: draft.start.trim(), end: draft.end.trim(), ...(draft.repId ? { repId: draft.repId } : {}),
    }
    await save([...studio.receptions, slot], `已添加接待时间：${slotLabel(slot)}`)
    setDraft(EMPTY)
  }

  const time = (key: 'start' | 'end', label: string, placeholder: string) => (
    <FormField label={label} error={errors[key]}>
      <AtInput name={`slot-${key}`} placeholder={placeholder} value={draft[key]} onChange={(v: string) => change({ [key]: String(v) })} />
    </FormField>
  )

  return (
    <View>
      {studio.receptions.length === 0 ? <Text className='studio-reps__text'>还没有安排接待日。</Text> : studio.receptions.map((r, i) => (
        <View key={i} className='studio-reps__row'>
          <Text className='studio-reps__meta'>{slotLabel(r)}</Text>
          <AtButton size='small' disabled={sending}
            onClick={() => save(studio.receptions.filter((_r, j) => j !== i), `已取消接待时间：${slotLabel(r)}`)}>
            取消{slotLabel(r)}
          </AtButton>
        </View>
      ))}
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}
      <FormField label='接待方式' error={errors.kind}>
        <Chips options={KINDS} value={draft.kind} onChange={(kind) => change({ kind })} />
      </FormField>
      {draft.kind === 'weekly' ? (
        <FormField label='每周几' error={errors.weekday}>
          <Chips options={WEEKDAYS} value={draft.weekday} onChange={(weekday) => change({ weekday })} />
        </FormField>
      ) : null}
      {draft.kind === 'once' ? (
        <FormField label='接待日期' error={errors.date}>
          <AtInput name='slot-date' placeholder='年-月-日，如 2026-12-10' value={draft.date} onChange={(v: string) => change({ date: String(v) })} />
        </FormField>
      ) : null}
      {time('start', '开始时间', '时:分，如 09:00')}
      {time('end', '结束时间', '时:分，如 11:30')}
      <FormField label='接待的党代表' optional error={errors.repId}>
        <Chips options={reps} value={draft.repId} onChange={(repId) => change({ repId })} />
      </FormField>
      <AtButton type='primary' loading={sending} disabled={sending} onClick={add}>添加接待时间</AtButton>
    </View>
  )
}

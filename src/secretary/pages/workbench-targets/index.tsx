// The district's targets for a period (`?period=`): everyone who sees the workbench reads them; the district office
// (admin) sets them here, with a reason kept in the audit log. Typed numbers are kept as a draft until saved. Rates
// are typed as percentages and sent as shares; a target left empty is not judged.
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Card from '@/components/Card'
import Control from '@/components/Control'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { workbenchService, type TargetFields, type Targets } from '@/services/workbench'
import { formatRate } from '@/utils/figures'
import { useDraft } from '@/utils/useDraft'
import { currentPeriod, periodLabel } from '../../workbench/period'
import './index.scss'

const params = () => (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>

interface Draft {
  coverageRate: string
  coverageBy: string
  minClassesPerQuarter: string
  storiesPerCommunity: string
  minUtilisation: string
  reason: string
}
type Field = keyof Draft
const EMPTY: Draft = { coverageRate: '', coverageBy: '', minClassesPerQuarter: '', storiesPerCommunity: '', minUtilisation: '', reason: '' }

const percent = (share: number | undefined) => (share === undefined ? '' : String(Math.round(share * 1000) / 10))
const fromTargets = (t: Targets | null): Draft => ({
  ...EMPTY,
  coverageRate: percent(t?.coverageRate),
  coverageBy: t?.coverageBy ?? '',
  minClassesPerQuarter: t?.minClassesPerQuarter === undefined ? '' : String(t.minClassesPerQuarter),
  storiesPerCommunity: t?.storiesPerCommunity === undefined ? '' : String(t.storiesPerCommunity),
  minUtilisation: percent(t?.minUtilisation),
})

/** The draft as the contract takes it; a number the person typed that is not one stays a string, so the server
 * says which field is wrong in its own words. */
export function targetsInput(d: Draft): TargetFields {
  const num = (s: string) => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : (s as unknown as number))
  const share = (s: string) => { const n = num(s); return typeof n === 'number' ? Math.round(n * 10) / 1000 : n }
  const out: Record<string, unknown> = {
    coverageRate: share(d.coverageRate),
    coverageBy: d.coverageBy || undefined,
    minClassesPerQuarter: num(d.minClassesPerQuarter),
    storiesPerCommunity: num(d.storiesPerCommunity),
    minUtilisation: share(d.minUtilisation),
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TargetFields
}

const fetchMe = () => workbenchService.me()
const fetchTargets = (period: string) => workbenchService.targets(period)

function Shown({ targets }: { targets: Targets | null }) {
  if (!targets) return <Text className='targets__text'>这一期还没有设定目标。</Text>
  const rows = [
    targets.coverageRate !== undefined ? `开课覆盖率：${targets.coverageBy} 前达到 ${formatRate(targets.coverageRate)}` : null,
    targets.minClassesPerQuarter !== undefined ? `每个组织每季度至少开课 ${targets.minClassesPerQuarter} 次` : null,
    targets.storiesPerCommunity !== undefined ? `每个社区征集故事 ${targets.storiesPerCommunity} 篇` : null,
    targets.minUtilisation !== undefined ? `阵地使用率不低于 ${formatRate(targets.minUtilisation)}` : null,
  ].filter((r): r is string => r !== null)
  return (
    <View>
      {rows.map((r) => <Text key={r} className='targets__row'>{r}</Text>)}
      {targets.setByName ? <Text className='targets__text'>由 {targets.setByName} 设定</Text> : null}
    </View>
  )
}

export default function WorkbenchTargetsPage() {
  const period = useMemo(() => params().period ?? currentPeriod('quarter'), [])
  const me = useLatestAnswer(fetchMe, '')
  const current = useLatestAnswer(fetchTargets, period)
  const { draft, update, clear } = useDraft<Draft>(`workbench-targets.${period}`, EMPTY)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const canSet = me.data?.canSetTargets === true

  // An untouched form starts from what is set.
  useEffect(() => {
    if (current.data && Object.values(draft).every((v) => v === '')) update(fromTargets(current.data.targets))
  }, [current.data])

  const change = (patch: Partial<Draft>) => {
    update(patch)
    setErrors((e) => { const next = { ...e }; for (const k of Object.keys(patch)) delete next[k as Field]; return next })
    setDone(null)
  }

  const save = async () => {
    if (saving) return
    setSaving(true)
    setFormError(null)
    const result = await workbenchService.setTargets({ period, targets: targetsInput(draft), ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}) })
    setSaving(false)
    if (result.ok) {
      clear()
      setErrors({})
      setDone(`${periodLabel(period)}的目标已保存，工作台按新目标标注达标情况。`)
      current.reload()
      return
    }
    const placed: Partial<Record<Field, string>> = {}
    for (const f of result.fields ?? []) {
      const key = f.field.split('.').pop() as Field
      if (key in EMPTY && !placed[key]) placed[key] = f.message
    }
    setErrors(placed)
    setFormError(Object.keys(placed).length > 0 ? '有几处需要修改，请看下面的红字。' : result.message)
  }

  const number = (field: Field, label: string, hint: string, placeholder: string) => (
    <FormField label={label} hint={hint} optional error={errors[field]}>
      <AtInput name={field} type='digit' placeholder={placeholder} value={draft[field]} onChange={(v: string) => change({ [field]: String(v) })} />
    </FormField>
  )

  return (
    <PageShell className='targets'>
      <Card title={`${periodLabel(period)}的目标`}>
        <LoadState loading={current.loading} error={current.error} onRetry={current.reload} />
        {current.data ? <Shown targets={current.data.targets} /> : null}
      </Card>

      {canSet ? (
        <View>
          {formError ? <Notice tone='danger'>{formError}</Notice> : null}
          <Card title='设定目标'>
            {number('coverageRate', '开课覆盖率（%）', '应开课的组织中已开课的比例，例如 100。', '例如 100')}
            <FormField label='覆盖率截止日期' optional error={errors.coverageBy} hint='和覆盖率一起填写。'>
              <Picker mode='date' value={draft.coverageBy || new Date().toISOString().slice(0, 10)} onChange={(e) => change({ coverageBy: String(e.detail.value) })}>
                <Control role='button' className='targets__picker'>{draft.coverageBy || '选择日期'}</Control>
              </Picker>
            </FormField>
            {number('minClassesPerQuarter', '每季度最少开课次数', '每个应开课的组织。', '例如 1')}
            {number('storiesPerCommunity', '每个社区的故事数', '本期每个社区党组织征集的故事。', '例如 5')}
            {number('minUtilisation', '阵地最低使用率（%）', '预约时长占开放时长的比例。', '例如 30')}
            <FormField label='说明' optional error={errors.reason}>
              <AtInput name='reason' placeholder='例如：按区委党建办第四季度工作要点' value={draft.reason} maxLength={200} onChange={(v: string) => change({ reason: String(v) })} />
            </FormField>
            <AtButton type='primary' loading={saving} disabled={saving} onClick={save}>保存目标</AtButton>
            {done ? <Notice tone='success'>{done}</Notice> : null}
          </Card>
        </View>
      ) : me.data ? <Text className='targets__text'>目标由区委党建办设定。</Text> : null}
    </PageShell>
  )
}

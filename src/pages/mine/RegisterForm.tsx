import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'
import Card from '@/components/Card'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import OrgChooser from '@/components/OrgChooser'
import Switch from '@/components/Switch'
import { REGISTRATION_LIMITS, REGISTRATION_REVIEW_TEMPLATE_ID, userService } from '@/services'
import type { ApiError, Person, PersonStatus } from '@/services'
import { memberOrgOptions, type OrgOption } from '@/utils/orgTree'
import { askToBeTold } from '@/utils/subscribe'
import { overLimit, TYPING_ROOM } from '@/utils/textLimit'
import { useDraft } from '@/utils/useDraft'

export interface RegisterDraft {
  name: string
  orgId: string
  retired: boolean
  phone: string
}

type Field = keyof RegisterDraft
type FieldErrors = Partial<Record<Field, string>>

export const REGISTER_DRAFT_KEY = 'user.register'

const FIELDS: Field[] = ['name', 'orgId', 'retired', 'phone']

function draftFrom(person: Person | null): RegisterDraft {
  return {
    name: person?.name ?? '',
    orgId: person?.orgId ?? '',
    retired: person?.retired ?? false,
    phone: person?.phone ?? '',
  }
}

/** Splits a server refusal into what belongs next to a field and what belongs above the form. */
function placeErrors(error: ApiError): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {}
  for (const { field, message } of error.fields ?? []) {
    const name = FIELDS.find((f) => f === field.split('.')[0])
    if (name && !fields[name]) fields[name] = message
  }
  return { fields, form: Object.keys(fields).length > 0 ? null : error.message }
}

interface RegisterFormProps {
  /** A rejected person's earlier answers start the form, unless a draft is already saved. */
  person: Person | null
  onRegistered: (status: PersonStatus) => void
}

export default function RegisterForm({ person, onRegistered }: RegisterFormProps) {
  const { draft, update, clear } = useDraft<RegisterDraft>(REGISTER_DRAFT_KEY, draftFrom(person))
  const [orgs, setOrgs] = useState<OrgOption[] | null>(null)
  const [orgsError, setOrgsError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const loadOrgs = async () => {
    setOrgsError(null)
    const result = await userService.orgs()
    if (result.ok) setOrgs(memberOrgOptions(result.data.items))
    else setOrgsError(result.message)
  }

  useEffect(() => {
    loadOrgs()
  }, [])

  const change = (patch: Partial<RegisterDraft>) => {
    update(patch)
    setFieldErrors((errors) => {
      const next = { ...errors }
      for (const key of Object.keys(patch) as Field[]) delete next[key]
      return next
    })
  }

  const submit = async () => {
    const missing: FieldErrors = {}
    const nameOver = overLimit('姓名', draft.name, REGISTRATION_LIMITS.name)
    if (!draft.name.trim()) missing.name = '请填写姓名'
    else if (nameOver) missing.name = nameOver
    if (!draft.orgId) missing.orgId = '请选择所在党组织'
    setFormError(null)
    setFieldErrors(missing)
    if (Object.keys(missing).length > 0) return

    setSubmitting(true)
    const phone = draft.phone.trim()
    const subscribe = await askToBeTold(REGISTRATION_REVIEW_TEMPLATE_ID)
    const result = await userService.register({
      name: draft.name.trim(),
      orgId: draft.orgId,
      retired: draft.retired,
      ...(phone ? { phone } : {}),
      ...(subscribe ? { subscribe: true } : {}),
    })
    setSubmitting(false)
    if (result.ok) {
      clear()
      Taro.showToast({ title: '已提交，请等待审核', icon: 'none' })
      onRegistered(result.data.status)
      return
    }
    const placed = placeErrors(result)
    setFieldErrors(placed.fields)
    setFormError(placed.form)
    Taro.showToast({ title: result.message, icon: 'none' })
  }

  return (
    <Card title={person ? '重新提交注册信息' : '注册'} className='mine-register'>
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}

      <FormField label='姓名' limit={{ text: draft.name, max: REGISTRATION_LIMITS.name }} error={fieldErrors.name}>
        <AtInput
          name='name'
          placeholder='请填写真实姓名'
          value={draft.name}
          maxlength={TYPING_ROOM}
          onChange={(value: string) => change({ name: value })}
        />
      </FormField>

      <FormField label='所在党组织' error={fieldErrors.orgId ?? orgsError ?? undefined}>
        {orgs ? (
          <OrgChooser options={orgs} value={draft.orgId} onChange={(orgId) => change({ orgId })} />
        ) : orgsError ? (
          <AtButton size='small' onClick={loadOrgs}>重新加载党组织</AtButton>
        ) : (
          <Text className='mine-register__loading'>正在加载党组织…</Text>
        )}
      </FormField>

      <FormField label='是否离退休' error={fieldErrors.retired}>
        <Switch
          title={draft.retired ? '是，离退休' : '否，在职'}
          label='离退休'
          checked={draft.retired}
          onChange={(retired: boolean) => change({ retired })}
        />
      </FormField>

      <FormField label='手机号' optional hint='方便书记与您联系。' error={fieldErrors.phone}>
        <AtInput
          name='phone'
          type='phone'
          placeholder='11 位手机号'
          value={draft.phone}
          onChange={(value: string) => change({ phone: value })}
        />
      </FormField>

      <AtButton type='primary' loading={submitting} disabled={submitting} onClick={submit}>
        提交注册
      </AtButton>
      <Text className='mine-register__note'>填写的内容会自动保存在本机，关掉小程序也不会丢。</Text>
    </Card>
  )
}

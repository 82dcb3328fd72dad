// 留言 (a 民情), `?siteId=` (and `?repId=` for one representative): what kind, what it is about, photos, and
// optionally a reception to come to and how to be reached. Anyone signed in with WeChat may leave one, registered or
// not. The draft is kept on the phone until the studio has it; its request id makes a retry the same 民情.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton, AtInput, AtTextarea } from 'taro-ui'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import PhotoField from '@/components/PhotoField'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { ROUTES } from '@/routes'
import { CASE_KIND_LABELS, STUDIO_CASE_PAGE, STUDIO_LIMITS, storyPhotos, studioService } from '@/services'
import type { CaseKind, StoryPhoto } from '@/services'
import { useDraft } from '@/utils/useDraft'
import './studio.scss'

const params = () => Taro.getCurrentInstance().router?.params ?? {}

interface CaseDraft {
  requestId: string
  kind: CaseKind | ''
  content: string
  photos: StoryPhoto[]
  receptionDate: string
  name: string
  phone: string
}

const fresh = (): CaseDraft => ({
  requestId: `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
  kind: '', content: '', photos: [], receptionDate: '', name: '', phone: '',
})

const KIND_OPTIONS = (Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }))
const upload = (path: string) => storyPhotos.upload(path, studioService.uploadPhoto)

type Field = 'kind' | 'content' | 'photos' | 'receptionDate' | 'name' | 'phone'

export default function StudioWritePage() {
  const [{ siteId = '', repId = '' }] = useState(params)
  const studio = useLatestAnswer((id: string) => studioService.get(id), siteId)
  const { draft, update, clear } = useDraft<CaseDraft>(`studio.write.${siteId}.${repId}`, fresh())
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const rep = studio.data?.reps.find((r) => r.id === repId)
  const dates = [...new Set(studio.data?.upcoming.map((u) => u.date) ?? [])]
  const dateOptions = [{ value: '', label: '不预约' }, ...dates.map((d) => ({ value: d, label: studio.data!.upcoming.find((u) => u.date === d)!.label }))]

  const change = (patch: Partial<CaseDraft>) => {
    update(patch)
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(patch)) delete next[k as Field]
      // The note above the form goes with the last of the errors it points at.
      if (Object.keys(next).length === 0) setFormError(null)
      return next
    })
  }

  const submit = async () => {
    if (busy || uploading) return
    const missing: Partial<Record<Field, string>> = {}
    if (!draft.kind) missing.kind = '请选择留言类型'
    if ([...draft.content.trim()].length < 5) missing.content = '请写下您要反映的事情，至少 5 个字'
    if ([...draft.content.trim()].length > STUDIO_LIMITS.content) missing.content = `内容最多 ${STUDIO_LIMITS.content} 个字`
    if (draft.phone.trim() && !/^1\d{10}$/.test(draft.phone.trim())) missing.phone = '联系电话应为 11 位手机号'
    setErrors(missing)
    setFormError(Object.keys(missing).length ? '还有几项没有填好，请看标红的提示。' : null)
    if (Object.keys(missing).length) return
    setBusy(true)
    const result = await studioService.submit({
      siteId, ...(repId ? { repId } : {}), kind: draft.kind as CaseKind, content: draft.content.trim(),
      photos: draft.photos.map((p) => p.fileID), requestId: draft.requestId,
      ...(draft.receptionDate ? { receptionDate: draft.receptionDate } : {}),
      ...(draft.name.trim() ? { name: draft.name.trim() } : {}), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
    })
    setBusy(false)
    if (result.ok) {
      clear()
      Taro.redirectTo({ url: `/${STUDIO_CASE_PAGE}?id=${result.data.id}&done=1` })
      return
    }
    const placed: Partial<Record<Field, string>> = {}
    for (const f of result.fields ?? []) if (['kind', 'content', 'photos', 'receptionDate', 'name', 'phone'].includes(f.field)) placed[f.field as Field] = f.message
    setErrors(placed)
    setFormError(result.message)
  }

  return (
    <PageShell className='studio-form'>
      <LoadState loading={studio.loading} error={studio.error} onRetry={studio.reload} textClassName='studio__text' />
      {studio.data ? (
        <View>
          <Text className='studio__title'>{rep ? `给${rep.name}留言` : `给${studio.data.siteName}留言`}</Text>
          <Text className='studio__muted'>工作室收到后 15 个工作日内办结，每一步都会在“我的 › 消息”里告诉您。</Text>
          {formError ? <Notice tone='danger'>{formError}</Notice> : null}
          <FormField label='留言类型' error={errors.kind}>
            <Chips options={KIND_OPTIONS} value={draft.kind || null} onChange={(kind) => change({ kind })} />
          </FormField>
          <FormField label='内容' error={errors.content}>
            <AtTextarea value={draft.content} maxLength={20_000} count={false} height={300}
              placeholder='请写下您遇到的问题、想咨询的事或者建议。内容会自动保存。' onChange={(content: string) => change({ content })} />
          </FormField>
          <FormField label='照片' optional error={errors.photos}>
            <PhotoField photos={draft.photos} max={STUDIO_LIMITS.photos} upload={upload} onBusyChange={setUploading} onChange={(photos) => change({ photos })} />
          </FormField>
          {dates.length ? (
            <FormField label='想在接待日当面谈' optional error={errors.receptionDate}>
              <Chips options={dateOptions} value={draft.receptionDate} onChange={(receptionDate) => change({ receptionDate })} />
            </FormField>
          ) : null}
          <FormField label='怎么称呼您' optional error={errors.name}>
            <AtInput name='name' placeholder='如：王阿姨' value={draft.name} maxlength={20} onChange={(name: string) => change({ name })} />
          </FormField>
          <FormField label='联系电话' optional hint='只有办理的工作人员能看到完整号码' error={errors.phone}>
            <AtInput name='phone' type='phone' placeholder='方便工作人员联系您' value={draft.phone} onChange={(phone: string) => change({ phone })} />
          </FormField>
          <AtButton type='primary' loading={busy} disabled={busy || uploading} onClick={submit}>提交留言</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.studioMine })}>我的民情</AtButton>
        </View>
      ) : null}
    </PageShell>
  )
}

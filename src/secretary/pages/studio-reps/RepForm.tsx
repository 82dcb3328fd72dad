// Adds a representative or changes one: name, 届别, contact, a short introduction, a photo, and the member account
// linked to them (found by exact name; the cases addressed to the representative are then that member's to handle).
// Kept as a local draft until the server has it.
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton, AtInput, AtTextarea } from 'taro-ui'
import Control from '@/components/Control'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import PhotoField from '@/components/PhotoField'
import { siteService, storyPhotos, studioService, STUDIO_LIMITS } from '@/services'
import type { LinkableMember, Representative, StoryPhoto, StudioPage } from '@/services'
import { useDraft } from '@/utils/useDraft'
import { textLength } from '@/utils/textLimit'

interface RepDraft {
  name: string
  term: string
  phone: string
  intro: string
  photos: StoryPhoto[]
  /** The linked member's openid ('' for none) and what the form says of them. */
  openid: string
  linkedAs: string
}
type Errors = Partial<Record<'name' | 'term' | 'phone' | 'intro' | 'photo' | 'openid', string>>

const upload = (path: string) => storyPhotos.upload(path, siteService.uploadPhoto)

function initial(rep: Representative | null): RepDraft {
  if (!rep) return { name: '', term: '', phone: '', intro: '', photos: [], openid: '', linkedAs: '' }
  return {
    name: rep.name, term: rep.term, phone: rep.phone, intro: rep.intro ?? '',
    photos: rep.photo && rep.photoUrl ? [{ fileID: rep.photo, preview: rep.photoUrl }] : [],
    openid: rep.openid ?? '', linkedAs: rep.openid ? '已关联的党员账号' : '',
  }
}

function check(d: RepDraft): Errors {
  const e: Errors = {}
  if (!d.name.trim()) e.name = '请填写党代表的姓名'
  else if (textLength(d.name.trim()) > STUDIO_LIMITS.repName) e.name = `姓名最多 ${STUDIO_LIMITS.repName} 个字`
  if (!d.term.trim()) e.term = '请填写届别，如：第十三届区党代表'
  else if (textLength(d.term.trim()) > STUDIO_LIMITS.term) e.term = `届别最多 ${STUDIO_LIMITS.term} 个字`
  if (!/^1\d{10}$/.test(d.phone.trim())) e.phone = '联系电话应为 11 位手机号，如 13812345678'
  if (textLength(d.intro.trim()) > STUDIO_LIMITS.intro) e.intro = `简介最多 ${STUDIO_LIMITS.intro} 个字`
  return e
}

interface RepFormProps {
  studio: StudioPage
  editing: Representative | null
  onSaved: (name: string) => void
  onCancel: () => void
}

export default function RepForm({ studio, editing, onSaved, onCancel }: RepFormProps) {
  const { draft, update, clear } = useDraft<RepDraft>(`studio.rep.${studio.siteId}.${editing?.id ?? 'new'}`, initial(editing))
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [search, setSearch] = useState('')
  const [found, setFound] = useState<LinkableMember[] | null>(null)
  const [searchError, setSearchError] = useState<string | null>(null)

  const find = async () => {
    if (!search.trim()) return setSearchError('请输入要关联的党员的姓名')
    setSearchError(null)
    const result = await studioService.linkable(studio.siteId, search.trim())
    if (!result.ok) return setSearchError(result.message)
    setFound(result.data.items)
    if (result.data.items.length === 0) setSearchError(`没有找到名叫“${search.trim()}”的已审核党员，请核对姓名（须与登记的姓名一致）`)
  }

  const submit = async () => {
    const problems = check(draft)
    setErrors(problems)
    if (Object.keys(problems).length > 0 || sending || uploading) return
    setSending(true)
    const name = draft.name.trim()
    const result = await studioService.saveRep({
      siteId: studio.siteId, ...(editing ? { id: editing.id } : {}), name, term: draft.term.trim(), phone: draft.phone.trim(),
      ...(draft.intro.trim() ? { intro: draft.intro.trim() } : {}),
      ...(draft.photos[0] ? { photo: draft.photos[0].fileID } : {}),
      ...(draft.openid ? { openid: draft.openid } : {}),
    })
    setSending(false)
    if (!result.ok) {
      const fields: Errors = {}
      for (const f of result.fields ?? []) fields[f.field as keyof Errors] = f.message
      setErrors(fields)
      return setFormError(result.message)
    }
    clear()
    onSaved(name)
  }

  const input = (key: 'name' | 'term' | 'phone', label: string, placeholder: string) => (
    <FormField label={label} error={errors[key]}>
      <AtInput name={`rep-${key}`} placeholder={placeholder} value={draft[key]} type={key === 'phone' ? 'phone' : 'text'}
        onChange={(v: string) => update({ [key]: String(v) })} />
    </FormField>
  )

  return (
    <View className='studio-reps__form'>
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}
      {input('name', '姓名', '如：周建华')}
      {input('term', '届别', '如：第十三届区党代表')}
      {input('phone', '联系电话', '11 位手机号（居民看到的是打码的号码）')}
      <FormField label='简介' optional error={errors.intro} limit={{ text: draft.intro, max: STUDIO_LIMITS.intro }}>
        <AtTextarea value={draft.intro} maxLength={STUDIO_LIMITS.intro * 2} placeholder='如：社区老党员，关注老旧小区改造'
          onChange={(v: string) => update({ intro: String(v) })} />
      </FormField>
      <FormField label='照片' optional error={errors.photo}>
        <PhotoField photos={draft.photos} max={1} upload={upload} onBusyChange={setUploading} onChange={(photos) => update({ photos })} />
      </FormField>
      <FormField label='关联党员账号' optional error={errors.openid}
        hint='关联后，写给这位党代表的民情由他（她）本人在“我的”里办理'>
        {draft.openid ? (
          <View className='studio-reps__row'>
            <Text className='studio-reps__meta'>已关联：{draft.linkedAs}</Text>
            <AtButton size='small' onClick={() => update({ openid: '', linkedAs: '' })}>取消关联</AtButton>
          </View>
        ) : (
          <View>
            <AtInput name='rep-link' placeholder='输入党员的姓名' value={search} onChange={(v: string) => setSearch(String(v))} />
            <AtButton size='small' onClick={find}>查找党员</AtButton>
            {searchError ? <Text className='ps-field__error'>{searchError}</Text> : null}
            {(found ?? []).map((m) => (
              <Control key={m.openid} role='button' className='ps-chip' label={`关联${m.name}，${m.orgName}${m.phone ? `，${m.phone}` : ''}`}
                onClick={() => { update({ openid: m.openid, linkedAs: `${m.name}（${m.orgName}）` }); setFound(null) }}>
                <Text>{m.name} · {m.orgName}{m.phone ? ` · ${m.phone}` : ''}</Text>
              </Control>
            ))}
          </View>
        )}
      </FormField>
      <AtButton type='primary' loading={sending} disabled={sending || uploading} onClick={submit}>{editing ? '保存修改' : '添加党代表'}</AtButton>
      {editing ? <AtButton onClick={() => { clear(); onCancel() }}>不改了</AtButton> : null}
    </View>
  )
}

// Writing (or revising) a story. Everything typed goes into a local draft at once, so closing the app, a lost
// network or a refusal never loses a word; the draft is cleared only when the server has accepted the story.
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { AtButton, AtInput, AtTextarea } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import OrgChooser from '@/components/OrgChooser'
import {
  STORY_CATEGORIES, STORY_CATEGORY_LABELS, STORY_LIMITS, STORY_REVIEW_TEMPLATE_ID, storyPhotos, storyService, userService,
} from '@/services'
import type { ApiError, StoryCategory, StoryPhoto } from '@/services'
import { memberOrgOptions, type OrgOption } from '@/utils/orgTree'
import { askToBeTold } from '@/utils/subscribe'
import { overLimit, TYPING_ROOM } from '@/utils/textLimit'
import { useDraft } from '@/utils/useDraft'
import PhotoField from '@/components/PhotoField'
import Control from '@/components/Control'

export interface StoryDraft {
  /** Made when the draft starts: the same draft submitted twice (a retry, a double tap) is one story. */
  draftId: string
  title: string
  content: string
  category: StoryCategory | ''
  photos: StoryPhoto[]
  about: 'self' | 'other' | ''
  subjectName: string
  subjectOrgId: string
  subjectRetired: 'yes' | 'no' | ''
  consent: boolean
  /** A 读书心得: the book it is about ('' for any other story); the story keeps it. */
  book: string
}

type Field = 'title' | 'content' | 'category' | 'photos' | 'about' | 'subjectName' | 'subjectOrgId' | 'subjectRetired' | 'consent'
type FieldErrors = Partial<Record<Field, string>>

export const NEW_STORY_DRAFT_KEY = 'story.write'
export const reviseDraftKey = (storyId: string) => `story.revise.${storyId}`
/** A 读书心得's draft, one per book: starting one never touches the draft of another story. */
export const readingDraftKey = (book: string) => `story.reading.${book}`

/** The server names fields as the contract does; the form names them as it shows them. */
const SERVER_FIELDS: Record<string, Field> = {
  title: 'title', content: 'content', category: 'category', images: 'photos', subject: 'about',
  'subject.self': 'about', 'subject.name': 'subjectName', 'subject.orgId': 'subjectOrgId',
  'subject.retired': 'subjectRetired', 'subject.consent': 'consent',
}

const CATEGORY_OPTIONS = STORY_CATEGORIES.map((c) => ({ value: c, label: STORY_CATEGORY_LABELS[c] }))
const ABOUT_OPTIONS = [{ value: 'self' as const, label: '写我自己' }, { value: 'other' as const, label: '写其他党员' }]
const RETIRED_OPTIONS = [{ value: 'yes' as const, label: '是，离退休了' }, { value: 'no' as const, label: '否，还在岗' }]

export function emptyDraft(): StoryDraft {
  return {
    draftId: `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
    title: '', content: '', category: '', photos: [], about: '', subjectName: '', subjectOrgId: '', subjectRetired: '',
    consent: false, book: '',
  }
}

/** Over a field's limit (said while typing by its FormField; here it stops the submit). */
function tooLong(d: Pick<StoryDraft, 'title' | 'content'>): FieldErrors {
  const e: FieldErrors = {}
  for (const [field, label] of [['title', '标题'], ['content', '正文']] as const) {
    const over = overLimit(label, d[field], STORY_LIMITS[field])
    if (over) e[field] = over
  }
  return e
}

function check(d: StoryDraft): FieldErrors {
  const e: FieldErrors = tooLong(d)
  if (!d.title.trim()) e.title = '请填写标题'
  if (!d.content.trim()) e.content = '请写下故事的内容'
  if (!d.category) e.category = '请选择故事类别'
  if (!d.about) e.about = '请选择写谁的故事'
  if (d.about === 'other') {
    if (!d.subjectName.trim()) e.subjectName = '请填写主人公的姓名'
    if (!d.subjectRetired) e.subjectRetired = '请选择主人公是否离退休'
    if (!d.consent) e.consent = '请先征得主人公本人（或家属）同意'
  }
  return e
}

/** Splits a server refusal into what belongs next to a field and what belongs above the form. */
function placeErrors(error: ApiError): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {}
  for (const { field, message } of error.fields ?? []) {
    const name = SERVER_FIELDS[field] ?? SERVER_FIELDS[field.split('.')[0]]
    if (name && !fields[name]) fields[name] = message
  }
  // A content refusal says which field at the top as well: the person has to find and change those words.
  const form = error.code === 'CONTENT_REJECTED' || Object.keys(fields).length === 0 ? error.message : null
  return { fields, form }
}

interface StoryFormProps {
  draftKey: string
  /** Revising a returned story: its id, and its current text for a draft that does not exist yet. */
  revise?: { id: string; from: Omit<StoryDraft, 'draftId'> }
  /** What a new draft starts with (a 读书心得: its book and title). */
  start?: Partial<Omit<StoryDraft, 'draftId'>>
  onAccepted: (storyId: string) => void
}

export default function StoryForm({ draftKey, revise, start, onAccepted }: StoryFormProps) {
  const { draft, update, clear } = useDraft<StoryDraft>(draftKey, { ...emptyDraft(), ...start, ...revise?.from })
  const [restored] = useState(() => !revise && (draft.title !== (start?.title ?? '') || draft.content !== '' || draft.photos.length > 0))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [orgs, setOrgs] = useState<OrgOption[] | null>(null)
  const askedOrgs = useRef(false)

  // weapp's temporary photo files may be gone after a restart: show restored photos from cloud storage.
  useEffect(() => {
    if (draft.photos.length === 0) return
    storyPhotos.refreshPreviews(draft.photos).then((photos) => {
      if (photos.some((p, i) => p.preview !== draft.photos[i].preview)) update({ photos })
    })
  }, [])

  useEffect(() => {
    if (draft.about !== 'other' || askedOrgs.current) return
    askedOrgs.current = true
    userService.orgs().then((result) => {
      if (result.ok) setOrgs(memberOrgOptions(result.data.items))
    })
  }, [draft.about])

  const change = (patch: Partial<StoryDraft>) => {
    update(patch)
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[key as Field]
      if ('photos' in patch) delete next.photos
      return next
    })
  }

  const submit = async () => {
    if (submitting || uploading) return
    const missing = check(draft)
    setErrors(missing)
    setFormError(Object.keys(missing).length > 0 ? '还有几项没有填好，请看标红的提示。' : null)
    if (Object.keys(missing).length > 0) return

    setSubmitting(true)
    const subscribe = await askToBeTold(STORY_REVIEW_TEMPLATE_ID)
    const story = {
      title: draft.title.trim(),
      content: draft.content.trim(),
      category: draft.category as StoryCategory,
      images: draft.photos.map((p) => p.fileID),
      subject: draft.about === 'self'
        ? { self: true as const }
        : {
          name: draft.subjectName.trim(),
          retired: draft.subjectRetired === 'yes',
          consent: true as const,
          ...(draft.subjectOrgId ? { orgId: draft.subjectOrgId } : {}),
        },
      ...(draft.book ? { book: draft.book } : {}),
      ...(subscribe ? { subscribe: true } : {}),
    }
    const result = revise
      ? await storyService.revise({ id: revise.id, ...story })
      : await storyService.submit({ ...story, draftId: draft.draftId })
    setSubmitting(false)
    if (result.ok) {
      clear()
      onAccepted(result.data.id)
      return
    }
    const placed = placeErrors(result)
    setErrors(placed.fields)
    setFormError(placed.form)
  }

  return (
    <View className='story-form'>
      {restored ? <Notice tone='success'>已恢复上次没写完的草稿，可以接着写。</Notice> : null}
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}
      {draft.book ? <Notice tone='info'>读书心得 · 《{draft.book}》</Notice> : null}

      <Card>
        <FormField label='标题' limit={{ text: draft.title, max: STORY_LIMITS.title }} error={errors.title}>
          <AtInput
            name='title'
            placeholder='一句话说出故事的亮点'
            value={draft.title}
            maxlength={TYPING_ROOM}
            onChange={(value: string) => change({ title: value })}
          />
        </FormField>

        <FormField label='正文' limit={{ text: draft.content, max: STORY_LIMITS.content }} error={errors.content}>
          <AtTextarea
            value={draft.content}
            maxLength={TYPING_ROOM}
            count={false}
            height={360}
            placeholder='写下这位党员做了什么、让您感动的地方。慢慢写，内容会自动保存。'
            onChange={(value: string) => change({ content: value })}
          />
        </FormField>

        <FormField label='照片' optional hint={`最多 ${STORY_LIMITS.images} 张，会自动压缩后上传`} error={errors.photos}>
          <PhotoField photos={draft.photos} onChange={(photos) => change({ photos })} onBusyChange={setUploading} />
        </FormField>

        <FormField label='故事类别' error={errors.category}>
          <Chips options={CATEGORY_OPTIONS} value={draft.category || null} onChange={(category) => change({ category })} />
        </FormField>
      </Card>

      <Card title='故事的主人公'>
        <FormField label='写谁的故事' error={errors.about}>
          <Chips options={ABOUT_OPTIONS} value={draft.about || null} onChange={(about) => change({ about })} />
        </FormField>

        {draft.about === 'other' ? (
          <View>
            <FormField label='主人公姓名' error={errors.subjectName}>
              <AtInput
                name='subjectName'
                placeholder='请填写主人公的姓名'
                value={draft.subjectName}
                maxlength={STORY_LIMITS.subjectName}
                onChange={(value: string) => change({ subjectName: value })}
              />
            </FormField>
            <FormField label='主人公所在党组织' optional error={errors.subjectOrgId}>
              {orgs ? (
                <OrgChooser options={orgs} value={draft.subjectOrgId} onChange={(subjectOrgId) => change({ subjectOrgId })} />
              ) : (
                <Text className='story-form__muted'>正在加载党组织…</Text>
              )}
            </FormField>
            <FormField label='主人公是否离退休' error={errors.subjectRetired}>
              <Chips options={RETIRED_OPTIONS} value={draft.subjectRetired || null} onChange={(subjectRetired) => change({ subjectRetired })} />
            </FormField>
            <FormField label='主人公同意' error={errors.consent}>
              <Control
                className={`story-form__consent${draft.consent ? ' story-form__consent--checked' : ''}`}
                role='checkbox'
                checked={draft.consent}
                onClick={() => change({ consent: !draft.consent })}
              >
                <Text className='story-form__box' aria-hidden>{draft.consent ? '✓' : ''}</Text>
                <Text>我已征得主人公本人（或家属）同意，讲述他/她的故事</Text>
              </Control>
            </FormField>
          </View>
        ) : null}
      </Card>

      <AtButton type='primary' loading={submitting} disabled={submitting || uploading} onClick={submit}>
        {revise ? '修改好了，重新提交审核' : '提交审核'}
      </AtButton>
      <Text className='story-form__note'>
        {uploading ? '照片上传完成后才能提交。' : '提交后由所在社区的党组织书记审核，审核结果会通知您。内容随时自动保存在本机。'}
      </Text>
    </View>
  )
}

// 新建课程 / 修改课程: title, topic, category, lecturer (from the roster or typed in), place (with its location for the
// sign-in geofence), day and times, and the optional rest. Everything typed is kept as a draft until it is saved.
// A new class is held by the organisation the secretary manages, or by `?orgId=` (the workbench's 只挂牌子 warning
// opens the form for the organisation without classes) when the secretary may schedule for it.
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton, AtInput, AtTextarea } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { currentLocation } from '@/utils/location'
import { ROUTES } from '@/routes'
import { CLASS_CATEGORIES, CLASS_CATEGORY_LABELS, classroomService, userService } from '@/services'
import { TYPING_ROOM } from '@/utils/textLimit'
import type { ClassDetail, Lecturer } from '@/services'
import { formatDay } from '@/utils/time'
import { useDraft } from '@/utils/useDraft'
import {
  checkDraft, classInput, ClassDraft, draftOf, emptyDraft, fieldOf, FieldErrors, GEOFENCE_CHOICES, GeofenceChoice,
  TEXT_FIELDS, TYPED_LECTURER,
} from './classDraft'
import Control from '@/components/Control'
import Switch from '@/components/Switch'
import './index.scss'

const CATEGORY_OPTIONS = CLASS_CATEGORIES.map((c) => ({ value: c, label: CLASS_CATEGORY_LABELS[c] }))
const GEOFENCE_OPTIONS = GEOFENCE_CHOICES.map((g) => ({ value: g, label: g === 'off' ? '不限制' : `${g} 米内` }))

export const NEW_CLASS_DRAFT_KEY = 'classroom.class.new'
export const classDraftKey = (classId: string) => (classId ? `classroom.class.${classId}` : NEW_CLASS_DRAFT_KEY)

const classIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''
const hostIdOf = () => Taro.getCurrentInstance().router?.params?.orgId ?? ''

/** The organisation a new class is for, when it is not the secretary's own. */
interface Host {
  id: string
  name: string
}

/**
 * The organisation `orgId` names, if the signed-in secretary may schedule classes for it (the district office for any,
 * a secretary for those in the subtree they manage: the function's rule); otherwise why not.
 */
async function hostFor(orgId: string): Promise<{ host: Host | null; refusal: string | null }> {
  const [me, orgs] = await Promise.all([userService.me(), userService.orgs()])
  const person = me.ok ? me.data.person : null
  const org = orgs.ok ? orgs.data.items.find((o) => o.id === orgId) : undefined
  if (!person || !org) return { host: null, refusal: '没有找到要安排课程的党组织，课程将由您管理的党组织主办。' }
  const may = person.status === 'approved'
    && (person.role === 'admin' || (person.role === 'secretary' && !!person.scopeOrgId && org.path.includes(person.scopeOrgId)))
  return may
    ? { host: { id: org.id, name: org.name }, refusal: null }
    : { host: null, refusal: `「${org.name}」不在您管理的范围内，课程将由您管理的党组织主办。` }
}

interface ClassFormProps {
  classId: string
  initial: ClassDraft
  lecturers: Lecturer[]
  host: Host | null
  hostRefusal: string | null
}

function ClassForm({ classId, initial, lecturers, host, hostRefusal }: ClassFormProps) {
  const { draft, update, clear } = useDraft<ClassDraft>(classDraftKey(classId), initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [locating, setLocating] = useState(false)

  const change = (patch: Partial<ClassDraft>) => {
    update(patch)
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch) as Array<keyof ClassDraft>) delete next[key]
      return next
    })
  }

  const lecturerOptions = [
    ...lecturers.map((l) => ({ value: l.id, label: l.title ? `${l.name}（${l.title}）` : l.name })),
    { value: TYPED_LECTURER, label: '其他讲师（手动填写）' },
  ]

  const pickPlace = async () => {
    setLocating(true)
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const place = await Taro.chooseLocation({})
        change({
          lat: place.latitude, lng: place.longitude,
          ...(draft.placeName ? {} : { placeName: place.name }),
          ...(draft.address ? {} : { address: place.address }),
        })
      } else {
        const here = await currentLocation()
        change({ lat: here.lat, lng: here.lng })
      }
    } catch {
      Taro.showToast({ title: '没有获取到位置，可以不设签到范围', icon: 'none' })
    }
    setLocating(false)
  }

  const save = async () => {
    const found = checkDraft(draft)
    setErrors(found)
    setFormError(null)
    if (Object.keys(found).length > 0) {
      Taro.showToast({ title: '还有内容需要填写', icon: 'none' })
      return
    }
    setSaving(true)
    const input = classInput(draft)
    const result = classId
      ? await classroomService.update({ classId, ...input })
      : await classroomService.create(host ? { ...input, orgId: host.id } : input)
    setSaving(false)
    if (result.ok) {
      clear()
      Taro.showToast({ title: classId ? '已保存修改' : '课程已安排', icon: 'success' })
      if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
      else Taro.redirectTo({ url: ROUTES.classList })
      return
    }
    const placed: FieldErrors = {}
    for (const f of result.fields ?? []) {
      const key = fieldOf(f.field)
      if (key && !placed[key]) placed[key] = f.message
    }
    setErrors(placed)
    setFormError(Object.keys(placed).length > 0 ? '有几处需要修改，请看下面的红字。' : result.message)
  }

  const hasLocation = draft.lat !== null && draft.lng !== null

  return (
    <View className='class-form'>
      {formError ? <Notice tone='danger'>{formError}</Notice> : null}
      {hostRefusal ? <Notice tone='warning'>{hostRefusal}</Notice> : null}
      {host ? (
        <Card title='主办党组织' className='class-form__host'>
          <Text className='class-form__host-name'>{host.name}</Text>
          <Text className='class-form__hint'>这节课记在该组织名下，计入它的开课次数和覆盖率。</Text>
        </Card>
      ) : null}

      <Card title='课程'>
        <FormField label='课程名称' limit={{ text: draft.title, max: TEXT_FIELDS.title.max }} error={errors.title}>
          <AtInput name='title' placeholder='例如：学习贯彻党的二十届三中全会精神' value={draft.title} maxLength={TYPING_ROOM}
            onChange={(v: string) => change({ title: v })} />
        </FormField>
        <FormField label='课程主题' limit={{ text: draft.topic, max: TEXT_FIELDS.topic.max }} error={errors.topic}>
          <AtInput name='topic' placeholder='这堂课讲什么' value={draft.topic} maxLength={TYPING_ROOM}
            onChange={(v: string) => change({ topic: v })} />
        </FormField>
        <FormField label='课程类别' error={errors.category}>
          <Chips options={CATEGORY_OPTIONS} value={draft.category || null} onChange={(category) => change({ category })} />
        </FormField>
        <FormField label='课程简介' limit={{ text: draft.description, max: TEXT_FIELDS.description.max }} optional error={errors.description}>
          <AtTextarea value={draft.description} maxLength={TYPING_ROOM} count={false} placeholder='内容提要、需要带的材料等'
            onChange={(v: string) => change({ description: v })} />
        </FormField>
      </Card>

      <Card title='讲师'>
        <FormField label='讲师' hint='从讲师队伍中选择，或选“其他讲师”后填写。' error={errors.lecturer}>
          <Chips options={lecturerOptions} value={draft.lecturer || null} onChange={(lecturer) => change({ lecturer })} />
        </FormField>
        {draft.lecturer === TYPED_LECTURER ? (
          <View>
            <FormField label='讲师姓名' limit={{ text: draft.lecturerName, max: TEXT_FIELDS.lecturerName.max }} error={errors.lecturerName}>
              <AtInput name='lecturerName' placeholder='讲师的姓名' value={draft.lecturerName} maxLength={TYPING_ROOM}
                onChange={(v: string) => change({ lecturerName: v })} />
            </FormField>
            <FormField label='讲师职务' limit={{ text: draft.lecturerTitle, max: TEXT_FIELDS.lecturerTitle.max }} optional error={errors.lecturerTitle}>
              <AtInput name='lecturerTitle' placeholder='例如：区委党校副教授' value={draft.lecturerTitle} maxLength={TYPING_ROOM}
                onChange={(v: string) => change({ lecturerTitle: v })} />
            </FormField>
          </View>
        ) : null}
      </Card>

      <Card title='时间'>
        <FormField label='日期' error={errors.date}>
          <Picker mode='date' value={draft.date} onChange={(e) => change({ date: String(e.detail.value) })}>
            <Control className='class-form__picker' role='button'>{formatDay(`${draft.date}T12:00:00+08:00`)}</Control>
          </Picker>
        </FormField>
        <View className='class-form__times'>
          <FormField label='开始时间' error={errors.startTime}>
            <Picker mode='time' value={draft.startTime} onChange={(e) => change({ startTime: String(e.detail.value) })}>
              <Control className='class-form__picker' role='button'>{draft.startTime}</Control>
            </Picker>
          </FormField>
          <FormField label='结束时间' error={errors.endTime}>
            <Picker mode='time' value={draft.endTime} onChange={(e) => change({ endTime: String(e.detail.value) })}>
              <Control className='class-form__picker' role='button'>{draft.endTime}</Control>
            </Picker>
          </FormField>
        </View>
        <Text className='class-form__hint'>开课前 30 分钟开放签到，开课 10 分钟后签到记为迟到。</Text>
      </Card>

      <Card title='地点'>
        <FormField label='上课地点' limit={{ text: draft.placeName, max: TEXT_FIELDS.placeName.max }} error={errors.placeName}>
          <AtInput name='placeName' placeholder='例如：幸福里社区党群服务中心' value={draft.placeName} maxLength={TYPING_ROOM}
            onChange={(v: string) => change({ placeName: v })} />
        </FormField>
        <FormField label='详细地址' limit={{ text: draft.address, max: TEXT_FIELDS.address.max }} optional error={errors.address}>
          <AtInput name='address' placeholder='街道门牌号' value={draft.address} maxLength={TYPING_ROOM}
            onChange={(v: string) => change({ address: v })} />
        </FormField>
        <FormField
          label='签到范围'
          hint={hasLocation ? '只有在上课地点附近才能扫码签到，防止代签。' : '先定位上课地点，才能限制签到范围。'}
          error={errors.geofence}
        >
          {hasLocation ? (
            <View>
              <Text className='class-form__located'>已定位上课地点</Text>
              <Chips options={GEOFENCE_OPTIONS} value={draft.geofence} onChange={(geofence: GeofenceChoice) => change({ geofence })} />
              <AtButton size='small' onClick={() => change({ lat: null, lng: null })}>清除位置</AtButton>
            </View>
          ) : (
            <AtButton type='secondary' loading={locating} disabled={locating} onClick={pickPlace}>
              {process.env.TARO_ENV === 'weapp' ? '在地图上选择上课地点' : '使用我现在的位置（人在上课地点时）'}
            </AtButton>
          )}
        </FormField>
      </Card>

      <Card title='参加人员'>
        <FormField label='应到人数' optional hint='不填时为本组织全部党员。' error={errors.expected}>
          <AtInput name='expected' type='number' placeholder='本组织全部党员' value={draft.expected}
            onChange={(v: string) => change({ expected: String(v) })} />
        </FormField>
        <FormField label='容纳人数' optional error={errors.capacity}>
          <AtInput name='capacity' type='number' placeholder='场地能坐多少人' value={draft.capacity}
            onChange={(v: string) => change({ capacity: String(v) })} />
        </FormField>
        <Switch title='向全区党员开放' checked={draft.openToAll}
          onChange={(openToAll: boolean) => change({ openToAll })} />
      </Card>

      <AtButton type='primary' loading={saving} disabled={saving} onClick={save}>{classId ? '保存修改' : '安排课程'}</AtButton>
      <Text className='class-form__hint'>填写的内容会自动保存在本机，关掉再打开也不会丢。</Text>
    </View>
  )
}

export default function ClassEditPage() {
  const [classId] = useState(classIdOf)
  const [hostId] = useState(hostIdOf)
  const [loaded, setLoaded] = useState<Omit<ClassFormProps, 'classId'> | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    setError(null)
    // Only a new class takes a host; a class keeps the organisation it was scheduled for.
    const { host, refusal } = !classId && hostId ? await hostFor(hostId) : { host: null, refusal: null }
    const [roster, existing] = await Promise.all([
      // The lecturers that organisation may invite (its own and those above it).
      classroomService.lecturers(host ? { orgId: host.id } : {}),
      classId ? classroomService.get(classId) : Promise.resolve(null),
    ])
    if (existing && !existing.ok) return setError(existing.message)
    const detail: ClassDetail | null = existing?.ok ? existing.data : null
    if (detail && !detail.canManage) return setError('这节课不在您管理的党组织内，不能修改')
    // Without the roster the lecturer can still be typed in.
    setLoaded({
      initial: detail ? draftOf(detail) : emptyDraft(), lecturers: roster.ok ? roster.data.items : [], host, hostRefusal: refusal,
    })
  }

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: classId ? '修改课程' : '新建课程' }).catch(() => {})
    load()
  }, [])

  return (
    <PageShell className='class-edit'>
      <LoadState loading={!loaded} error={error} onRetry={load} textClassName='class-form__hint' />
      {loaded ? <ClassForm classId={classId} {...loaded} /> : null}
    </PageShell>
  )
}

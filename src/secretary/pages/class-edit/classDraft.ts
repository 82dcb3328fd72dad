// The class form's draft (kept on the device until the class is saved) and its translation to and from the API.
import { CLASS_LIMITS } from '@/services'
import type { ClassCategory, ClassCreateInput, ClassDetail } from '@/services'
import { overLimit } from '@/utils/textLimit'
import { shanghaiDate, shanghaiInstant, shanghaiTime } from '@/utils/time'

export const GEOFENCE_CHOICES = ['off', '100', '300', '500', '1000'] as const
export type GeofenceChoice = (typeof GEOFENCE_CHOICES)[number]

/** The lecturer chips' value for "someone not on the roster". */
export const TYPED_LECTURER = 'typed'

export interface ClassDraft {
  title: string
  topic: string
  category: ClassCategory | ''
  description: string
  /** A roster lecturer's id, or TYPED_LECTURER (then name and title are typed). */
  lecturer: string
  lecturerName: string
  lecturerTitle: string
  placeName: string
  address: string
  /** GCJ-02, as WeChat's map gives it; null when the place has no location (then no geofence). */
  lat: number | null
  lng: number | null
  date: string
  startTime: string
  endTime: string
  geofence: GeofenceChoice
  /** Typed only to override the organisation's member count. */
  expected: string
  capacity: string
  openToAll: boolean
}

export type DraftField = keyof ClassDraft

const pad = (n: number) => String(n).padStart(2, '0')

/** A new class starts at the next half hour (Beijing) and lasts 90 minutes, ending by midnight at the latest. */
export function emptyDraft(now: Date = new Date()): ClassDraft {
  const slot = 30 * 60_000
  const start = new Date(Math.ceil(now.getTime() / slot) * slot)
  const startTime = shanghaiTime(start)
  const [h, m] = startTime.split(':').map(Number)
  const endMinutes = Math.min(h * 60 + m + 90, 23 * 60 + 59)
  return {
    title: '', topic: '', category: '', description: '',
    lecturer: '', lecturerName: '', lecturerTitle: '',
    placeName: '', address: '', lat: null, lng: null,
    date: shanghaiDate(start), startTime, endTime: `${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}`,
    geofence: '300', expected: '', capacity: '', openToAll: false,
  }
}

export function draftOf(c: ClassDetail): ClassDraft {
  return {
    title: c.title, topic: c.topic, category: c.category, description: c.description,
    lecturer: c.lecturer.id ?? TYPED_LECTURER,
    lecturerName: c.lecturer.id ? '' : c.lecturer.name,
    lecturerTitle: c.lecturer.id ? '' : c.lecturer.title,
    placeName: c.place.name, address: c.place.address ?? '',
    lat: c.place.location?.lat ?? null, lng: c.place.location?.lng ?? null,
    date: shanghaiDate(c.start), startTime: shanghaiTime(c.start), endTime: shanghaiTime(c.end),
    geofence: c.geofence === null ? 'off' : (GEOFENCE_CHOICES.find((g) => g === String(c.geofence)) ?? '300'),
    expected: '', capacity: c.capacity ? String(c.capacity) : '', openToAll: c.openToAll,
  }
}

export type FieldErrors = Partial<Record<DraftField, string>>

/** What is missing or wrong before anything is sent (the back end checks everything again). */
/** The typed fields, their labels and their limits (the functions refuse the same): the form counts as one types. */
export const TEXT_FIELDS = {
  title: { label: '课程名称', max: CLASS_LIMITS.title },
  topic: { label: '课程主题', max: CLASS_LIMITS.topic },
  description: { label: '课程简介', max: CLASS_LIMITS.description },
  lecturerName: { label: '讲师姓名', max: CLASS_LIMITS.lecturerName },
  lecturerTitle: { label: '讲师职务', max: CLASS_LIMITS.lecturerTitle },
  placeName: { label: '上课地点', max: CLASS_LIMITS.placeName },
  address: { label: '详细地址', max: CLASS_LIMITS.address },
} as const satisfies Partial<Record<keyof ClassDraft, { label: string; max: number }>>

export function checkDraft(d: ClassDraft): FieldErrors {
  const e: FieldErrors = {}
  for (const [key, { label, max }] of Object.entries(TEXT_FIELDS) as Array<[keyof typeof TEXT_FIELDS, { label: string; max: number }]>) {
    const over = overLimit(label, d[key], max)
    if (over) e[key] = over
  }
  if (!d.title.trim()) e.title = '请填写课程名称'
  if (!d.topic.trim()) e.topic = '请填写课程主题'
  if (!d.category) e.category = '请选择课程类别'
  if (!d.lecturer) e.lecturer = '请选择讲师，或选“其他讲师”后填写姓名'
  else if (d.lecturer === TYPED_LECTURER && !d.lecturerName.trim()) e.lecturerName = '请填写讲师姓名'
  if (!d.placeName.trim()) e.placeName = '请填写上课地点'
  if (d.endTime <= d.startTime) e.endTime = '结束时间应晚于开始时间'
  for (const key of ['expected', 'capacity'] as const) {
    const v = d[key].trim()
    if (v && !(/^\d+$/.test(v) && Number(v) >= 1)) e[key] = '请填写大于 0 的整数'
  }
  return e
}

/** The fields the API takes, from a checked draft. */
export function classInput(d: ClassDraft): ClassCreateInput {
  const location = d.lat !== null && d.lng !== null ? { lat: d.lat, lng: d.lng } : undefined
  const address = d.address.trim()
  const description = d.description.trim()
  return {
    title: d.title.trim(),
    topic: d.topic.trim(),
    category: d.category as ClassCategory,
    ...(description ? { description } : {}),
    lecturer: d.lecturer === TYPED_LECTURER
      ? { name: d.lecturerName.trim(), ...(d.lecturerTitle.trim() ? { title: d.lecturerTitle.trim() } : {}) }
      : { id: d.lecturer },
    place: { name: d.placeName.trim(), ...(address ? { address } : {}), ...(location ? { location } : {}) },
    start: shanghaiInstant(d.date, d.startTime),
    end: shanghaiInstant(d.date, d.endTime),
    geofence: location && d.geofence !== 'off' ? Number(d.geofence) : null,
    ...(d.expected.trim() ? { expected: Number(d.expected) } : {}),
    ...(d.capacity.trim() ? { capacity: Number(d.capacity) } : {}),
    openToAll: d.openToAll,
  }
}

/** Which form field a server's field path belongs to (`lecturer.name` → the lecturer name box). */
export function fieldOf(path: string): DraftField | null {
  const [head, sub] = path.split('.')
  switch (head) {
    case 'title': case 'topic': case 'category': case 'description': case 'expected': case 'capacity': case 'geofence':
      return head
    case 'lecturer': return sub === 'name' ? 'lecturerName' : sub === 'title' ? 'lecturerTitle' : 'lecturer'
    case 'place': return sub === 'address' ? 'address' : 'placeName'
    case 'start': return 'startTime'
    case 'end': return 'endTime'
    case 'openToAll': return 'openToAll'
    default: return null
  }
}

// One line a person reads for what an entry changed, from the detail its function recorded.
import type { AuditRecord } from '@/services'
import { ATTENDANCE_STATUS_LABELS, ROLE_LABELS, STORY_STATUS_LABELS } from '@/services'

/** What each field of a class or site is called where a person reads what an edit changed. */
const FIELD_LABELS: Record<string, string> = {
  title: '标题', topic: '主题', category: '类别', description: '简介', capacity: '容量', openToAll: '对所有党员开放',
  expected: '应到人数', start: '开始时间', end: '结束时间', opensBefore: '提前开放签到', geofence: '签到范围', place: '地点',
  lecturer: '讲师', name: '名称', type: '类型', level: '级别', address: '地址', location: '位置', hours: '开放时间',
  closedDates: '闭馆日', facilities: '设施', contact: '联系人', photos: '照片', active: '开放状态', managingOrgId: '管理党组织',
  renewCode: '签到码',
}

const label = (labels: Record<string, string>, value: unknown) =>
  (typeof value === 'string' && labels[value]) || (value === null || value === undefined ? '无' : String(value))

export function describeChange(e: AuditRecord): string | null {
  const d = e.detail as Record<string, any>
  if (e.action.startsWith('story.') && d.to) {
    return `${d.title ? `《${d.title}》` : ''}${d.from ? `${label(STORY_STATUS_LABELS, d.from)} → ` : ''}${label(STORY_STATUS_LABELS, d.to)}`
  }
  if (e.action === 'classroom.mark') {
    return `${d.name ?? ''}：${d.from ? `${label(ATTENDANCE_STATUS_LABELS, d.from)} → ` : ''}${label(ATTENDANCE_STATUS_LABELS, d.to)}${d.title ? `（${d.title}）` : ''}`
  }
  if (e.action === 'user.setRole') return `${label(ROLE_LABELS, d.from)} → ${label(ROLE_LABELS, d.to)}`
  if (d.changed && typeof d.changed === 'object') {
    const keys = Array.isArray(d.changed) ? d.changed : Object.keys(d.changed)
    if (keys.length === 0) return '没有改动'
    const expected = !Array.isArray(d.changed) && d.changed.expected
    return `改动：${keys.map((k: string) => FIELD_LABELS[k] ?? k).join('、')}${expected ? `（应到人数 ${expected.from} → ${expected.to}）` : ''}`
  }
  if (d.date && d.start && d.end) return `${d.orgName ?? ''} ${d.date} ${d.start}–${d.end}`.trim()
  return d.title ?? d.name ?? null
}

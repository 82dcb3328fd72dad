// The classroom of the demo district: a lecturer roster, classes held (with their attendance and the monthly figures
// they add up to), classes coming, and one class in progress in community A and one in community B whatever the hour
// the demo starts (started 30 minutes ago, ending in 90), so the sign-in code page has something live to show.
// The 两新 organisation, 长青社区 and the education bureau hold no class: coverage shows the gap.
import { subjectKey } from '../../cloudfunctions/common/audit'
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { shanghaiMonth } from '../../cloudfunctions/common/time'
import type { ClassMonthDoc, ClassSiteMonthDoc } from '../../cloudfunctions/classroom/figures'
import { AttendanceDoc, attendanceId, ClassDoc, isPresent, minutesOf } from '../../cloudfunctions/classroom/model'
import type { AttendanceStatus, ClassCategory } from '../../contract/classroom'
import { DEFAULT_OPENS_BEFORE_MINUTES, GEOFENCE, LATE_AFTER_MINUTES } from '../../contract/classroom'
import { putAll, SeedDatabase } from './put'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Doc = { _id: string } & Record<string, any>

const LECTURERS = [
  { _id: 'lect-district-zhou', orgId: 'org-district', name: '周立新', title: '区委党校副教授', topics: ['党的创新理论', '党史'] },
  { _id: 'lect-district-han', orgId: 'org-district', name: '韩雪梅', title: '区委宣讲团成员', topics: ['政策解读', '基层治理'] },
  { _id: 'lect-community-a-li', orgId: 'org-community-a', name: '李振华', title: '离退休老党员', topics: ['党史故事', '红色家风'] },
  { _id: 'lect-community-b-gao', orgId: 'org-community-b', name: '高文', title: '社区党委副书记', topics: ['业务技能', '为民服务'] },
]

/** Places near one another; the site ids are those the site directory uses for the same rooms. */
const PLACES = {
  xingfuHall: { siteId: 'site-xingfuli-hub', name: '幸福里社区党群服务中心', address: '东湖街道幸福里 18 号', location: { lat: 30.5431, lng: 114.3627 } },
  xingfuBooks: { siteId: 'site-xingfuli-books', name: '幸福里党建书屋', address: '东湖街道幸福里 22 号二楼', location: { lat: 30.5437, lng: 114.3641 } },
  hepingHall: { siteId: 'site-heping-base', name: '和平社区开放式组织生活基地', address: '东湖街道和平路 6 号', location: { lat: 30.5389, lng: 114.3702 } },
  districtSchool: { name: '区委党校报告厅', address: '先锋大道 100 号', location: { lat: 30.5502, lng: 114.3556 } },
}

interface SeedClass {
  id: string
  orgId: string
  title: string
  topic: string
  category: ClassCategory
  lecturerId: string
  place: keyof typeof PLACES
  /** Start relative to the seed time, minutes; duration in minutes. */
  startMinutes: number
  minutes: number
  geofence?: number | null
  openToAll?: boolean
  cancelled?: string
  /** Who came (minutes after the start they scanned; negative: before) or was marked by hand. */
  came?: Array<{ openid: string; afterStart: number } | { openid: string; hand: 'present' | 'leave' | 'absent'; reason: string }>
}

const CLASSES: SeedClass[] = [
  {
    id: 'demoNowA', orgId: 'org-community-a', title: '学习贯彻党的二十届三中全会精神', topic: '进一步全面深化改革的总目标与重大举措',
    category: 'theory', lecturerId: 'lect-district-zhou', place: 'xingfuHall', startMinutes: -30, minutes: 120, geofence: null,
    came: [{ openid: 'demo-secretary', afterStart: -12 }],
  },
  {
    id: 'demoNowB', orgId: 'org-community-b', title: '社区议事协商怎么开', topic: '“有事好商量”议事会的流程与案例',
    category: 'skills', lecturerId: 'lect-community-b-gao', place: 'hepingHall', startMinutes: -30, minutes: 120,
    geofence: GEOFENCE.default,
  },
  {
    id: 'demoPstA', orgId: 'org-community-a', title: '红色家风代代传', topic: '老党员讲述入党故事',
    category: 'history', lecturerId: 'lect-community-a-li', place: 'xingfuBooks', startMinutes: -6 * 24 * 60, minutes: 90,
    came: [
      { openid: 'demo-member', afterStart: -5 },
      { openid: 'demo-secretary', afterStart: -20 },
      { openid: 'demo-retired', hand: 'present', reason: '老党员没有智能手机，现场由书记代为签到' },
    ],
  },
  {
    id: 'demoPs2A', orgId: 'org-community-a', title: '新修订《纪律处分条例》解读', topic: '六项纪律逐条讲',
    category: 'policy', lecturerId: 'lect-district-han', place: 'xingfuHall', startMinutes: -20 * 24 * 60, minutes: 90,
    came: [
      { openid: 'demo-member', afterStart: 14 },
      { openid: 'demo-secretary', afterStart: -3 },
      { openid: 'demo-retired', hand: 'leave', reason: '住院治疗，已向支部请假' },
    ],
  },
  {
    id: 'demoPstB', orgId: 'org-community-b', title: '垃圾分类我先行', topic: '党员带头做好楼栋垃圾分类',
    category: 'skills', lecturerId: 'lect-community-b-gao', place: 'hepingHall', startMinutes: -9 * 24 * 60, minutes: 60,
    came: [{ openid: 'demo-member-b', afterStart: 2 }, { openid: 'demo-secretary-b', afterStart: -8 }],
  },
  {
    id: 'demoCanA', orgId: 'org-community-a', title: '消防安全进社区', topic: '家庭用电与燃气安全',
    category: 'skills', lecturerId: 'lect-district-han', place: 'xingfuHall', startMinutes: -3 * 24 * 60, minutes: 60,
    cancelled: '讲师临时出差，改期另行通知',
  },
  {
    id: 'demoUpcA', orgId: 'org-community-a', title: '从“枫桥经验”看基层治理', topic: '矛盾纠纷就地化解的做法',
    category: 'policy', lecturerId: 'lect-district-han', place: 'xingfuBooks', startMinutes: 3 * 24 * 60, minutes: 90,
  },
  {
    id: 'demoUpcD', orgId: 'org-district', title: '全区党员大课堂：党史上的今天', topic: '面向全区党员开放',
    category: 'history', lecturerId: 'lect-district-zhou', place: 'districtSchool', startMinutes: 7 * 24 * 60, minutes: 120,
    openToAll: true,
  },
]

export async function seedClasses(db: SeedDatabase, now: Date) {
  const { data: orgs } = await db.collection(COLLECTIONS.orgs).limit(1000).get()
  const { data: people } = await db.collection(COLLECTIONS.users).limit(1000).get()
  const orgById = new Map((orgs as Doc[]).map((o) => [o._id, o]))
  const personById = new Map((people as Doc[]).map((p) => [p._id, p]))
  const approved = (people as Doc[]).filter((p) => p.status === 'approved')
  const lecturerById = new Map(LECTURERS.map((l) => [l._id, l]))
  const secretaryOf = (orgPath: string[]) =>
    approved.find((p) => p.role === 'secretary' && orgPath.includes(p.scopeOrgId)) ?? approved.find((p) => p.role === 'admin')!

  const classes: Doc[] = []
  const records: Doc[] = []
  const audit: Doc[] = []
  const orgMonths = new Map<string, ClassMonthDoc>()
  const siteMonths = new Map<string, ClassSiteMonthDoc>()

  for (const s of CLASSES) {
    const org = orgById.get(s.orgId)!
    const lecturer = lecturerById.get(s.lecturerId)!
    const place = PLACES[s.place]
    const start = new Date(now.getTime() + s.startMinutes * MINUTE)
    const end = new Date(start.getTime() + s.minutes * MINUTE)
    const secretary = secretaryOf(org.path)
    const c: ClassDoc & { guests: number } = {
      _id: s.id,
      title: s.title,
      topic: s.topic,
      category: s.category,
      description: '',
      lecturer: { id: lecturer._id, name: lecturer.name, title: lecturer.title },
      orgId: org._id,
      orgPath: org.path,
      orgName: org.name,
      place,
      start,
      end,
      opensBefore: DEFAULT_OPENS_BEFORE_MINUTES,
      opensAt: new Date(start.getTime() - DEFAULT_OPENS_BEFORE_MINUTES * MINUTE),
      lateAt: new Date(start.getTime() + LATE_AFTER_MINUTES * MINUTE),
      month: shanghaiMonth(start),
      geofence: s.geofence === undefined ? GEOFENCE.default : s.geofence,
      expected: approved.filter((p) => p.orgPath.includes(org._id)).length,
      expectedByDefault: true,
      openToAll: s.openToAll === true,
      status: s.cancelled ? 'cancelled' : 'scheduled',
      ...(s.cancelled ? { cancelReason: s.cancelled } : {}),
      signedIn: 0,
      guests: 0,
      settled: false,
      version: 1,
      createdBy: secretary._id,
      createdByName: secretary.name,
      createdAt: new Date(Math.min(now.getTime(), start.getTime()) - 5 * DAY),
      updatedAt: new Date(Math.min(now.getTime(), start.getTime()) - 5 * DAY),
    }
    for (const came of s.came ?? []) {
      const p = personById.get(came.openid)!
      const hand = 'hand' in came
      const at = hand ? new Date(end.getTime() + 10 * MINUTE) : new Date(start.getTime() + came.afterStart * MINUTE)
      const status: AttendanceStatus = hand ? came.hand : at.getTime() > c.lateAt.getTime() ? 'late' : 'on-time'
      const record: AttendanceDoc = {
        _id: attendanceId(c._id, p._id),
        classId: c._id,
        openid: p._id,
        name: p.name,
        orgId: p.orgId,
        orgName: p.orgName,
        expected: p.orgPath.includes(c.orgId),
        status,
        by: hand ? 'hand' : 'scan',
        at,
        ...(hand
          ? { reason: came.reason, markedBy: secretary._id, markedByName: secretary.name }
          : { location: { lat: place.location.lat, lng: place.location.lng, accuracy: 20 }, distance: 0 }),
        classTitle: c.title,
        classCategory: c.category,
        classOrgName: c.orgName,
        classStart: c.start,
        classMinutes: minutesOf(c),
      }
      records.push(record as unknown as Doc)
      if (isPresent(status)) c[record.expected ? 'signedIn' : 'guests'] += 1
      if (hand) {
        audit.push({
          _id: `audit-${record._id}-mark`, actor: secretary._id, actorName: secretary.name, action: 'classroom.mark',
          targetType: 'attendance', targetId: record._id, reason: came.reason,
          subjects: [subjectKey('attendance', record._id), subjectKey('class', c._id), subjectKey('user', p._id)],
          detail: { classId: c._id, title: c.title, userId: p._id, name: p.name, from: null, to: status }, at,
        })
      }
    }
    if (c.status === 'cancelled') {
      audit.push({
        _id: `audit-${c._id}-cancel`, actor: secretary._id, actorName: secretary.name, action: 'classroom.cancel',
        targetType: 'class', targetId: c._id, subjects: [subjectKey('class', c._id)], reason: s.cancelled, detail: { title: c.title, start: c.start, signedIn: 0 },
        at: new Date(start.getTime() - DAY),
      })
    }
    // Held classes are in their month's figures, as the timer would have counted them.
    if (c.status === 'scheduled' && end.getTime() < now.getTime()) {
      c.settled = true
      c.settledAt = new Date(end.getTime() + 10 * MINUTE)
      c.version = 2
      c.orgPath.forEach((orgId, i) => {
        const id = `${orgId}_${c.month}`
        const f = orgMonths.get(id) ?? { _id: id, orgId, orgPath: c.orgPath.slice(0, i + 1), month: c.month, classesHeld: 0, ownClassesHeld: 0, attendees: 0, guests: 0, expected: 0 }
        f.classesHeld += 1
        if (i === c.orgPath.length - 1) f.ownClassesHeld += 1
        f.attendees += c.signedIn
        f.guests += c.guests
        f.expected += c.expected
        orgMonths.set(id, f)
      })
      if (c.place.siteId) {
        const id = `${c.place.siteId}_${c.month}`
        const f = siteMonths.get(id) ?? { _id: id, siteId: c.place.siteId, month: c.month, classesHeld: 0, attendees: 0 }
        f.classesHeld += 1
        f.attendees += c.signedIn + c.guests
        siteMonths.set(id, f)
      }
    }
    classes.push(c as unknown as Doc)
  }

  await putAll(db, COLLECTIONS.lecturers, LECTURERS.map((l) => ({
    ...l, orgName: orgById.get(l.orgId)!.name, createdAt: new Date(now.getTime() - 60 * DAY), updatedAt: new Date(now.getTime() - 60 * DAY),
  })))
  await putAll(db, COLLECTIONS.classes, classes)
  await putAll(db, COLLECTIONS.attendance, records)
  await putAll(db, COLLECTIONS.audit, audit)
  await putAll(db, COLLECTIONS.classMonths, [...orgMonths.values()] as unknown as Doc[])
  await putAll(db, COLLECTIONS.classSiteMonths, [...siteMonths.values()] as unknown as Doc[])
}

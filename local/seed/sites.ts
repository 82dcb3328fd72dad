// The demo district's sites: one of every type within a few hundred metres to ~3 km of one another (the classroom's
// demo classes use the same site ids for the same rooms), with weekly hours, a closed date, facilities and capacity,
// managed by community A, community B and the street; bookings standing, declined and cancelled (one each way across
// the two communities: the open-sharing figure), visits in the last days, and one idle site (长青社区党建书屋).
// Dates are relative to the seed time, so whatever day the demo starts the calendar has something on it. The figures
// are what the live counting would have made of these records (the recount's own `tally`).
import { subjectKey } from '../../cloudfunctions/common/audit'
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { addDays, shanghaiDate, shanghaiInstant, shanghaiMonth } from '../../cloudfunctions/common/time'
import { spansOn, toWeekly } from '../../cloudfunctions/site/hours'
import {
  BookingDoc, isOutside, MarkDoc, MonthRecords, orgMarkId, SiteDoc, siteMonthId, slotId, SlotDoc, tally, visitId, VisitDoc,
  visitorMarkId,
} from '../../cloudfunctions/site/model'
import type { OpeningInterval, SiteFacility } from '../../contract/site'
import { clockMinutes } from '../../contract/site'
import { putAll, SeedDatabase } from './put'

type Doc = { _id: string } & Record<string, any>

const DAY = 24 * 60 * 60 * 1000
const every = (days: number[], start: string, end: string): OpeningInterval[] => days.map((day) => ({ day, start, end }))
const WEEKDAYS = [1, 2, 3, 4, 5]

interface SeedSite {
  id: string
  code: string
  type: SiteDoc['type']
  name: string
  level: SiteDoc['level']
  address: string
  lat: number
  lng: number
  hours: OpeningInterval[]
  /** Closed dates, days from the seed date. */
  closedInDays?: number[]
  facilities: SiteFacility[]
  capacity: number
  contact: { name: string; phone: string }
  description: string
  orgId: string
}

const SITES: SeedSite[] = [
  {
    id: 'site-xingfuli-hub', code: 'XFLhub01', type: 'center', name: '幸福里社区党群服务中心', level: 'district',
    address: '东湖街道幸福里 18 号', lat: 30.5431, lng: 114.3627,
    hours: [...every(WEEKDAYS, '08:30', '12:00'), ...every(WEEKDAYS, '14:00', '17:30'), ...every([6], '09:00', '12:00')],
    facilities: ['projector', 'meetingRoom', 'accessible', 'wifi', 'sound', 'aircon', 'water'], capacity: 60,
    contact: { name: '李芳', phone: '027-86661234' }, orgId: 'org-community-a',
    description: '社区党委办公和党员活动的主阵地，一楼为便民服务大厅，二楼多功能会议室可容纳 60 人，向辖区各类组织开放预约。',
  },
  {
    id: 'site-xingfuli-books', code: 'XFLbks01', type: 'library', name: '幸福里党建书屋', level: null,
    address: '东湖街道幸福里 22 号二楼', lat: 30.5437, lng: 114.3641,
    hours: every([1, 2, 3, 4, 5, 6, 7], '00:00', '24:00'),
    facilities: ['bookshelf', 'accessible', 'wifi', 'aircon', 'water'], capacity: 20,
    contact: { name: '幸福里党建书屋', phone: '027-86661235' }, orgId: 'org-community-a',
    description: '24 小时自助开放的党建书屋，藏书 3000 余册，扫码签到即可入内阅读。',
  },
  {
    id: 'site-heping-base', code: 'HPbase01', type: 'base', name: '和平社区开放式组织生活基地', level: 'city',
    address: '东湖街道和平路 6 号', lat: 30.5389, lng: 114.3702,
    hours: every([2, 3, 4, 5, 6, 7], '09:00', '17:00'), closedInDays: [2],
    facilities: ['projector', 'meetingRoom', 'screen', 'sound', 'accessible', 'parking'], capacity: 40,
    contact: { name: '和平社区党委', phone: '027-86662001' }, orgId: 'org-community-b',
    description: '市级示范开放式组织生活基地，周一闭馆。周边“两新”组织、机关支部均可预约开展主题党日、组织生活会。',
  },
  {
    id: 'site-donghu-studio', code: 'DHstd001', type: 'studio', name: '东湖街道党代表工作室', level: null,
    address: '东湖街道办事处一楼', lat: 30.5478, lng: 114.3588,
    hours: every([1, 3, 5], '14:00', '17:30'),
    facilities: ['meetingRoom', 'accessible', 'water'], capacity: 15,
    contact: { name: '东湖街道党工委', phone: '027-86669000' }, orgId: 'org-street-donghu',
    description: '党代表接待日：每周一、三、五下午，党代表轮值接待群众、听取意见。',
  },
  {
    id: 'site-donghu-center', code: 'DHctr001', type: 'center', name: '东湖街道党群服务中心', level: 'district',
    address: '东湖街道先锋大道 88 号', lat: 30.5512, lng: 114.3661,
    hours: every([1, 2, 3, 4, 5, 6], '08:30', '17:30'),
    facilities: ['projector', 'meetingRoom', 'screen', 'sound', 'accessible', 'parking', 'aircon', 'wifi'], capacity: 120,
    contact: { name: '东湖街道党工委', phone: '027-86669001' }, orgId: 'org-street-donghu',
    description: '街道党群服务中心，报告厅可容纳 120 人，适合大型党课、党员大会。',
  },
  {
    id: 'site-changqing-books', code: 'CQbks001', type: 'library', name: '长青社区党建书屋', level: null,
    address: '西湖街道长青路 3 号', lat: 30.5262, lng: 114.3912,
    hours: every([2, 3, 4, 5, 6, 7], '09:00', '20:00'),
    facilities: ['bookshelf', 'water'], capacity: 12,
    contact: { name: '长青社区党委', phone: '027-86668800' }, orgId: 'org-community-c',
    description: '社区党建书屋，暂未开展活动。',
  },
]

interface SeedBooking {
  id: string
  siteId: string
  by: string
  orgId: string
  /** The first open date this many days (or more) from the seed date; negative: the most recent before it. */
  inDays: number
  start: string
  end: string
  headcount: number
  purpose: string
  status?: 'declined' | 'cancelled'
  reason?: string
  confirmed?: boolean
  arrived?: boolean
}

const BOOKINGS: SeedBooking[] = [
  {
    id: 'bDemoHeping1', siteId: 'site-heping-base', by: 'demo-secretary', orgId: 'org-community-a', inDays: 1,
    start: '14:00', end: '16:00', headcount: 25, purpose: '幸福里社区第一党支部主题党日',
  },
  {
    id: 'bDemoHub0001', siteId: 'site-xingfuli-hub', by: 'demo-secretary-b', orgId: 'org-community-b', inDays: 2,
    start: '09:00', end: '11:00', headcount: 30, purpose: '和平社区党员冬训集中学习', confirmed: true,
  },
  {
    id: 'bDemoCenter1', siteId: 'site-donghu-center', by: 'demo-secretary', orgId: 'org-community-a', inDays: 3,
    start: '14:00', end: '17:00', headcount: 80, purpose: '社区党员大会', status: 'declined', reason: '当天报告厅已安排街道工作会议，请改约其他日期',
  },
  {
    id: 'bDemoHeping2', siteId: 'site-heping-base', by: 'demo-secretary', orgId: 'org-community-a', inDays: 4,
    start: '09:00', end: '10:30', headcount: 12, purpose: '支委会', status: 'cancelled', reason: '改在社区会议室召开',
  },
  {
    id: 'bDemoBooks01', siteId: 'site-xingfuli-books', by: 'demo-secretary-b', orgId: 'org-community-b', inDays: -1,
    start: '19:00', end: '20:30', headcount: 10, purpose: '青年党员读书分享会', confirmed: true, arrived: true,
  },
]

/** Who checked in where: at the site's most recent opening on or before `daysAgo` days ago, `minutes` after it opened. */
const VISITS: Array<{ siteId: string; openid: string; daysAgo: number; minutes: number }> = [
  { siteId: 'site-xingfuli-books', openid: 'demo-member-b', daysAgo: 0, minutes: -40 },
  { siteId: 'site-xingfuli-books', openid: 'demo-retired', daysAgo: 1, minutes: 600 },
  { siteId: 'site-xingfuli-books', openid: 'demo-member', daysAgo: 2, minutes: 1140 },
  { siteId: 'site-xingfuli-books', openid: 'demo-secretary-b', daysAgo: 1, minutes: 1145 },
  { siteId: 'site-heping-base', openid: 'demo-member-b', daysAgo: 1, minutes: 60 },
  { siteId: 'site-heping-base', openid: 'demo-member', daysAgo: 3, minutes: 90 },
  { siteId: 'site-xingfuli-hub', openid: 'demo-retired', daysAgo: 1, minutes: 30 },
  { siteId: 'site-donghu-studio', openid: 'demo-member', daysAgo: 1, minutes: 45 },
]

/** The first date from `from` on (or before it, going back) where the site is open over [start, end). */
function openDate(site: SiteDoc, from: string, step: 1 | -1, start: number, end: number): string {
  for (let i = 0; i < 14; i++) {
    const date = addDays(from, i * step)
    if (spansOn(site, date).some(([a, b]) => a <= start && end <= b)) return date
  }
  throw new Error(`seed: ${site._id} is never open ${start}–${end} near ${from}`)
}

/** The most recent date on or before `from` the site is open at all. */
function lastOpenDate(site: SiteDoc, from: string): string {
  for (let i = 0; i < 14; i++) if (spansOn(site, addDays(from, -i)).length) return addDays(from, -i)
  throw new Error(`seed: ${site._id} is never open near ${from}`)
}

export async function seedSites(db: SeedDatabase, now: Date) {
  const { data: orgs } = await db.collection(COLLECTIONS.orgs).limit(1000).get()
  const { data: people } = await db.collection(COLLECTIONS.users).limit(1000).get()
  const orgById = new Map((orgs as Doc[]).map((o) => [o._id, o]))
  const personById = new Map((people as Doc[]).map((p) => [p._id, p]))
  const today = shanghaiDate(now)

  const sites: SiteDoc[] = SITES.map((s) => {
    const org = orgById.get(s.orgId)!
    return {
      _id: s.id, code: s.code, type: s.type, name: s.name, level: s.level, address: s.address,
      location: { type: 'Point', coordinates: [s.lng, s.lat] },
      weekly: toWeekly(s.hours),
      closedDates: (s.closedInDays ?? []).map((d) => addDays(today, d)),
      facilities: s.facilities, capacity: s.capacity, contact: s.contact, photos: [], description: s.description,
      managingOrgId: org._id, managingOrgPath: org.path, managingOrgName: org.name, active: true,
      createdBy: 'demo-admin', createdAt: new Date(now.getTime() - 90 * DAY), updatedAt: new Date(now.getTime() - 90 * DAY),
    }
  })
  const siteById = new Map(sites.map((s) => [s._id, s]))

  const bookings: BookingDoc[] = []
  const slots: SlotDoc[] = []
  const messages: Doc[] = []
  const audit: Doc[] = []
  for (const b of BOOKINGS) {
    const site = siteById.get(b.siteId)!
    const org = orgById.get(b.orgId)!
    const booker = personById.get(b.by)!
    const startMin = clockMinutes(b.start)
    const endMin = clockMinutes(b.end)
    const date = openDate(site, addDays(today, b.inDays), b.inDays < 0 ? -1 : 1, startMin, endMin)
    const createdAt = new Date(Math.min(now.getTime(), shanghaiInstant(date, startMin).getTime()) - 3 * DAY)
    const status = b.status ?? 'booked'
    const doc: BookingDoc = {
      _id: b.id, siteId: site._id, siteName: site.name, date, month: shanghaiMonth(shanghaiInstant(date)),
      startMin, endMin, hours: (endMin - startMin) / 60, headcount: b.headcount, purpose: b.purpose,
      orgId: org._id, orgPath: org.path, orgName: org.name,
      bookedBy: booker._id, bookedByName: booker.name, ...(booker.phone ? { bookedByPhone: booker.phone } : {}),
      status, confirmed: b.confirmed === true, arrived: b.arrived === true,
      ...(b.arrived ? { arrivedAt: shanghaiInstant(date, startMin + 5) } : {}),
      ...(b.reason ? { reason: b.reason, decidedBy: status === 'declined' ? 'demo-admin' : booker._id, decidedAt: new Date(createdAt.getTime() + DAY) } : {}),
      createdAt,
    }
    bookings.push(doc)
    if (status === 'booked') {
      for (let m = startMin; m < endMin; m += 30) {
        slots.push({ _id: slotId(site._id, date, m), siteId: site._id, date, month: doc.month, startMin: m, bookingId: doc._id, createdAt })
      }
    }
    if (status === 'declined') {
      messages.push({
        _id: `msg-${doc._id}`, openid: booker._id, title: '您的阵地预约未能安排', siteId: site._id, bookingId: doc._id,
        body: `${site.name}的预约未能安排。原因：${b.reason}`, at: doc.decidedAt, read: false,
      })
      audit.push({
        _id: `audit-${doc._id}-decline`, actor: 'demo-admin', actorName: '王建国', action: 'site.decline', targetType: 'booking',
        targetId: doc._id, subjects: [subjectKey('booking', doc._id), subjectKey('site', site._id)], reason: b.reason, detail: { siteId: site._id, siteName: site.name, date, start: b.start, end: b.end, orgName: org.name },
        at: doc.decidedAt,
      })
    }
  }

  const visits: VisitDoc[] = []
  for (const v of VISITS) {
    const site = siteById.get(v.siteId)!
    const p = personById.get(v.openid)!
    let at: Date
    if (v.daysAgo === 0) {
      at = new Date(now.getTime() + v.minutes * 60_000)
    } else {
      const date = lastOpenDate(site, addDays(today, -v.daysAgo))
      const [open] = spansOn(site, date)
      at = shanghaiInstant(date, Math.min(open[0] + v.minutes, open[1] - 1))
    }
    const date = shanghaiDate(at)
    const arrival = bookings.find((b) => b.arrived && b.siteId === site._id && b.bookedBy === p._id && b.date === date)
    visits.push({
      _id: visitId(site._id, date, p._id), siteId: site._id, date, month: shanghaiMonth(at),
      openid: p._id, name: p.name, orgId: p.orgId, orgPath: p.orgPath, orgName: p.orgName, at, distance: 12,
      ...(arrival ? { bookingId: arrival._id } : {}),
    })
  }
  const past = visits.filter((v) => v.at.getTime() <= now.getTime())

  // The figures and first-of-month markers the live counting would have made of these records.
  const months = new Set([...past.map((v) => v.month), ...bookings.map((b) => b.month)])
  const figures: Doc[] = []
  const marks: MarkDoc[] = []
  for (const month of months) {
    const vs = past.filter((v) => v.month === month)
    const standing = bookings.filter((b) => b.month === month && b.status === 'booked')
    const records: MonthRecords = {
      visits: [...new Set(vs.map((v) => v.siteId))].map((siteId) => {
        const here = vs.filter((v) => v.siteId === siteId)
        return { siteId, visits: here.length, visitors: new Set(here.map((v) => v.openid)).size }
      }),
      bookings: [...new Set(standing.map((b) => b.siteId))].map((siteId) => {
        const here = standing.filter((b) => b.siteId === siteId)
        return { siteId, bookings: here.length, bookedHours: here.reduce((h, b) => h + b.hours, 0), arrivals: here.filter((b) => b.arrived).length }
      }),
      served: [...vs, ...standing.filter((b) => b.arrived)].map((r) => ({ siteId: r.siteId, orgId: r.orgId, orgPath: r.orgPath })),
    }
    for (const [siteId, f] of tally(records, (id) => siteById.get(id)?.managingOrgId)) {
      figures.push({ _id: siteMonthId(siteId, month), siteId, month, ...f })
    }
    for (const v of vs) marks.push({ _id: visitorMarkId(v.siteId, month, v.openid), siteId: v.siteId, month, kind: 'visitor', key: v.openid })
    for (const s of records.served) {
      const manager = siteById.get(s.siteId)!.managingOrgId
      marks.push({ _id: orgMarkId(s.siteId, month, s.orgId), siteId: s.siteId, month, kind: 'org', key: s.orgId, outside: isOutside(s.orgPath, manager) })
    }
  }

  await putAll(db, COLLECTIONS.sites, sites as unknown as Doc[])
  await putAll(db, COLLECTIONS.siteBookings, bookings as unknown as Doc[])
  await putAll(db, COLLECTIONS.siteSlots, slots as unknown as Doc[])
  await putAll(db, COLLECTIONS.siteVisits, past as unknown as Doc[])
  await putAll(db, COLLECTIONS.siteMarks, marks as unknown as Doc[])
  await putAll(db, COLLECTIONS.siteMonths, figures)
  await putAll(db, COLLECTIONS.messages, messages)
  await putAll(db, COLLECTIONS.audit, audit)
}

// A year of history for the workbench (党建工作台), so its trends, ranking and warnings show something real on first
// start: 南湖街道 — two communities, three branches, their members and two sites — with classes and their attendance,
// stories, check-ins and bookings over the 12 months before this one (local/seed/history.ts), and every month's
// figures made by each feature's own recount. A street of its own, and nothing in the current month but a story
// waiting for review, so what the other organisations, people and sites of the demo district show is as it was.
// Its gaps feed the warnings: 翠柳社区 has a classroom and no class for 90 days (只挂牌子), 春晖社区党建书屋 was not
// used last month (闲置), and one story has waited five days for review (审核超时).
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { toWeekly } from '../../cloudfunctions/site/hours'
import type { OrgType } from '../../contract/user'
import { writeHistory } from './history'
import { putAll, SeedDatabase } from './put'

const DAY = 24 * 60 * 60 * 1000
const STREET = { _id: 'org-street-nanhu', name: '南湖街道党工委', type: 'street' as OrgType, path: ['org-district', 'org-street-nanhu'] }

const ORGS: Array<{ _id: string; name: string; type: OrgType; parentId: string }> = [
  { _id: 'org-community-chunhui', name: '春晖社区党委', type: 'community', parentId: STREET._id },
  { _id: 'org-branch-chunhui1', name: '春晖社区第一党支部', type: 'branch', parentId: 'org-community-chunhui' },
  { _id: 'org-branch-chunhui2', name: '春晖社区离退休党支部', type: 'branch', parentId: 'org-community-chunhui' },
  { _id: 'org-community-cuiliu', name: '翠柳社区党委', type: 'community', parentId: STREET._id },
  { _id: 'org-branch-cuiliu1', name: '翠柳社区第一党支部', type: 'branch', parentId: 'org-community-cuiliu' },
]

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许'
const GIVEN = ['建华', '秀兰', '志强', '桂英', '国庆', '丽娟', '卫东', '淑珍']

export async function seedYear(db: SeedDatabase, now: Date) {
  const orgs = [{ ...STREET, parentId: 'org-district' }]
  for (const o of ORGS) orgs.push({ ...o, path: [...orgs.find((p) => p._id === o.parentId)!.path, o._id] })
  const pathOf = new Map(orgs.map((o) => [o._id, o.path]))
  const nameOf = new Map(orgs.map((o) => [o._id, o.name]))
  await putAll(db, COLLECTIONS.orgs, orgs)
  // Four members in each organisation that keeps members (not demo sign-ins: nobody logs in as them).
  let n = 0
  const people = ORGS.flatMap((o) => Array.from({ length: 4 }, (_, i) => {
    const k = n++
    return {
      _id: `year-member-${k}`, name: `${SURNAMES[k % SURNAMES.length]}${GIVEN[k % GIVEN.length]}`, orgId: o._id, orgPath: pathOf.get(o._id)!,
      orgName: o.name, retired: o._id === 'org-branch-chunhui2' || i === 3, status: 'approved', role: 'member',
      registeredAt: new Date(now.getTime() - 500 * DAY), reviewedAt: new Date(now.getTime() - 499 * DAY), reviewedBy: 'demo-admin',
    }
  }))
  await putAll(db, COLLECTIONS.users, people)
  // Some 8 km south of the other sites, so "near me" lists elsewhere in the district are as they were.
  const site = (id: string, code: string, type: string, name: string, orgId: string, lat: number, lng: number) => ({
    _id: id, code, type, name, level: null, address: `南湖街道${name.slice(0, 2)}路 8 号`,
    location: { type: 'Point', coordinates: [lng, lat] },
    weekly: toWeekly([1, 2, 3, 4, 5].flatMap((day) => [{ day, start: '09:00', end: '12:00' }, { day, start: '14:00', end: '17:30' }])),
    closedDates: [], facilities: ['meetingRoom', 'projector', 'wifi'], capacity: 40,
    contact: { name: nameOf.get(orgId)!, phone: '027-86669900' }, photos: [], description: `${nameOf.get(orgId)}管理的党员活动阵地。`,
    managingOrgId: orgId, managingOrgPath: pathOf.get(orgId)!, managingOrgName: nameOf.get(orgId)!, active: true,
    createdBy: 'demo-admin', createdAt: new Date(now.getTime() - 400 * DAY), updatedAt: new Date(now.getTime() - 400 * DAY),
  })
  await putAll(db, COLLECTIONS.sites, [
    site('site-chunhui-hub', 'CHUhub01', 'center', '春晖社区党群服务中心', 'org-community-chunhui', 30.468, 114.352),
    site('site-chunhui-books', 'CHUbks01', 'library', '春晖社区党建书屋', 'org-community-chunhui', 30.470, 114.355),
    site('site-cuiliu-hub', 'CLIhub01', 'center', '翠柳社区党群服务中心', 'org-community-cuiliu', 30.462, 114.349),
  ])
  await writeHistory(db, {
    now, months: 12, seed: 2026, prefix: 'year-', root: STREET._id, pastMonthsOnly: true,
    classChance: 0.8, attendChance: 0.75, storyChance: 0.12, visitsPerSite: 10,
    quietOrgs: ['org-community-cuiliu'], idleSites: ['site-chunhui-books'], lateReviews: 1,
  })
}

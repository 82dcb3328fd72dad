// Organisations of every kind and the demo people who sign in with fixed openids.
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import type { PersonDoc } from '../../cloudfunctions/common/people'
import type { OrgType } from '../../contract/user'
import { putAll, SeedDatabase } from './put'

interface SeedOrg { _id: string; name: string; type: OrgType; parentId: string | null }

export const DEMO_ORGS: SeedOrg[] = [
  { _id: 'org-district', name: '先锋区委', type: 'district', parentId: null },
  { _id: 'org-street-donghu', name: '东湖街道党工委', type: 'street', parentId: 'org-district' },
  { _id: 'org-community-a', name: '幸福里社区党委', type: 'community', parentId: 'org-street-donghu' },
  { _id: 'org-branch-a1', name: '幸福里社区第一党支部', type: 'branch', parentId: 'org-community-a' },
  { _id: 'org-branch-a2', name: '幸福里社区离退休党支部', type: 'branch', parentId: 'org-community-a' },
  { _id: 'org-community-b', name: '和平社区党委', type: 'community', parentId: 'org-street-donghu' },
  { _id: 'org-branch-b1', name: '和平社区第一党支部', type: 'branch', parentId: 'org-community-b' },
  { _id: 'org-twonew-xinghuo', name: '星火科技有限公司党支部', type: 'twoNew', parentId: 'org-street-donghu' },
  { _id: 'org-street-xihu', name: '西湖街道党工委', type: 'street', parentId: 'org-district' },
  { _id: 'org-community-c', name: '长青社区党委', type: 'community', parentId: 'org-street-xihu' },
  { _id: 'org-agency-edu', name: '区教育局机关党委', type: 'agency', parentId: 'org-district' },
]

/** A person's record as the user function keeps it, with its openid and how long ago they registered. */
type SeedPerson = Omit<PersonDoc, '_id' | 'orgPath' | 'orgName' | 'registeredAt' | 'reviewedAt' | 'reviewedBy'> & { openid: string; daysAgo: number }

export const DEMO_PEOPLE: SeedPerson[] = [
  { openid: 'demo-admin', name: '王建国', orgId: 'org-district', retired: false, phone: '13800000001', status: 'approved', role: 'admin', daysAgo: 400 },
  { openid: 'demo-secretary', name: '李芳', orgId: 'org-community-a', retired: false, phone: '13800000002', status: 'approved', role: 'secretary', scopeOrgId: 'org-community-a', daysAgo: 300 },
  { openid: 'demo-secretary-b', name: '赵强', orgId: 'org-community-b', retired: false, phone: '13800000003', status: 'approved', role: 'secretary', scopeOrgId: 'org-community-b', daysAgo: 300 },
  { openid: 'demo-member', name: '张明', orgId: 'org-branch-a1', retired: false, phone: '13800000004', status: 'approved', role: 'member', daysAgo: 200 },
  { openid: 'demo-retired', name: '陈秀英', orgId: 'org-branch-a2', retired: true, phone: '13800000005', status: 'approved', role: 'member', daysAgo: 200 },
  { openid: 'demo-member-b', name: '刘洋', orgId: 'org-branch-b1', retired: false, phone: '13800000006', status: 'approved', role: 'member', daysAgo: 180 },
  { openid: 'demo-pending-a', name: '周红', orgId: 'org-branch-a1', retired: false, phone: '13800000007', status: 'pending', role: 'member', daysAgo: 2 },
  { openid: 'demo-pending-retired', name: '吴德明', orgId: 'org-branch-a2', retired: true, status: 'pending', role: 'member', daysAgo: 1 },
  { openid: 'demo-pending-b', name: '孙丽', orgId: 'org-branch-b1', retired: false, status: 'pending', role: 'member', daysAgo: 1 },
  { openid: 'demo-rejected', name: '钱伟', orgId: 'org-branch-a1', retired: false, status: 'rejected', role: 'member', rejectReason: '所在党组织填写有误，请选择实际所在的党支部后重新登记', daysAgo: 5 },
]

function orgPaths(orgs: SeedOrg[]): Map<string, string[]> {
  const byId = new Map(orgs.map((o) => [o._id, o]))
  const paths = new Map<string, string[]>()
  for (const org of orgs) {
    const p: string[] = []
    for (let cur: SeedOrg | undefined = org; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) p.unshift(cur._id)
    paths.set(org._id, p)
  }
  return paths
}

export async function seedPeople(db: SeedDatabase, now: Date) {
  const paths = orgPaths(DEMO_ORGS)
  const names = new Map(DEMO_ORGS.map((o) => [o._id, o.name]))
  await putAll(db, COLLECTIONS.orgs, DEMO_ORGS.map((o) => ({ ...o, path: paths.get(o._id)! })))
  await putAll(db, COLLECTIONS.users, DEMO_PEOPLE.map(({ openid, daysAgo, ...p }) => {
    const doc: { _id: string } & Record<string, unknown> = {
      _id: openid,
      ...p,
      orgPath: paths.get(p.orgId)!,
      orgName: names.get(p.orgId)!,
      registeredAt: new Date(now.getTime() - daysAgo * 86400000),
    }
    for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k]
    if (p.status !== 'pending') doc.reviewedAt = new Date(now.getTime() - (daysAgo - 1) * 86400000)
    return doc
  }))
}

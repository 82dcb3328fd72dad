// A random district of any size for the workbench's tests and benchmark: streets, communities, branches, 两新 and
// agency organisations under the demo district's root, approved members in every organisation that keeps members,
// and sites managed by communities, written in bulk through the SDK. Deterministic for a seed.
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import type { OrgType } from '../../contract/user'
import { rngOf } from './history'
import type { SeedDatabase } from './put'

export interface RandomDistrict { orgs: number; people: number; sites: number; communities: string[]; streets: string[] }

const BATCH = 500

export async function writeRandomDistrict(db: SeedDatabase, o: { seed: number; streets: number; communitiesPerStreet: number; branchesPerCommunity: number; membersPerOrg: number; prefix?: string }): Promise<RandomDistrict> {
  const rng = rngOf(o.seed)
  const p = o.prefix ?? 'r'
  const root = { _id: 'org-district', path: ['org-district'] }
  const orgs: Array<{ _id: string; name: string; type: OrgType; parentId: string; path: string[] }> = []
  const add = (id: string, name: string, type: OrgType, parent: { _id: string; path: string[] }) => {
    const org = { _id: id, name, type, parentId: parent._id, path: [...parent.path, id] }
    orgs.push(org)
    return org
  }
  const communities: string[] = []
  const streets: string[] = []
  for (let s = 0; s < o.streets; s++) {
    const street = add(`${p}-st${s}`, `随机第${s + 1}街道党工委`, 'street', root)
    streets.push(street._id)
    for (let c = 0; c < o.communitiesPerStreet; c++) {
      const community = add(`${p}-st${s}-c${c}`, `随机${s + 1}街${c + 1}社区党委`, 'community', street)
      communities.push(community._id)
      for (let b = 0; b < o.branchesPerCommunity; b++) add(`${p}-st${s}-c${c}-b${b}`, `随机${s + 1}街${c + 1}社区第${b + 1}支部`, 'branch', community)
    }
    add(`${p}-st${s}-tn`, `随机${s + 1}街两新组织党支部`, 'twoNew', street)
  }
  const people = orgs.filter((x) => x.type !== 'street').flatMap((org) =>
    Array.from({ length: Math.max(1, Math.round(o.membersPerOrg * (0.5 + rng()))) }, (_, i) => ({
      _id: `${org._id}-m${i}`, name: `党员${i + 1}`, orgId: org._id, orgPath: org.path, orgName: org.name, retired: rng() < 0.3,
      status: 'approved', role: 'member', registeredAt: new Date('2020-01-01T00:00:00Z'),
    })))
  const weekly = [1, 2, 3, 4, 5].map((day) => ({ day, start: 540, end: 1020 }))
  const sites = communities.filter(() => rng() < 0.5).map((cid, i) => {
    const org = orgs.find((x) => x._id === cid)!
    return {
      _id: `${p}-site${i}`, code: `${p}S${String(i).padStart(6, '0')}`.slice(-8), type: 'library', name: `${org.name}党建书屋`, level: null,
      address: '随机路 1 号', location: { type: 'Point', coordinates: [114.36 + rng() / 100, 30.54 + rng() / 100] },
      weekly, closedDates: [], facilities: [], capacity: 30, contact: { name: '联系人', phone: '02788886666' }, photos: [], description: '',
      managingOrgId: org._id, managingOrgPath: org.path, managingOrgName: org.name, active: true, createdBy: 'seed',
      createdAt: new Date('2020-01-01T00:00:00Z'), updatedAt: new Date('2020-01-01T00:00:00Z'),
    }
  })
  for (const [collection, docs] of [[COLLECTIONS.orgs, orgs], [COLLECTIONS.users, people], [COLLECTIONS.sites, sites]] as const) {
    for (let i = 0; i < docs.length; i += BATCH) await db.collection(collection).add((docs as any[]).slice(i, i + BATCH))
  }
  return { orgs: orgs.length, people: people.length, sites: sites.length, communities, streets }
}

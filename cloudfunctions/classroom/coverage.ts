// Coverage (课程覆盖): for a month, the classes held, attendees and attendance rate of an organisation and each one under
// it, and how many grassroots organisations held a class. Reads the pre-counted figures (figures.ts), never the classes.
import type { ClassroomInput, ClassroomOutput, OrgCoverage } from '../../contract/classroom'
import type { OrgType } from '../../contract/user'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { round3 } from '../common/figures'
import { defaultOrgId, subtreeInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { shanghaiMonth } from '../common/time'
import { ClassMonthDoc, settleDue } from './figures'

const MAX_ROWS = 1000

/**
 * The grassroots organisations coverage is counted over (基层党组织): communities, 两新 organisations and agencies,
 * and branches standing on their own; a branch of a community is covered through its community's figures.
 */
const GRASSROOTS: ReadonlyArray<OrgType> = ['community', 'twoNew', 'agency']
const isGrassroots = (type: OrgType, parentType: OrgType | undefined) =>
  GRASSROOTS.includes(type) || (type === 'branch' && !(parentType && GRASSROOTS.includes(parentType)))

export async function coverage(input: ClassroomInput['coverage'], person: PersonDoc): Promise<ClassroomOutput['coverage']> {
  const at = now()
  const month = input.month ?? shanghaiMonth(at)
  const orgId = input.orgId ?? defaultOrgId(person)
  const orgs = await subtreeInScope(person, orgId)
  // Classes that ended uncounted are counted first (where no timer has done it yet).
  await settleDue(at, orgId)
  const { data: figures } = await database().collection(COLLECTIONS.classMonths).where({ month, orgPath: orgId }).limit(MAX_ROWS).get()
  const byOrg = new Map((figures as ClassMonthDoc[]).map((f) => [f.orgId, f]))
  const items = orgs.map((o): OrgCoverage => {
    const f = byOrg.get(o._id)
    return {
      orgId: o._id, orgName: o.name, orgType: o.type, parentId: o.parentId,
      classesHeld: f?.classesHeld ?? 0, attendees: f?.attendees ?? 0, expected: f?.expected ?? 0,
      rate: f?.expected ? round3(Math.min(1, f.attendees / f.expected)) : null,
      covered: (f?.classesHeld ?? 0) > 0,
    }
  })
  const typeOf = new Map(orgs.map((o) => [o._id, o.type]))
  const grassroots = orgs.filter((o) => isGrassroots(o.type, o.parentId ? typeOf.get(o.parentId) : undefined))
  const covered = grassroots.filter((g) => (byOrg.get(g._id)?.classesHeld ?? 0) > 0).length
  const top = items[0]
  return {
    month,
    orgId,
    items,
    summary: {
      orgs: grassroots.length, covered, uncovered: grassroots.length - covered,
      classesHeld: top.classesHeld, attendees: top.attendees, rate: top.rate,
    },
  }
}

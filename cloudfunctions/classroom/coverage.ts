// Coverage (开课情况): for a month, the classes held, attendees (实到), guests (列席) and attendance rate of an
// organisation and each one under it, and which organisations that must hold classes did. Reads the pre-counted
// figures (figures.ts), never the classes. The rule is written once here (coverageOf) and the answer, its summary
// and the export all come from it:
//   - communities, 两新 organisations and agencies (committees) and every branch must hold classes; streets and the
//     district add up what is under them (status `total`, not counted in the summary);
//   - an organisation held a class when it or one under it did (`held`);
//   - a class a committee holds itself expects its branches' members too, so it covers its branches
//     (`viaCommittee`); a class of one branch does not cover its sibling branches.
import type { ClassroomInput, ClassroomOutput, CoverageStatus, OrgCoverage } from '../../contract/classroom'
import { COVERAGE_STATUS_LABELS } from '../../contract/classroom'
import type { OrgType } from '../../contract/user'
import { holdsMembers, ORG_TYPE_LABELS } from '../../contract/user'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { round3 } from '../common/figures'
import { defaultOrgId, OrgDoc, subtreeInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { shanghaiMonth } from '../common/time'
import { exportName, percent, saveWorkbook, workbook } from '../common/workbook'
import { whenAll } from '../common/whenAll'
import { ClassMonthDoc, settleDue } from './figures'

const MAX_ROWS = 1000

const COMMITTEES: ReadonlyArray<OrgType> = ['community', 'twoNew', 'agency']
/** The organisations that must hold classes (基层党组织): those that keep members, as registration defines them. */
export const mustHoldClasses = holdsMembers

type Coverage = ClassroomOutput['coverage']

/**
 * The coverage of `orgs` (a subtree, root first) from the month's figures, `above`: the root's ancestors (so that a
 * branch reported on its own still sees its committee's classes).
 */
export function coverageOf(month: string, orgs: OrgDoc[], figures: ClassMonthDoc[], above: OrgDoc[] = []): Coverage {
  const byOrg = new Map(figures.map((f) => [f.orgId, f]))
  const org = new Map([...above, ...orgs].map((o) => [o._id, o]))
  const heldItself = (o: OrgDoc) => (byOrg.get(o._id)?.ownClassesHeld ?? 0) > 0
  /** A committee above `o`, up the line of organisations that must hold classes, held a class itself. */
  const coveredByCommittee = (o: OrgDoc): boolean => {
    const parent = o.parentId ? org.get(o.parentId) : undefined
    if (!parent || !mustHoldClasses(parent.type)) return false
    return (COMMITTEES.includes(parent.type) && heldItself(parent)) || coveredByCommittee(parent)
  }
  const statusOf = (o: OrgDoc): CoverageStatus => {
    if (!mustHoldClasses(o.type)) return 'total'
    if ((byOrg.get(o._id)?.classesHeld ?? 0) > 0) return 'held'
    return coveredByCommittee(o) ? 'viaCommittee' : 'none'
  }
  const items = orgs.map((o): OrgCoverage => {
    const f = byOrg.get(o._id)
    const status = statusOf(o)
    return {
      orgId: o._id, orgName: o.name, orgType: o.type, parentId: o.parentId,
      classesHeld: f?.classesHeld ?? 0, attendees: f?.attendees ?? 0, guests: f?.guests ?? 0, expected: f?.expected ?? 0,
      rate: f?.expected ? round3(Math.min(1, f.attendees / f.expected)) : null,
      status, covered: status === 'held' || status === 'viaCommittee',
    }
  })
  const required = items.filter((i) => i.status !== 'total')
  const covered = required.filter((i) => i.covered).length
  const top = items[0]
  return {
    month,
    orgId: top.orgId,
    items,
    summary: {
      orgs: required.length, covered, uncovered: required.length - covered,
      classesHeld: top.classesHeld, attendees: top.attendees, guests: top.guests, rate: top.rate,
    },
  }
}

async function readCoverage(input: ClassroomInput['coverage'], person: PersonDoc, at: Date): Promise<Coverage> {
  const month = input.month ?? shanghaiMonth(at)
  const orgId = input.orgId ?? defaultOrgId(person)
  const orgs = await subtreeInScope(person, orgId)
  // Classes that ended uncounted are counted first (where no timer has done it yet).
  await settleDue(at, orgId)
  const db = database()
  const _ = db.command
  const aboveIds = orgs[0].path.slice(0, -1)
  const read = async <T>(collection: string, where: Record<string, unknown>) =>
    (await db.collection(collection).where(where).limit(MAX_ROWS).get()).data as T[]
  const [figures, aboveFigures, above] = await whenAll([
    read<ClassMonthDoc>(COLLECTIONS.classMonths, { month, orgPath: orgId }),
    aboveIds.length ? read<ClassMonthDoc>(COLLECTIONS.classMonths, { _id: _.in(aboveIds.map((id) => `${id}_${month}`)) }) : [],
    aboveIds.length ? read<OrgDoc>(COLLECTIONS.orgs, { _id: _.in(aboveIds) }) : [],
  ])
  return coverageOf(month, orgs, [...figures, ...aboveFigures], above)
}

export async function coverage(input: ClassroomInput['coverage'], person: PersonDoc): Promise<Coverage> {
  return readCoverage(input, person, now())
}

/** The same coverage as a workbook: a summary line and one row per organisation, in the same order and words. */
export async function coverageExport(input: ClassroomInput['coverageExport'], person: PersonDoc): Promise<ClassroomOutput['coverageExport']> {
  const at = now()
  const c = await readCoverage(input, person, at)
  const depth = new Map<string, number>()
  const s = c.summary
  const file = await workbook({
    name: '开课情况',
    columns: [
      { key: 'name', width: 30 }, { key: 'type', width: 12 }, { key: 'status', width: 12 }, { key: 'held', width: 8 },
      { key: 'attendees', width: 8 }, { key: 'guests', width: 8 }, { key: 'expected', width: 8 }, { key: 'rate', width: 10 },
    ],
    info: [
      ['月份', c.month],
      ['范围', c.items[0].orgName],
      ['开课', `应开课的基层党组织 ${s.orgs} 个，已开课 ${s.covered} 个，未开课 ${s.uncovered} 个`],
      ['出勤', `共开课 ${s.classesHeld} 次，实到 ${s.attendees} 人次，列席 ${s.guests} 人次，出勤率 ${percent(s.rate)}（不含列席）`],
    ],
    header: ['党组织', '类型', '开课情况', '开课次数', '实到', '列席', '应到', '出勤率'],
  }, (sheet) => c.items.forEach((i) => {
    depth.set(i.orgId, i.parentId && depth.has(i.parentId) ? depth.get(i.parentId)! + 1 : 0)
    sheet.addRow([
      `${'　'.repeat(depth.get(i.orgId)!)}${i.orgName}`, ORG_TYPE_LABELS[i.orgType as OrgType], COVERAGE_STATUS_LABELS[i.status],
      i.classesHeld, i.attendees, i.guests, i.expected, percent(i.rate),
    ])
  }))
  return saveWorkbook(`classroom/coverage/${c.orgId}`, exportName('开课情况', c.items[0].orgName, c.month), file, at)
}

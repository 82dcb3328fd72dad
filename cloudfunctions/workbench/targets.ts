// The district's targets per period, set by the admin (replacing what was set, audited in the same transaction),
// and the marks every organisation gets against them. A month with no targets of its own is judged by its quarter's,
// then its year's.
import type { ClassroomFigures, OrgOverview, PeriodInfo, TargetFields, TargetMark, TargetMarks, Targets, WorkbenchInput } from '../../contract/workbench'
import { holdsMembers } from '../../contract/user'
import { audited } from '../common/audit'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import type { PersonDoc } from '../common/people'
import { findDoc } from '../common/query'
import { periodInfo, quarterOf, yearOf } from './period'

export interface TargetsDoc extends TargetFields { _id: string; setBy: string; setByName: string; setAt: Date }

/** The period keys whose targets judge `p`, most specific first. */
export function targetKeysOf(p: PeriodInfo): string[] {
  if (p.kind === 'month') return [p.key, quarterOf(p.key), yearOf(p.key)]
  if (p.kind === 'quarter') return [p.key, p.key.slice(0, 4)]
  return [p.key]
}

export function toTargets(doc: TargetsDoc | null): Targets | null {
  if (!doc) return null
  const { _id, setBy, setByName, setAt, ...fields } = doc
  return { ...fields, period: _id, setBy, setByName, setAt: new Date(setAt).toISOString() }
}

export async function readTargets(input: WorkbenchInput['targets'], key: string): Promise<Targets | null> {
  for (const k of targetKeysOf(periodInfo(input.period ?? key))) {
    const doc = await findDoc<TargetsDoc>(COLLECTIONS.workbenchTargets, k)
    if (doc) return toTargets(doc)
  }
  return null
}

export async function setTargets(input: { period: string; targets: TargetFields; reason?: string }, person: PersonDoc): Promise<{ targets: Targets }> {
  const at = now()
  const doc: TargetsDoc = { ...input.targets, _id: input.period, setBy: person._id, setByName: person.name, setAt: at }
  await audited(async (t) => {
    const ref = t.collection(COLLECTIONS.workbenchTargets).doc(input.period)
    const { data: before } = await ref.get()
    const { _id, ...fields } = doc
    await ref.set(fields)
    return {
      result: null,
      entry: {
        actor: person._id, actorName: person.name, action: 'workbench.setTargets', targetType: 'targets', targetId: input.period,
        ...(input.reason ? { reason: input.reason } : {}),
        detail: { from: before ? stripMeta(before) : null, to: input.targets },
      },
    }
  })
  return { targets: toTargets(doc)! }
}

const stripMeta = (d: Record<string, unknown>) => {
  const { _id, setBy, setByName, setAt, ...rest } = d
  return rest
}

const judge = (applies: boolean, reached: boolean): TargetMark => (applies ? (reached ? 'on' : 'behind') : null)

/** Classes an organisation must hold in the period: the quarter's minimum, a third of it per month (rounded up). */
export const classesRequired = (perQuarter: number, p: PeriodInfo) => Math.ceil((perQuarter * p.months.length) / 3)

/** An organisation's own marks, before those under it are considered. */
export function ownMarks(o: Pick<OrgOverview, 'orgType' | 'classroom' | 'story' | 'site'>, t: Targets | null, p: PeriodInfo): Omit<TargetMarks, 'behind'> {
  const c: ClassroomFigures = o.classroom
  return {
    coverage: judge(t?.coverageRate !== undefined && c.coverageRate !== null, (c.coverageRate ?? 0) >= (t?.coverageRate ?? 0)),
    classes: judge(t?.minClassesPerQuarter !== undefined && holdsMembers(o.orgType), c.classesHeld >= classesRequired(t?.minClassesPerQuarter ?? 0, p)),
    stories: judge(t?.storiesPerCommunity !== undefined && o.orgType === 'community', o.story.submitted >= (t?.storiesPerCommunity ?? 0)),
    utilisation: judge(t?.minUtilisation !== undefined && o.site.utilisation !== null, (o.site.utilisation ?? 0) >= (t?.minUtilisation ?? 0)),
  }
}

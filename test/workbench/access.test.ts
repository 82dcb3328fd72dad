// Who sees the workbench: every action by every kind of caller (the router's `who` rule: secretaries and the district
// office; a member sees none), and the scope rule — a community secretary never sees another community's figures,
// warnings, lists or reports, nor the street's or the district's; only the district office sets targets.
import { workbenchActions } from '../../cloudfunctions/workbench/actions'
import { CallerKind, callerOf, CALLERS, MORE_CALLERS, runAccessMatrix } from '../helpers/accessMatrix'
import { outcome, useBed } from '../helpers/bed'

const bed = useBed()
jest.setTimeout(120_000)

const QUARTER = '2030-Q1'

async function inputFor(action: string, caller: CallerKind): Promise<Record<string, unknown>> {
  switch (action) {
    case 'setTargets': return { period: QUARTER, targets: { minClassesPerQuarter: 1 } }
    case 'drill': return { area: 'classroom', period: QUARTER }
    case 'buildReport': return { quarter: QUARTER }
    case 'report': {
      // A report the caller's own scope holds (built by the caller when they may build one).
      const builder = caller.reaches.includes('secretary') ? callerOf(bed, caller) : bed.demo['demo-admin']
      const r = await builder.call('workbench', 'buildReport', { quarter: QUARTER })
      return { id: r.data.report.id }
    }
    default: return {}
  }
}

runAccessMatrix({
  bed,
  fn: 'workbench',
  actions: workbenchActions,
  access: {
    overview: 'secretary', trends: 'secretary', targets: 'secretary', setTargets: 'admin', warnings: 'secretary',
    drill: 'secretary', buildReport: 'secretary', reports: 'secretary', report: 'secretary', recount: 'admin', me: 'secretary',
  },
  inputFor,
  callers: [...CALLERS, ...MORE_CALLERS],
})

describe('a community secretary sees their own subtree only', () => {
  const A = () => bed.demo['demo-secretary']
  const B = () => bed.demo['demo-secretary-b']
  const OTHER = ['org-community-a', 'org-street-donghu', 'org-district', 'org-branch-a1']

  test.each(OTHER)("community B's secretary asking for %s is refused, in Chinese", async (orgId) => {
    for (const [action, input] of [
      ['overview', { orgId }], ['trends', { orgId }], ['warnings', { orgId }], ['drill', { area: 'story', orgId }],
      ['drill', { area: 'classroom', orgId }], ['drill', { area: 'site', orgId }], ['buildReport', { quarter: QUARTER, orgId }],
      ['reports', { orgId }],
    ] as const) {
      const r = await B().call('workbench', action, input)
      expect([action, outcome(r)]).toEqual([action, 'FORBIDDEN'])
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  test("by default each sees their own community, and none of its rows is another community's", async () => {
    const a = await A().call('workbench', 'overview', { period: QUARTER })
    expect(a.data.org.orgId).toBe('org-community-a')
    expect(a.data.children.map((c: any) => c.orgId).sort()).toEqual(['org-branch-a1', 'org-branch-a2'])
    const b = await B().call('workbench', 'overview', { period: QUARTER })
    expect(b.data.org.orgId).toBe('org-community-b')
    expect(b.data.children.map((c: any) => c.orgId)).toEqual(['org-branch-b1'])
  })

  test("a report of community A cannot be read by community B's secretary", async () => {
    const built = await A().call('workbench', 'buildReport', { quarter: QUARTER })
    expect(built.ok).toBe(true)
    expect(outcome(await B().call('workbench', 'report', { id: built.data.report.id }))).toBe('FORBIDDEN')
    const listed = await B().call('workbench', 'reports', {})
    expect(listed.data.items.map((r: any) => r.orgId)).not.toContain('org-community-a')
  })

  test('a secretary cannot set targets; the district office can, and everyone in scope reads them', async () => {
    expect(outcome(await A().call('workbench', 'setTargets', { period: '2030-Q2', targets: { minUtilisation: 0.2 } }))).toBe('FORBIDDEN')
    expect((await bed.demo['demo-admin'].call('workbench', 'setTargets', { period: '2030-Q2', targets: { minUtilisation: 0.2 } })).ok).toBe(true)
    expect((await A().call('workbench', 'targets', { period: '2030-05' })).data.targets).toMatchObject({ period: '2030-Q2', minUtilisation: 0.2 })
  })
})

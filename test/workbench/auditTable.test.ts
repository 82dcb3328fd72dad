// Honest records: the district office's targets and a 通报 built are written with their audit entry in the same
// transaction (the targets' entry says what they were before); every other action of the workbench reads only. And a
// function killed after any of its operations leaves the targets (or the report) and its entry together, or neither.
import { workbenchActions } from '../../cloudfunctions/workbench/actions'
import { crashEverywhere, runAuditTable } from '../helpers/auditTable'
import { useBed } from '../helpers/bed'

const bed = useBed()
jest.setTimeout(180_000)

const admin = () => bed.demo['demo-admin']
let year = 2040
/** A quarter nothing has been set or built for yet. */
const freshQuarter = () => `${year++}-Q2`
const entries = (action: string, targetId: string) => async () =>
  (await bed.db().collection('audit').where({ action, targetId }).get()).data

runAuditTable({
  bed,
  fn: 'workbench',
  actions: workbenchActions,
  cases: {
    setTargets: {
      by: admin,
      input: async () => ({ period: freshQuarter(), targets: { minClassesPerQuarter: 2, storiesPerCommunity: 3 }, reason: '区委部署' }),
      action: 'workbench.setTargets',
      targetType: 'targets',
      targetId: (input) => input.period,
    },
    buildReport: {
      by: () => bed.demo['demo-secretary'],
      input: async () => ({ quarter: freshQuarter() }),
      action: 'workbench.buildReport',
      targetType: 'report',
      targetId: (_input, answer) => answer.data.report.id,
    },
  },
  notAudited: {
    overview: 'reads the pre-counted figures of a period; writes nothing',
    trends: 'reads 12 months of pre-counted figures; writes nothing',
    targets: 'reads the targets of a period; writes nothing',
    warnings: 'reads the subtree, its last classes, sites and pending stories; writes nothing',
    drill: 'reads a page of the classes, stories or check-ins behind a figure; writes nothing',
    reports: 'lists the reports built; writes nothing',
    report: 'reads a stored report and makes a fresh download link; writes nothing',
    me: 'reads the caller’s organisation; writes nothing',
    recount: 'sets the monthly figures to what the records say (the timer runs the same); changes no record',
  },
})

test('targets set again: the entry keeps what they were, the reason, and what they became', async () => {
  const period = freshQuarter()
  await admin().call('workbench', 'setTargets', { period, targets: { minClassesPerQuarter: 1 } })
  expect((await admin().call('workbench', 'setTargets', { period, targets: { minClassesPerQuarter: 3, minUtilisation: 0.2 }, reason: '提高要求' })).ok).toBe(true)
  const log = (await entries('workbench.setTargets', period)()).sort((a: any, b: any) => +new Date(a.at) - +new Date(b.at))
  expect(log).toHaveLength(2)
  expect(log[1]).toMatchObject({ reason: '提高要求', detail: { from: { minClassesPerQuarter: 1 }, to: { minClassesPerQuarter: 3, minUtilisation: 0.2 } } })
  expect(log[0].detail.from).toBeNull()
})

describe('a function killed midway', () => {
  test('setting targets: the targets and their entry, or neither', async () => {
    let period = ''
    await crashEverywhere({
      bed,
      fn: 'workbench',
      name: 'setTargets',
      prepare: async () => (period = freshQuarter()),
      act: (p) => admin().call('workbench', 'setTargets', { period: p, targets: { minClassesPerQuarter: 1 } }),
      changed: async (p) => !!(await bed.stored('workbenchTargets', p)),
      entries: (p) => entries('workbench.setTargets', p)(),
    })
    expect(period).not.toBe('')
  })

  test('building a 通报: the stored report and its entry, or neither', async () => {
    const outcome = await crashEverywhere({
      bed,
      fn: 'workbench',
      name: 'buildReport',
      prepare: async () => freshQuarter(),
      act: (quarter) => admin().call('workbench', 'buildReport', { quarter }),
      changed: async (quarter) => !!(await bed.stored('reports', `org-district_${quarter}`)),
      entries: (quarter) => entries('workbench.buildReport', `org-district_${quarter}`)(),
    })
    // The figures are read before the one transaction that writes: a crash before it leaves nothing.
    expect(outcome.lost).toBeGreaterThan(0)
  })
})

// 党建工作台: the overview (overview.ts over read.ts), targets (targets.ts), warnings (warnings.ts), the lists behind
// the figures (drill.ts) and the quarterly 通报 (report.ts). Secretaries see their subtree, the district office the
// district (every read checks the organisation asked for against the caller's scope); only the admin sets targets.
import type { WorkbenchOutput } from '../../contract/workbench'
import { workbenchSchemas } from '../../contract/workbench'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { defaultOrgId, orgInScope } from '../common/orgs'
import { defineActions } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { drill } from './drill'
import { workbenchFigures } from './figures'
import { overviewOf, ranking, snapshot, trendOf } from './overview'
import { periodOrNow, trendMonths } from './period'
import { buildReport, listReports, readReport } from './report'
import { readTargets, setTargets } from './targets'
import { warningsOf } from './warnings'

export const workbenchActions = defineActions<typeof workbenchSchemas, WorkbenchOutput>({
  overview: {
    who: 'secretary',
    input: workbenchSchemas.overview,
    handler: async (input, { person }) => { const at = now(); return overviewOf(await snapshot(person, input, at), at) },
  },
  trends: {
    who: 'secretary',
    input: workbenchSchemas.trends,
    handler: async (input, { person }) => {
      const at = now()
      const period = periodOrNow(input.period, at)
      const months = trendMonths(period.months[period.months.length - 1])
      const s = await snapshot(person, input, at, months)
      return { orgId: s.org.orgId, orgName: s.org.orgName, months: trendOf(s, months), ranking: ranking(s), period }
    },
  },
  targets: {
    who: 'secretary',
    input: workbenchSchemas.targets,
    handler: async (input) => ({ targets: await readTargets(input, shanghaiMonth(now())) }),
  },
  setTargets: { who: 'admin', input: workbenchSchemas.setTargets, handler: (input, { person }) => setTargets(input, person) },
  warnings: {
    who: 'secretary',
    input: workbenchSchemas.warnings,
    handler: async (input, { person }) => {
      const at = now()
      return { items: await warningsOf(person, input.orgId ?? defaultOrgId(person), at), asOf: at.toISOString() }
    },
  },
  drill: { who: 'secretary', input: workbenchSchemas.drill, handler: (input, { person }) => drill(input, person, now()) },
  buildReport: { who: 'secretary', input: workbenchSchemas.buildReport, handler: (input, { person }) => buildReport(input, person, now()) },
  reports: { who: 'secretary', input: workbenchSchemas.reports, handler: (input, { person }) => listReports(input, person) },
  report: { who: 'secretary', input: workbenchSchemas.report, handler: (input, { person }) => readReport(input, person) },
  recount: {
    who: 'admin',
    input: workbenchSchemas.recount,
    handler: async (input) => {
      const month = input.month ?? shanghaiMonth(now())
      return { month, repaired: await workbenchFigures.recountMonth(database(), month, now()) }
    },
  },
  me: {
    who: 'secretary',
    input: workbenchSchemas.me,
    handler: async (_input, { person }) => {
      const org = await orgInScope(person, undefined, '这个党组织不在您管理的范围内')
      return { orgId: org._id, orgName: org.name, canSetTargets: person.role === 'admin' }
    },
  },
})

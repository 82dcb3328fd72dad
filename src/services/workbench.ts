// The `workbench` function (党建工作台), typed by its contract. Only the secretary subpackage imports it (not through
// the services barrel), so it and its charts stay out of the main package.
import type { WorkbenchInput } from '../../contract/workbench'
import { callerFor } from './callFunction'

const call = callerFor('workbench')

export const workbenchService = {
  me: () => call('me', {}),
  overview: (input: WorkbenchInput['overview']) => call('overview', input),
  trends: (input: WorkbenchInput['trends']) => call('trends', input),
  targets: (period?: string) => call('targets', period ? { period } : {}),
  setTargets: (input: WorkbenchInput['setTargets']) => call('setTargets', input),
  warnings: (orgId?: string) => call('warnings', orgId ? { orgId } : {}),
  drill: (input: WorkbenchInput['drill']) => call('drill', input),
  buildReport: (input: WorkbenchInput['buildReport']) => call('buildReport', input),
  reports: (input: WorkbenchInput['reports']) => call('reports', input),
  report: (id: string) => call('report', { id }),
}

export {
  AREA_LABELS, PERIOD_KIND_LABELS, REVIEW_OVERDUE_DAYS, PLAQUE_ONLY_DAYS, WARNING_KIND_LABELS,
} from '../../contract/workbench'
export type {
  Area, DrillItem, OrgOverview, PageLink, PeriodInfo, PeriodKind, RankingRow, ReportData, ReportSummary, TargetFields,
  TargetMark, TargetMarks, Targets, TrendPoint, Warning,
} from '../../contract/workbench'

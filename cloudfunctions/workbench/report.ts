// The quarterly 通报: one action builds the quarter's figures of an organisation (the district for the admin) into a
// workbook — a sheet per area, the ranking, the warnings — stores it, and keeps a `reports` document with the same
// figures for the printable page; building again replaces both (one report per organisation and quarter). Listed by
// quarter, newest first; downloaded again through a fresh temporary link.
import type { ReportData, ReportSummary, WorkbenchInput, WorkbenchOutput } from '../../contract/workbench'
import { ORG_TYPE_LABELS } from '../../contract/user'
import { audited } from '../common/audit'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { defaultOrgId, orgInScope } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import { findDoc, pageAtOffset } from '../common/query'
import { exportName, percent, saveWorkbook, SheetLayout, workbookLink, workbookOf } from '../common/workbook'
import type { Worksheet } from 'exceljs'
import { ranking, snapshot } from './overview'
import { warningsOf } from './warnings'

interface ReportDoc extends Omit<ReportData, 'id' | 'builtAt'> { _id: string; orgPath: string[]; builtAt: Date; builtBy: string; fileID: string }

const MARK = { on: '达标', behind: '未达标' } as const
const mark = (m: 'on' | 'behind' | null) => (m ? MARK[m] : '—')

const summaryOf = (d: ReportDoc): ReportSummary => ({
  id: d._id, quarter: d.quarter, orgId: d.orgId, orgName: d.orgName, builtAt: new Date(d.builtAt).toISOString(), builtByName: d.builtByName,
})

function sheets(d: Omit<ReportData, 'id'>): Array<{ layout: SheetLayout; fill: (s: Worksheet) => void }> {
  const rows = [d.org, ...d.children]
  const info = (extra: Array<[string, string]>): Array<[string, string]> => [['期间', d.period.label], ['范围', d.orgName], ...extra]
  const col = (n: number, first = 24) => [{ key: 'name', width: first }, ...Array.from({ length: n }, (_, i) => ({ key: `c${i}`, width: 12 }))]
  const t = d.targets
  return [
    {
      layout: {
        name: '大课堂', columns: col(10),
        info: info([['目标', t?.coverageRate !== undefined ? `${t.coverageBy} 前开课覆盖率达到 ${percent(t.coverageRate)}；每季度每个组织至少开课 ${t.minClassesPerQuarter ?? '—'} 次` : '未设置']]),
        header: ['党组织', '开课次数', '应开课组织', '已覆盖', '覆盖率', '实到', '应到', '出勤率', '党员', '从未参加', '目标'],
      },
      fill: (s) => rows.forEach((o) => { const c = o.classroom; s.addRow([o.orgName, c.classesHeld, c.orgsRequired, c.orgsCovered, percent(c.coverageRate), c.attendees, c.expected, percent(c.attendanceRate), c.members, c.membersNeverAttended, `${mark(o.targets.coverage)} / ${mark(o.targets.classes)}`]) }),
    },
    {
      layout: {
        name: '微故事', columns: col(7),
        info: info([['目标', t?.storiesPerCommunity !== undefined ? `每个社区 ${t.storiesPerCommunity} 篇` : '未设置']]),
        header: ['党组织', '提交', '发布', '精选', '写离退休党员', '离退休占比', '审核超时', '目标'],
      },
      fill: (s) => rows.forEach((o) => { const x = o.story; s.addRow([o.orgName, x.submitted, x.published, x.featured, x.aboutRetired, percent(x.retiredShare), x.pendingOverdue, mark(o.targets.stories)]) }),
    },
    {
      layout: {
        name: '阵地', columns: col(8),
        info: info([['目标', t?.minUtilisation !== undefined ? `使用率不低于 ${percent(t.minUtilisation)}` : '未设置']]),
        header: ['党组织', '阵地数', '到访', '预约小时', '开放小时', '使用率', '服务外单位', '闲置阵地', '目标'],
      },
      fill: (s) => rows.forEach((o) => { const x = o.site; s.addRow([o.orgName, x.sites, x.visits, x.bookedHours, x.openHours, percent(x.utilisation), x.outsideOrgs, x.idleSites, mark(o.targets.utilisation)]) }),
    },
    {
      layout: { name: '排名', columns: col(7), info: info([['排名依据', '开课覆盖率、出勤率、阵地使用率的平均（百分制），同分按故事数']]), header: ['名次', '党组织', '类型', '得分', '覆盖率', '出勤率', '故事', '使用率'] },
      fill: (s) => d.ranking.forEach((r) => s.addRow([r.rank, r.orgName, ORG_TYPE_LABELS[r.orgType], r.score, percent(r.coverageRate), percent(r.attendanceRate), r.storiesSubmitted, percent(r.utilisation)])),
    },
    {
      layout: { name: '预警', columns: col(2, 40), info: info([]), header: ['事项', '党组织', '天数'] },
      fill: (s) => d.warnings.forEach((w) => s.addRow([w.message, w.orgName, w.days])),
    },
  ]
}

export async function buildReport(input: WorkbenchInput['buildReport'], person: PersonDoc, at: Date): Promise<WorkbenchOutput['buildReport']> {
  const orgId = input.orgId ?? defaultOrgId(person)
  const s = await snapshot(person, { orgId, period: input.quarter }, at)
  const org = s.orgs[0]
  const warnings = await warningsOf(person, orgId, at)
  const data: Omit<ReportData, 'id'> = {
    quarter: input.quarter, orgId, orgName: org.name, builtAt: at.toISOString(), builtByName: person.name,
    period: s.period, targets: s.targets, org: s.org, children: s.children, ranking: ranking(s), warnings,
  }
  const file = await workbookOf(sheets(data))
  const { fileID, url } = await saveWorkbook(`workbench/reports/${orgId}`, exportName('季度通报', org.name, s.period.label), file, at)
  const id = `${orgId}_${input.quarter}`
  const doc: ReportDoc = { ...data, _id: id, orgPath: org.path, builtAt: at, builtBy: person._id, fileID }
  await audited(async (t) => {
    const { _id, ...fields } = doc
    await t.collection(COLLECTIONS.reports).doc(id).set(fields)
    return { result: null, entry: { actor: person._id, actorName: person.name, action: 'workbench.buildReport', targetType: 'report', targetId: id, detail: { quarter: input.quarter, orgId, fileID } } }
  })
  return { report: summaryOf(doc), fileID, url }
}

export async function listReports(input: WorkbenchInput['reports'], person: PersonDoc): Promise<WorkbenchOutput['reports']> {
  const org = await orgInScope(person, input.orgId, '这个党组织不在您管理的范围内')
  const query = database().collection(COLLECTIONS.reports).where({ orgPath: org._id })
    .field({ quarter: true, orgId: true, orgName: true, builtAt: true, builtByName: true })
    .orderBy('quarter', 'desc').orderBy('orgId', 'asc')
  const page = await pageAtOffset<ReportDoc>(query, 20, input.cursor)
  return { items: page.rows.map(summaryOf), nextCursor: page.nextCursor }
}

export async function readReport(input: WorkbenchInput['report'], person: PersonDoc): Promise<WorkbenchOutput['report']> {
  const doc = await findDoc<ReportDoc>(COLLECTIONS.reports, input.id)
  if (!doc) throw fail.notFound('这份通报')
  if (!inScope(person, doc.orgPath)) throw fail.forbidden('这份通报不在您管理的范围内')
  const { _id, orgPath, builtBy, fileID, builtAt, ...rest } = doc
  return { data: { ...rest, id: _id, builtAt: new Date(builtAt).toISOString() }, fileID, url: await workbookLink(fileID) }
}

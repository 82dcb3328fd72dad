// Coverage defined once (cloudfunctions/classroom/coverage.ts): committees and every branch must hold classes; a
// committee's own class covers its branches, a branch's class not its siblings; guests (列席) apart from 实到 and the
// rate. The answer, its export (read back with exceljs) and the figures (equal to a recount from the records) agree.
import ExcelJS from 'exceljs'
import { COVERAGE_STATUS_LABELS } from '../../contract/classroom'
import { ORG_TYPE_LABELS } from '../../contract/user'
import { fireTimer } from '../helpers/api'
import type { Caller } from '../helpers/api'
import { HALL, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const MONTH = '2033-03'
const timer = () => fireTimer(bed.emu, 'classroom', 'settleAndRecount')

/** A class of `orgId` on `day` of March 2033 (10:00 Shanghai, an hour) scanned by `scanners`; the clock left after it. */
async function held(secretary: Caller, orgId: string, day: number, scanners: Caller[]) {
  const start = new Date(`2033-03-${String(day).padStart(2, '0')}T02:00:00Z`)
  await bed.setClock(new Date(start.getTime() - 60 * MINUTE))
  const id = await bed.schedule({ orgId, start: start.toISOString(), end: new Date(start.getTime() + 60 * MINUTE).toISOString() }, secretary)
  const c = await storedClass(bed, id)
  await bed.setClock(new Date(c.start.getTime() + MINUTE))
  for (const who of scanners) {
    const s = await who.call('classroom', 'scan', { token: (await bed.code(id, secretary)).token })
    expect(s.ok).toBe(true)
    expect((await who.call('classroom', 'checkIn', { receipt: s.data.receipt, location: HALL })).ok).toBe(true)
  }
  await bed.setClock(new Date(c.end.getTime() + MINUTE))
  return c
}

test('the coverage page, its export and the figures agree on a district with committees and branches', async () => {
  const { demo } = bed
  // Community A holds a class itself (its branches' members expected): A, A1 and A2 are covered. Community B's
  // member comes to it as a guest. Community B's first branch holds one: B1 and B are; nobody else is.
  const a = await held(demo['demo-secretary'], 'org-community-a', 5, [demo['demo-member'], demo['demo-retired'], demo['demo-member-b']])
  await held(demo['demo-secretary-b'], 'org-branch-b1', 12, [])
  expect((await timer()).ok).toBe(true)

  const cov = (await demo['demo-admin'].call('classroom', 'coverage', { month: MONTH })).data
  const row = (orgId: string) => cov.items.find((i: any) => i.orgId === orgId)
  expect(Object.fromEntries(cov.items.map((i: any) => [i.orgId, i.status]))).toEqual({
    'org-district': 'total', 'org-street-donghu': 'total', 'org-community-a': 'held', 'org-branch-a1': 'viaCommittee',
    'org-branch-a2': 'viaCommittee', 'org-community-b': 'held', 'org-branch-b1': 'held', 'org-twonew-xinghuo': 'none',
    'org-street-xihu': 'total', 'org-community-c': 'none', 'org-agency-edu': 'none',
    // 南湖街道, whose year of history (local/seed/year.ts) ends before this month.
    'org-street-nanhu': 'total', 'org-community-chunhui': 'none', 'org-branch-chunhui1': 'none', 'org-branch-chunhui2': 'none',
    'org-community-cuiliu': 'none', 'org-branch-cuiliu1': 'none',
  })
  // The guest is 列席 at A, not 实到: A's rate is its own members' (2 of 3).
  expect(row('org-community-a')).toMatchObject({ classesHeld: 1, attendees: 2, guests: 1, expected: 3, rate: 0.667, covered: true })
  expect(row('org-branch-b1')).toMatchObject({ classesHeld: 1, attendees: 0, guests: 0, covered: true })
  // The header counts exactly the rows that must hold classes.
  const required = cov.items.filter((i: any) => i.status !== 'total')
  expect(cov.summary).toEqual({
    orgs: required.length, covered: required.filter((i: any) => i.covered).length,
    uncovered: required.filter((i: any) => !i.covered).length, classesHeld: 2, attendees: 2, guests: 1,
    rate: row('org-district').rate,
  })
  expect(cov.summary).toMatchObject({ orgs: 13, covered: 5, uncovered: 8 })

  // A branch secretary's view of their own branch still sees their committee's class.
  const branchOnly = (await demo['demo-secretary'].call('classroom', 'coverage', { month: MONTH, orgId: 'org-branch-a1' })).data
  expect(branchOnly.items).toEqual([row('org-branch-a1')])
  expect(branchOnly.summary).toMatchObject({ orgs: 1, covered: 1, uncovered: 0 })

  // The export: the same summary, and every row in the same order and words.
  const exp = await demo['demo-admin'].call('classroom', 'coverageExport', { month: MONTH })
  expect(exp.ok).toBe(true)
  expect(exp.data.fileID).toMatch(/\/classroom\/coverage\/org-district\/.+\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await (await fetch(exp.data.url)).arrayBuffer()) as any)
  const rows: string[][] = []
  book.getWorksheet('开课情况')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  expect(rows.find((r) => r[0] === '开课')![1]).toBe('应开课的基层党组织 13 个，已开课 5 个，未开课 8 个')
  expect(rows.find((r) => r[0] === '出勤')![1]).toBe('共开课 2 次，实到 2 人次，列席 1 人次，出勤率 50%（不含列席）')
  const header = rows.findIndex((r) => r[0] === '党组织')
  expect(rows[header]).toEqual(['党组织', '类型', '开课情况', '开课次数', '实到', '列席', '应到', '出勤率'])
  const table = rows.slice(header + 1)
  expect(table.map((r) => [r[0].trim().replace(/^　+/, ''), r[1], r[2], Number(r[3]), Number(r[4]), Number(r[5]), Number(r[6])])).toEqual(
    cov.items.map((i: any) => [i.orgName, (ORG_TYPE_LABELS as any)[i.orgType], COVERAGE_STATUS_LABELS[i.status as keyof typeof COVERAGE_STATUS_LABELS],
      i.classesHeld, i.attendees, i.guests, i.expected]))
  expect(table.filter((r) => r[2] !== '汇总').length).toBe(cov.summary.orgs)

  // The figures equal a recount from the records: drift is set back, and right figures are left alone.
  const { data: records } = await bed.db().collection('attendance').where({ classId: a._id }).get()
  const present = records.filter((r: any) => ['on-time', 'late', 'present'].includes(r.status))
  expect(await bed.stored('classMonths', `org-community-a_${MONTH}`)).toMatchObject({
    classesHeld: 1, ownClassesHeld: 1, attendees: present.filter((r: any) => r.expected).length, guests: present.filter((r: any) => !r.expected).length,
  })
  await bed.db().collection('classMonths').doc(`org-community-a_${MONTH}`).update({ guests: 5, ownClassesHeld: 0 })
  expect((await timer()).data.repaired).toBeGreaterThanOrEqual(1)
  expect((await demo['demo-admin'].call('classroom', 'coverage', { month: MONTH })).data).toEqual(cov)
  expect((await timer()).data).toEqual({ settled: 0, repaired: 0 })
})

test('a class of one branch does not cover its sibling; the committee above it is covered through it', async () => {
  await bed.setClock('2033-04-10T01:00:00Z')
  const id = await bed.schedule({ orgId: 'org-branch-a2', start: '2033-04-10T02:00:00Z', end: '2033-04-10T03:00:00Z' })
  await bed.setClock('2033-04-10T04:00:00Z')
  const apr = (await bed.demo['demo-secretary'].call('classroom', 'coverage', { month: '2033-04' })).data
  expect((await bed.stored('classes', id)).settled).toBe(true)
  expect(apr.items.map((i: any) => [i.orgId, i.status])).toEqual([
    ['org-community-a', 'held'], ['org-branch-a1', 'none'], ['org-branch-a2', 'held'],
  ])
  expect(apr.summary).toMatchObject({ orgs: 3, covered: 2, uncovered: 1 })
})

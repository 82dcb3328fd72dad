// Attendance: marking by hand (present, leave, absent, each with a reason and an audit entry), the list with its
// counts and rate, and the .xlsx export read back with exceljs.
import ExcelJS from 'exceljs'
import { HALL, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()

const mark = (classId: string, userId: string, status: string, reason = '书记代为登记') =>
  bed.demo['demo-secretary'].call('classroom', 'mark', { classId, userId, status, reason })

/** A class of community A where demo-member scanned on time and demo-member-b (community B) came as a guest. */
async function classWithScans() {
  const classId = await bed.schedule()
  const c = await storedClass(bed, classId)
  await bed.setClock(new Date(c.start.getTime() + 2 * MINUTE))
  const { token } = await bed.code(classId)
  expect((await bed.demo['demo-member'].call('classroom', 'checkIn', { token, location: HALL })).ok).toBe(true)
  expect((await bed.demo['demo-member-b'].call('classroom', 'checkIn', { token, location: HALL })).ok).toBe(true)
  return c
}

test('marking by hand changes the count and leaves an audit entry with who, what, when and why', async () => {
  const c = await classWithScans()
  const present = await mark(c._id, 'demo-retired', 'present', '老党员没有智能手机，现场签到')
  expect(present).toEqual({ ok: true, data: { userId: 'demo-retired', status: 'present' } })
  expect(await bed.stored('attendance', `${c._id}_demo-retired`)).toMatchObject({
    status: 'present', by: 'hand', reason: '老党员没有智能手机，现场签到', markedBy: 'demo-secretary', markedByName: '李芳',
  })
  expect((await storedClass(bed, c._id)).signedIn).toBe(3)
  expect((await bed.code(c._id)).signedIn).toBe(3)

  expect((await mark(c._id, 'demo-retired', 'leave', '记错了，老人住院请假')).ok).toBe(true)
  expect((await storedClass(bed, c._id)).signedIn).toBe(2)
  expect((await mark(c._id, 'demo-member', 'absent', '扫码后提前离开')).ok).toBe(true)
  expect((await storedClass(bed, c._id)).signedIn).toBe(1)

  const { data: audit } = await bed.db().collection('audit')
    .where({ targetId: `${c._id}_demo-retired` }).orderBy('at', 'asc').get()
  expect(audit.map((a: any) => [a.action, a.actor, a.reason, a.detail.from, a.detail.to])).toEqual([
    ['classroom.mark', 'demo-secretary', '老党员没有智能手机，现场签到', null, 'present'],
    ['classroom.mark', 'demo-secretary', '记错了，老人住院请假', 'present', 'leave'],
  ])
  expect(audit.every((a: any) => a.actorName === '李芳' && a.at instanceof Date)).toBe(true)
})

test('a mark needs a reason, a registered member and, for "present", an open class', async () => {
  const classId = await bed.schedule()
  const noReason = await bed.demo['demo-secretary'].call('classroom', 'mark', { classId, userId: 'demo-member', status: 'present' })
  expect(noReason.code).toBe('INVALID_INPUT')
  expect(noReason.fields!.map((f) => f.field)).toEqual(['reason'])
  expect((await mark(classId, 'nobody-here', 'present')).code).toBe('NOT_FOUND')
  expect((await mark(classId, 'demo-pending-a', 'present')).code).toBe('NOT_FOUND')
  const early = await mark(classId, 'demo-member', 'present')
  expect(early.code).toBe('CONFLICT')
  expect(early.message).toMatch(/只能登记请假/)
  expect((await mark(classId, 'demo-member', 'leave', '出差')).ok).toBe(true)
})

test('the attendance list: every expected member, guests, statuses, counts and the rate', async () => {
  const c = await classWithScans()
  await bed.setClock(new Date(c.start.getTime() + 15 * MINUTE))
  expect((await bed.demo['demo-secretary'].call('classroom', 'checkIn', { token: (await bed.code(c._id)).token, location: HALL })).data.status).toBe('late')
  expect((await mark(c._id, 'demo-retired', 'leave', '住院')).ok).toBe(true)

  const during = await bed.demo['demo-secretary'].call('classroom', 'attendance', { classId: c._id })
  expect(during.data.state).toBe('open')
  const rows = Object.fromEntries(during.data.items.map((i: any) => [i.userId, i]))
  expect(rows['demo-member']).toMatchObject({ name: '张明', status: 'on-time', by: 'scan', guest: false })
  expect(rows['demo-member-b']).toMatchObject({ status: 'on-time', guest: true })
  expect(rows['demo-secretary']).toMatchObject({ status: 'late', by: 'scan' })
  expect(rows['demo-retired']).toMatchObject({ status: 'leave', by: 'hand', reason: '住院' })
  expect(during.data).toMatchObject({ expected: 3, signedIn: 3, onTime: 2, late: 1, present: 0, leave: 1, absent: 0, rate: 1 })

  // A member who joins the organisation and never comes is absent once the class has ended.
  const [absentee] = await bed.members(1, 'org-branch-a2')
  await bed.setClock(new Date(c.end.getTime() + MINUTE))
  const after = await bed.demo['demo-secretary'].call('classroom', 'attendance', { classId: c._id })
  expect(after.data.state).toBe('ended')
  expect(after.data.items.find((i: any) => i.userId === absentee.openid)).toMatchObject({ status: 'absent', at: null, by: null })
  expect(after.data.absent).toBe(1)
})

test('the export is an .xlsx in storage whose rows read back with exceljs', async () => {
  const c = await classWithScans()
  expect((await mark(c._id, 'demo-retired', 'present', '无智能手机，现场签到')).ok).toBe(true)
  const r = await bed.demo['demo-secretary'].call('classroom', 'export', { classId: c._id })
  expect(r.ok).toBe(true)
  expect(r.data.fileID).toMatch(new RegExp(`^cloud://[^/]+/classroom/attendance/${c._id}/\\d{8}-\\d{6}-[0-9a-f]{8}/.+\\.xlsx$`))
  // Named by the class and its date, as it shows in the secretary's downloads.
  expect(decodeURIComponent(new URL(r.data.url).pathname).split('/').pop()).toBe(`签到表-学习党的创新理论-${new Date(c.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}.xlsx`)
  const res = await fetch(r.data.url)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as any)
  const sheet = book.getWorksheet('签到表')!
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
  expect(rows[0]).toEqual(['课程', '学习党的创新理论'])
  expect(rows.find((x) => x[0] === '出勤')![1]).toMatch(/应到 \d+ 人，实到 3 人/)
  const header = rows.findIndex((x) => x[0] === '序号')
  expect(rows[header]).toEqual(['序号', '姓名', '所在党组织', '出勤', '签到时间', '方式', '说明'])
  const table = rows.slice(header + 1)
  expect(table.find((x) => x[1] === '张明')).toEqual([expect.stringMatching(/^\d$/), '张明', '幸福里社区第一党支部', '已签到', expect.stringMatching(/^\d+月\d+日 周. \d\d:\d\d$/), '扫码', ''])
  expect(table.find((x) => x[1] === '陈秀英')).toEqual([expect.any(String), '陈秀英', '幸福里社区离退休党支部', '补签到', expect.any(String), '手工', '无智能手机，现场签到'])
  expect(table.find((x) => x[1] === '刘洋（外单位）')).toBeDefined()
})

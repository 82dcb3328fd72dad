// The secretary's class form (its draft survives a closed app) and the attendance page (手动签到 with a reason,
// 导出Excel).
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { AttendanceRow, ClassDetail } from '../../contract/classroom'
import ClassAttendancePage from '@/secretary/pages/class-attendance'
import ClassEditPage, { classDraftKey, NEW_CLASS_DRAFT_KEY } from '@/secretary/pages/class-edit'
import { emptyDraft } from '@/secretary/pages/class-edit/classDraft'
import { fixUrl } from '@/secretary/workbench/links'
import { ROUTES } from '@/routes'
import { classroomService, userService } from '@/services'
import type { ClassAttendance } from '@/services'
import { blockOf, click, expectReads, field, fieldShows, member, ok, refused, resetTaro, signedInAs, type } from './helpers'

const LECTURERS = [
  { id: 'lect-community-a-li', name: '李振华', title: '离退休老党员', topics: [], orgId: 'org-community-a', orgName: '幸福里社区党委' },
  { id: 'lect-district-zhou', name: '周立新', title: '区委党校副教授', topics: [], orgId: 'org-district', orgName: '先锋区委' },
]

function opened(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } } as never)
}

const chip = (label: string, text: string) => {
  const node = Array.from(field(label).querySelectorAll('.ps-chip')).find((c) => c.textContent === text)
  if (!node) throw new Error(`no choice ${text} in ${label}`)
  fireEvent.click(node)
}

beforeEach(() => {
  resetTaro()
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(classroomService, 'lecturers').mockResolvedValue(ok({ orgId: 'org-community-a', items: LECTURERS }))
})

describe('新建课程', () => {
  test('a new class starts at the next half hour for 90 minutes (Beijing), never past midnight', () => {
    // 14:05 Beijing → 14:30–16:00.
    expect(emptyDraft(new Date('2026-11-27T06:05:00.000Z'))).toMatchObject({ date: '2026-11-27', startTime: '14:30', endTime: '16:00' })
    // 23:10 Beijing → 23:30–23:59 the same day.
    expect(emptyDraft(new Date('2026-11-27T15:10:00.000Z'))).toMatchObject({ date: '2026-11-27', startTime: '23:30', endTime: '23:59' })
    // 23:40 Beijing → the next day at 00:00.
    expect(emptyDraft(new Date('2026-11-27T15:40:00.000Z'))).toMatchObject({ date: '2026-11-28', startTime: '00:00', endTime: '01:30' })
  })

  test('says what is missing and sends nothing', async () => {
    opened({})
    const create = jest.spyOn(classroomService, 'create')
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    click('安排课程')
    await fieldShows('课程名称', '请填写课程名称')
    await fieldShows('课程主题', '请填写课程主题')
    await fieldShows('课程类别', '请选择课程类别')
    await fieldShows('讲师', '请选择讲师')
    await fieldShows('上课地点', '请填写上课地点')
    expect(create).not.toHaveBeenCalled()
  })

  test('a name or a place over its limit is said while typing, a long paste kept whole, and nothing is sent', async () => {
    opened({})
    const create = jest.spyOn(classroomService, 'create')
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    await type('课程名称', '学'.repeat(30))
    await fieldShows('课程名称', '30/30 字')
    expect(field('课程名称').textContent).not.toContain('最多')
    await type('课程名称', '学'.repeat(32))
    await fieldShows('课程名称', '课程名称最多 30 个字，现在 32 个字，请删去 2 个字')
    const pasted = '地'.repeat(60)
    await type('上课地点', pasted)
    expect((field('上课地点').querySelector('input') as HTMLInputElement).value).toBe(pasted)
    await fieldShows('上课地点', '上课地点最多 50 个字，现在 60 个字，请删去 10 个字')
    click('安排课程')
    await fieldShows('课程主题', '请填写课程主题')
    await fieldShows('课程名称', '课程名称最多 30 个字')
    expect(create).not.toHaveBeenCalled()
  })

  test('what is typed is kept as a draft: closing and reopening the page brings it back', async () => {
    opened({})
    const first = render(<ClassEditPage />)
    await screen.findByText('安排课程')
    await type('课程名称', '学习新修订《党章》')
    await type('课程主题', '逐章学习')
    chip('课程类别', '党史学习')
    first.unmount()

    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    await waitFor(() => expect((field('课程名称').querySelector('input') as HTMLInputElement).value).toBe('学习新修订《党章》'))
    expect(field('课程类别').querySelector('.ps-chip--selected')?.textContent).toBe('党史学习')
    expect(Taro.getStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`)).toMatchObject({ title: '学习新修订《党章》', topic: '逐章学习', category: 'history' })
  })

  test('安排课程 sends the class with Beijing times and a typed-in lecturer; the draft is cleared', async () => {
    opened({})
    Taro.setStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`, { ...emptyDraft(), date: '2026-12-03', startTime: '14:00', endTime: '15:30' })
    const create = jest.spyOn(classroomService, 'create').mockResolvedValue(ok({ id: 'newClass' }))
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    await type('课程名称', '学习新修订《党章》')
    await type('课程主题', '逐章学习，结合社区工作谈体会')
    chip('课程类别', '理论学习')
    chip('讲师', '其他讲师（手动填写）')
    await type('讲师姓名', '王老师')
    await type('上课地点', '幸福里社区党群服务中心')
    await type('应到人数', '12')
    click('安排课程')
    await waitFor(() => expect(create).toHaveBeenCalled())
    expect(create.mock.calls[0][0]).toEqual({
      title: '学习新修订《党章》',
      topic: '逐章学习，结合社区工作谈体会',
      category: 'theory',
      lecturer: { name: '王老师' },
      place: { name: '幸福里社区党群服务中心' },
      start: '2026-12-03T14:00:00+08:00',
      end: '2026-12-03T15:30:00+08:00',
      geofence: null,
      expected: 12,
      openToAll: false,
    })
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
    expect(Taro.getStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`)).toBe('')
  })

  test('the server\'s field errors land next to their fields, and the draft stays', async () => {
    opened({})
    Taro.setStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`, {
      ...emptyDraft(), title: '学习', topic: '学习', category: 'theory', lecturer: 'lect-district-zhou', placeName: '会议室',
    })
    jest.spyOn(classroomService, 'create').mockResolvedValue(refused({
      code: 'INVALID_INPUT', message: '结束时间已经过去，请重新选择', fields: [{ field: 'end', message: '结束时间已经过去，请重新选择' }],
    }))
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    click('安排课程')
    await fieldShows('结束时间', '结束时间已经过去，请重新选择')
    expect(screen.getByText('有几处需要修改，请看下面的红字。')).toBeTruthy()
    expect(Taro.getStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`)).toMatchObject({ title: '学习' })
  })

  test('修改课程 starts from the class (roster lecturer, geofence) and saves it with update', async () => {
    opened({ id: 'demoNowB' })
    const detail: ClassDetail = {
      id: 'demoNowB', title: '社区议事协商怎么开', topic: '“有事好商量”议事会的流程与案例', category: 'skills',
      lecturerName: '周立新', lecturer: { id: 'lect-district-zhou', name: '周立新', title: '区委党校副教授' },
      orgId: 'org-community-a', orgName: '幸福里社区党委', description: '',
      place: { name: '和平社区开放式组织生活基地', location: { lat: 30.5389, lng: 114.3702 } },
      start: '2026-11-27T06:00:00.000Z', end: '2026-11-27T08:00:00.000Z', state: 'upcoming', openToAll: false,
      expected: 3, signedIn: 0, guests: 0, geofence: 500, opensAt: '2026-11-27T05:30:00.000Z', lateAt: '2026-11-27T06:10:00.000Z', canManage: true,
    }
    jest.spyOn(classroomService, 'get').mockResolvedValue(ok(detail))
    const update = jest.spyOn(classroomService, 'update').mockResolvedValue(ok({ id: 'demoNowB' }))
    render(<ClassEditPage />)
    await screen.findByText('保存修改')
    expect(field('讲师').querySelector('.ps-chip--selected')?.textContent).toBe('周立新（区委党校副教授）')
    expect(field('签到范围').querySelector('.ps-chip--selected')?.textContent).toBe('500 米内')
    await type('课程名称', '社区议事协商会怎么开')
    click('保存修改')
    await waitFor(() => expect(update).toHaveBeenCalled())
    expect(update.mock.calls[0][0]).toMatchObject({
      classId: 'demoNowB', title: '社区议事协商会怎么开', lecturer: { id: 'lect-district-zhou' },
      start: '2026-11-27T14:00:00+08:00', end: '2026-11-27T16:00:00+08:00', geofence: 500,
      place: { name: '和平社区开放式组织生活基地', location: { lat: 30.5389, lng: 114.3702 } },
    })
    expect(update.mock.calls[0][0]).not.toHaveProperty('expected')
    expect(Taro.getStorageSync(`draft.${classDraftKey('demoNowB')}`)).toBe('')
  })
})

describe('新建课程 for an organisation without classes (the workbench\'s 只挂牌子 warning)', () => {
  const ORGS = [
    { id: 'org-district', name: '先锋区委', type: 'district' as const, parentId: null, path: ['org-district'] },
    { id: 'org-community-a', name: '幸福里社区党委', type: 'community' as const, parentId: 'org-street-donghu', path: ['org-district', 'org-street-donghu', 'org-community-a'] },
    { id: 'org-branch-a2', name: '幸福里社区离退休党支部', type: 'branch' as const, parentId: 'org-community-a', path: ['org-district', 'org-street-donghu', 'org-community-a', 'org-branch-a2'] },
    { id: 'org-community-b', name: '和平社区党委', type: 'community' as const, parentId: 'org-street-donghu', path: ['org-district', 'org-street-donghu', 'org-community-b'] },
  ]
  const secretary = member({ openid: 'demo-secretary', name: '李芳', retired: false, role: 'secretary', scopeOrgId: 'org-community-a', orgId: 'org-community-a', orgName: '幸福里社区党委' })

  beforeEach(() => {
    jest.spyOn(userService, 'orgs').mockResolvedValue(ok({ items: ORGS }))
    Taro.setStorageSync(`draft.${NEW_CLASS_DRAFT_KEY}`, {
      ...emptyDraft(), title: '学习', topic: '学习', category: 'theory', lecturer: 'lect-district-zhou', placeName: '会议室',
    })
  })

  test('the warning opens the new class form for that organisation', () => {
    expect(fixUrl({ page: 'classEdit', params: { orgId: 'org-branch-a2' } })).toBe(`${ROUTES.classEdit}?orgId=org-branch-a2`)
  })

  test('a branch under the secretary\'s community: named as the host, its roster offered, the class scheduled for it', async () => {
    signedInAs(secretary)
    opened({ orgId: 'org-branch-a2' })
    const create = jest.spyOn(classroomService, 'create').mockResolvedValue(ok({ id: 'newClass' }))
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    expectReads(await blockOf('主办党组织', '.class-form__host'), '幸福里社区离退休党支部')
    expect(classroomService.lecturers).toHaveBeenCalledWith({ orgId: 'org-branch-a2' })
    click('安排课程')
    await waitFor(() => expect(create).toHaveBeenCalled())
    expect(create.mock.calls[0][0]).toMatchObject({ title: '学习', orgId: 'org-branch-a2' })
  })

  test('another community: said, and the class stays with the secretary\'s own organisation', async () => {
    signedInAs(secretary)
    opened({ orgId: 'org-community-b' })
    const create = jest.spyOn(classroomService, 'create').mockResolvedValue(ok({ id: 'newClass' }))
    render(<ClassEditPage />)
    await screen.findByText('「和平社区党委」不在您管理的范围内，课程将由您管理的党组织主办。')
    expect(document.querySelector('.class-form__host')).toBeNull()
    expect(classroomService.lecturers).toHaveBeenCalledWith({})
    click('安排课程')
    await waitFor(() => expect(create).toHaveBeenCalled())
    expect(create.mock.calls[0][0]).not.toHaveProperty('orgId')
  })

  test('the district office may schedule for any organisation', async () => {
    signedInAs(member({ openid: 'demo-admin', name: '王建国', retired: false, role: 'admin', orgId: 'org-district', orgName: '先锋区委' }))
    opened({ orgId: 'org-community-b' })
    render(<ClassEditPage />)
    await screen.findByText('安排课程')
    expectReads(await blockOf('主办党组织', '.class-form__host'), '和平社区党委')
  })

  test('修改课程 ignores orgId: a class keeps its organisation', async () => {
    signedInAs(secretary)
    opened({ id: 'demoNowB', orgId: 'org-branch-a2' })
    jest.spyOn(classroomService, 'get').mockResolvedValue(refused({ code: 'NOT_FOUND', message: '没有找到这节课' }))
    render(<ClassEditPage />)
    await screen.findByText('没有找到这节课')
    expect(userService.orgs).not.toHaveBeenCalled()
  })
})

describe('出勤情况', () => {
  const row = (userId: string, name: string, status: AttendanceRow['status'], overrides: Partial<AttendanceRow> = {}): AttendanceRow => ({
    userId, name, orgName: '幸福里社区第一党支部', status, at: status === 'none' ? null : '2026-11-27T06:05:00.000Z',
    by: status === 'none' ? null : 'scan', guest: false, ...overrides,
  })
  const sheet = (items: AttendanceRow[], overrides: Partial<ClassAttendance> = {}): ClassAttendance => ({
    classId: 'demoNowA', title: '学习贯彻党的二十届三中全会精神', state: 'open', items, expected: 3, signedIn: 1, guests: 0,
    onTime: 1, late: 0, present: 0, leave: 0, absent: 0, rate: 0.333, ...overrides,
  })

  beforeEach(() => opened({ id: 'demoNowA' }))

  test('who signed in and when (Beijing), who has not, the rate, and guests (列席) listed apart from it', async () => {
    jest.spyOn(classroomService, 'attendance').mockResolvedValue(ok(sheet([
      row('demo-member', '张明', 'on-time'),
      row('demo-member-b', '刘洋', 'late', { guest: true, orgName: '和平社区第一党支部', at: '2026-11-27T06:15:00.000Z' }),
      row('demo-retired', '陈秀英', 'none'),
    ], { signedIn: 1, guests: 1, rate: 0.333 })))
    render(<ClassAttendancePage />)
    expectReads(await blockOf('张明', '.attendance-row'), '已签到', '11月27日 周五 14:05 · 扫码')
    expectReads(await blockOf('刘洋', '.attendance-row'), '列席', '迟到')
    expectReads(await blockOf('陈秀英', '.attendance-row'), '未签到')
    // The guest is in a card of their own, not in the members' list.
    expect((await blockOf('刘洋', '.attendance__guests')).textContent).toContain('列席（1 人）')
    expect((await blockOf('张明', '.attendance__list')).textContent).toContain('名单（2 人）')
    expect(screen.getByText('33.3%')).toBeTruthy()
    expect(screen.getByText('按时 1 · 迟到 0 · 补签到 0 · 请假 0 · 缺席 0')).toBeTruthy()
    expect(screen.getByText('列席是其他党组织的党员，不计入实到和出勤率。')).toBeTruthy()
  })

  test('手动签到 needs a reason, then marks the member and shows the new sheet', async () => {
    const attendance = jest.spyOn(classroomService, 'attendance')
      .mockResolvedValueOnce(ok(sheet([row('demo-member', '张明', 'on-time'), row('demo-retired', '陈秀英', 'none')])))
      .mockResolvedValueOnce(ok(sheet([
        row('demo-member', '张明', 'on-time'),
        row('demo-retired', '陈秀英', 'present', { by: 'hand', reason: '老党员没有智能手机，现场由书记代为签到' }),
      ], { signedIn: 2, present: 1, rate: 0.667 })))
    const mark = jest.spyOn(classroomService, 'mark').mockResolvedValue(ok({ userId: 'demo-retired', status: 'present' as const }))
    render(<ClassAttendancePage />)
    // Someone who scanned in is offered a correction, not a second sign-in.
    const zhang = (await screen.findByText('张明')).closest('.attendance-row') as HTMLElement
    expect(zhang.querySelector('.attendance-row__mark')!.textContent).toBe('更正登记')
    const chen = (await screen.findByText('陈秀英')).closest('.attendance-row') as HTMLElement
    expect(chen.querySelector('.attendance-row__mark')!.textContent).toBe('手动签到 / 登记')
    fireEvent.click(chen.querySelector('.at-button')!)
    click('确认登记')
    await fieldShows('原因', '请写明为陈秀英登记的原因')
    expect(mark).not.toHaveBeenCalled()

    await type('原因', '老党员没有智能手机，现场由书记代为签到', 'textarea')
    click('确认登记')
    await waitFor(() => expect(mark).toHaveBeenCalledWith({
      classId: 'demoNowA', userId: 'demo-retired', status: 'present', reason: '老党员没有智能手机，现场由书记代为签到',
    }))
    expect(await screen.findByText('原因：老党员没有智能手机，现场由书记代为签到')).toBeTruthy()
    expect(attendance).toHaveBeenCalledTimes(2)
    expect(screen.getByText('补签到', { selector: '.attendance-row__status' })).toBeTruthy()
  })

  test('请假 is one tap away from 到场; a refusal from the server stays on the form', async () => {
    jest.spyOn(classroomService, 'attendance').mockResolvedValue(ok(sheet([row('demo-retired', '陈秀英', 'none')])))
    const mark = jest.spyOn(classroomService, 'mark').mockResolvedValue(refused({ code: 'CONFLICT', message: '这位党员刚刚签到或被登记过，请刷新后再试' }))
    render(<ClassAttendancePage />)
    fireEvent.click((await screen.findByText('手动签到 / 登记')))
    chip('出勤情况', '请假')
    await type('原因', '住院治疗，已向支部请假', 'textarea')
    click('确认登记')
    expect(await screen.findByText('这位党员刚刚签到或被登记过，请刷新后再试')).toBeTruthy()
    expect(mark).toHaveBeenCalledWith(expect.objectContaining({ status: 'leave' }))
  })

  test('导出Excel downloads the sheet from the link the back end made (H5)', async () => {
    jest.spyOn(classroomService, 'attendance').mockResolvedValue(ok(sheet([row('demo-member', '张明', 'on-time')])))
    const exported = jest.spyOn(classroomService, 'export')
      .mockResolvedValue(ok({ fileID: 'cloud://pioneer/classroom/x.xlsx', url: 'https://files.example.cn/x.xlsx?sign=1' }))
    const open = jest.spyOn(window, 'open').mockReturnValue(null)
    render(<ClassAttendancePage />)
    await screen.findByText('张明')
    click('导出Excel')
    expect(await screen.findByText('签到表已生成（1 人），链接 2 小时内有效。')).toBeTruthy()
    expect(exported).toHaveBeenCalledWith('demoNowA')
    expect(open).toHaveBeenCalledWith('https://files.example.cn/x.xlsx?sign=1', '_blank')
  })

  test('another community\'s secretary is told the class is not theirs', async () => {
    jest.spyOn(classroomService, 'attendance').mockResolvedValue(refused({ code: 'FORBIDDEN', message: '这节课不在您管理的党组织内' }))
    render(<ClassAttendancePage />)
    expect(await screen.findByText('这节课不在您管理的党组织内')).toBeTruthy()
  })
})

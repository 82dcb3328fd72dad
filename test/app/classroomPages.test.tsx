// The 课堂 tab (classes coming and past, 我的学习记录), the secretary's class list and the month's coverage.
import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as contract from '../../contract/classroom'
import type { ClassSummary, OrgCoverage } from '../../contract/classroom'
import ClassroomPage from '@/pages/classroom'
import { shiftMonth } from '@/utils/time'
import ClassCoveragePage from '@/secretary/pages/class-coverage'
import ClassListPage from '@/secretary/pages/class-list'
import {
  classroomService, userService,
} from '@/services'
import { ROUTES } from '@/routes'
import { blockOf, click, expectAsksToSignIn, expectReads, ok, refused, resetTaro, type } from './helpers'

const summary = (id: string, title: string, overrides: Partial<ClassSummary> = {}): ClassSummary => ({
  id, title, topic: '逐章学习', category: 'theory', lecturerName: '周立新', orgId: 'org-community-a', orgName: '幸福里社区党委',
  place: { name: '幸福里社区党群服务中心' },
  // 11月27日 周五 14:00–15:30, Beijing time.
  start: '2026-11-27T06:00:00.000Z', end: '2026-11-27T07:30:00.000Z',
  state: 'upcoming', openToAll: false, expected: 3, signedIn: 0, guests: 0, ...overrides,
})

let navigateTo: jest.SpyInstance
beforeEach(() => {
  ({ navigateTo } = resetTaro())
  Taro.setStorageSync('session.token', 'token')
})

describe('the app has the pages the contract names', () => {
  test('the check-in page (a sign-in code opens it)', () => {
    expect(ROUTES.checkin).toBe(`/${contract.CHECKIN_PAGE}`)
  })
})

describe('课堂 tab', () => {
  test('coming classes with Beijing times, place, lecturer, state and my own attendance', async () => {
    const list = jest.spyOn(classroomService, 'list').mockResolvedValue(ok({
      items: [
        summary('c1', '学习贯彻党的二十届三中全会精神', { state: 'open', myStatus: 'on-time' }),
        summary('c2', '全区党员大课堂：党史上的今天', { openToAll: true, start: '2026-12-05T02:00:00.000Z', end: '2026-12-05T04:00:00.000Z' }),
      ],
      nextCursor: null,
    }))
    render(<ClassroomPage />)
    const first = (await screen.findByText('学习贯彻党的二十届三中全会精神')).closest('.class-card') as HTMLElement
    expect(first.textContent).toContain('11月27日 周五 14:00–15:30')
    expect(first.textContent).toContain('签到中')
    expect(first.textContent).toContain('我：已签到')
    expect(first.textContent).toContain('幸福里社区党群服务中心')
    expect(first.textContent).toContain('周立新')
    const second = screen.getByText('全区党员大课堂：党史上的今天').closest('.class-card') as HTMLElement
    expect(second.textContent).toContain('12月5日 周六 10:00–12:00')
    expect(second.textContent).toContain('全区开放')
    expect(list).toHaveBeenCalledWith({})
    // On H5 the phone's camera scans the code: no scan button, a sentence saying how.
    expect(screen.queryByText('扫码签到')).toBeNull()
    expect(screen.getByText(/用手机相机扫描大屏上的签到码/)).toBeTruthy()
  })

  test('往期课程 asks for the classes ended by now, and pages on with the cursor', async () => {
    const list = jest.spyOn(classroomService, 'list')
      .mockResolvedValueOnce(ok({ items: [], nextCursor: null }))
      .mockResolvedValueOnce(ok({ items: [summary('p1', '红色家风代代传', { state: 'ended', myStatus: 'late' })], nextCursor: 'after-p1' }))
      .mockResolvedValueOnce(ok({ items: [summary('p2', '垃圾分类我先行', { state: 'ended' })], nextCursor: null }))
    render(<ClassroomPage />)
    expect(await screen.findByText('近期没有安排课程。')).toBeTruthy()
    click('往期课程')
    const past = (await screen.findByText('红色家风代代传')).closest('.class-card') as HTMLElement
    expect(past.textContent).toContain('我：迟到')
    expect(list.mock.calls[1][0]).toEqual({ to: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
    click('加载更多')
    expect(await screen.findByText('垃圾分类我先行')).toBeTruthy()
    expect(list.mock.calls[2][0]).toMatchObject({ cursor: 'after-p1' })
  })

  test('我的学习记录: the year in total, then month by month with each class', async () => {
    jest.spyOn(classroomService, 'list').mockResolvedValue(ok({ items: [], nextCursor: null }))
    const mine = jest.spyOn(classroomService, 'mine').mockResolvedValue(ok({
      year: 2026, total: 2, minutes: 180,
      months: [{ month: '2026-11', classes: 2, late: 1, leave: 0, minutes: 180 }],
      items: [
        { classId: 'p1', title: '红色家风代代传', category: 'history' as const, orgName: '幸福里社区党委', start: '2026-11-21T06:00:00.000Z', status: 'on-time' as const, at: '2026-11-21T05:55:00.000Z', minutes: 90 },
        { classId: 'p2', title: '新修订《纪律处分条例》解读', category: 'policy' as const, orgName: '幸福里社区党委', start: '2026-11-07T06:00:00.000Z', status: 'late' as const, at: '2026-11-07T06:14:00.000Z', minutes: 90 },
      ],
    }))
    render(<ClassroomPage />)
    click('我的学习记录')
    expectReads(await blockOf('参加课程', '.study__summary'), '2 次参加课程', '3 小时学习时长')
    expectReads(await blockOf('2026年11月', '.study__month'), '参加 2 次 · 3 小时 · 迟到 1 次', '红色家风代代传', '11月21日 周六 14:00 · 党史学习')
    expect(mine).toHaveBeenCalledWith(undefined)
  })

  test('a person who has not registered is told so, calmly, and sent to register (no reload that cannot help)', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab')
    jest.spyOn(classroomService, 'list').mockResolvedValue(refused({
      code: 'NOT_REGISTERED', message: '请先在“我的”页面登记党员信息', data: { registration: 'none' },
    }))
    render(<ClassroomPage />)
    const told = await screen.findByText('请先在“我的”页面登记党员信息')
    expect(told.closest('.ps-notice--info')).toBeTruthy()
    expect(screen.queryByText('重新加载')).toBeNull()
    click('去登记')
    expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.mine })
  })

  test('a newcomer waiting for approval is not told to register again: 查看登记进度', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab')
    jest.spyOn(classroomService, 'list').mockResolvedValue(refused({
      code: 'NOT_REGISTERED', message: '您的登记正在等待党组织审核，审核通过后即可使用', data: { registration: 'pending' },
    }))
    render(<ClassroomPage />)
    const told = await screen.findByText('您的登记正在等待党组织审核，审核通过后即可使用')
    expect(told.closest('.ps-notice--danger')).toBeNull()
    expect(screen.queryByText('去登记')).toBeNull()
    click('查看登记进度')
    expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.mine })
  })

  test('signed out on H5: asks to sign in, sends nothing', async () => {
    await expectAsksToSignIn(<ClassroomPage />, '去登录', jest.spyOn(classroomService, 'list'))
  })
})

describe('课程管理 (secretary)', () => {
  const secretary = {
    openid: 'demo-secretary', name: '李芳', orgId: 'org-community-a', orgName: '幸福里社区党委', retired: false,
    status: 'approved' as const, role: 'secretary' as const, scopeOrgId: 'org-community-a', registeredAt: '2026-02-01T00:00:00.000Z',
  }

  test('lists the classes of the organisation managed, with the live count and each action', async () => {
    jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-secretary', person: secretary }))
    const list = jest.spyOn(classroomService, 'list').mockResolvedValue(ok({
      items: [summary('c1', '学习新修订《党章》', { state: 'open', signedIn: 1 })], nextCursor: null,
    }))
    render(<ClassListPage />)
    const card = (await screen.findByText('学习新修订《党章》')).closest('.class-card') as HTMLElement
    expect(list).toHaveBeenCalledWith({ orgId: 'org-community-a' })
    expect(card.textContent).toContain('已签到 1 / 应到 3')
    click('签到码')
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.classCode}?id=c1` })
    click('出勤')
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.classAttendance}?id=c1` })
    click('修改')
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.classEdit}?id=c1` })
  })

  test('取消课程 needs a reason, then cancels and reloads', async () => {
    jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-secretary', person: secretary }))
    const list = jest.spyOn(classroomService, 'list')
      .mockResolvedValueOnce(ok({ items: [summary('c1', '消防安全进社区')], nextCursor: null }))
      .mockResolvedValueOnce(ok({ items: [summary('c1', '消防安全进社区', { state: 'cancelled' })], nextCursor: null }))
    const cancel = jest.spyOn(classroomService, 'cancel').mockResolvedValue(ok({ id: 'c1', state: 'cancelled' as const }))
    render(<ClassListPage />)
    await screen.findByText('消防安全进社区')
    click('取消课程')
    click('确认取消课程')
    expect(await screen.findByText('请填写取消原因，参加的党员会看到')).toBeTruthy()
    expect(cancel).not.toHaveBeenCalled()
    await type('取消原因', '讲师临时出差，改期另行通知', 'textarea')
    click('确认取消课程')
    await waitFor(() => expect(cancel).toHaveBeenCalledWith('c1', '讲师临时出差，改期另行通知'))
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2))
    expect(await screen.findByText('已取消')).toBeTruthy()
    expect(screen.queryByText('签到码')).toBeNull()
  })
})

describe('开课情况 (coverage)', () => {
  const org = (orgId: string, orgName: string, parentId: string | null, held: number, overrides: Partial<OrgCoverage> = {}): OrgCoverage => ({
    orgId, orgName, orgType: 'community', parentId, classesHeld: held, attendees: held * 2, guests: 0, expected: held * 3,
    rate: held ? 0.667 : null, status: held ? 'held' : 'none', covered: held > 0, ...overrides,
  })
  const names = () => Array.from(document.querySelectorAll('.coverage-org__name'), (n) => n.textContent)

  test('the month\'s organisations with their status from the back end; 只看未开课 and 按状态', async () => {
    const coverage = jest.spyOn(classroomService, 'coverage').mockImplementation(async ({ month } = {}) => ok({
      month: month!, orgId: 'org-street',
      items: [
        org('org-street', '东湖街道党工委', null, 3, { orgType: 'street', status: 'total', covered: false, guests: 1 }),
        org('org-community-a', '幸福里社区党委', 'org-street', 2, { guests: 1 }),
        org('org-branch-a1', '幸福里社区第一党支部', 'org-community-a', 0, { orgType: 'branch', status: 'viaCommittee', covered: true }),
        org('org-community-c', '长青社区党委', 'org-street', 0),
      ],
      summary: { orgs: 3, covered: 2, uncovered: 1, classesHeld: 3, attendees: 6, guests: 1, rate: 0.667 },
    }))
    render(<ClassCoveragePage />)
    expect(await screen.findByText('应开课的基层党组织 3 个，已开课 2 个，未开课 1 个')).toBeTruthy()
    expect(screen.getByText('共开课 3 次 · 实到 6 人次 · 列席 1 人次 · 出勤率 66.7%')).toBeTruthy()
    const gap = screen.getByText('长青社区党委').closest('.coverage-org') as HTMLElement
    expect(gap.className).toContain('coverage-org--none')
    expect(gap.textContent).toContain('未开课')
    expect(gap.textContent).toContain('出勤率 —')
    expectReads(await blockOf('幸福里社区第一党支部', '.coverage-org'), '随党委开课')
    expectReads(await blockOf('幸福里社区党委', '.coverage-org'), '已开课', '列席 1 人次')
    expectReads(await blockOf('东湖街道党工委', '.coverage-org'), '汇总')
    expect(names()).toEqual(['东湖街道党工委', '幸福里社区党委', '幸福里社区第一党支部', '长青社区党委'])

    click('按状态')
    expect(names()).toEqual(['长青社区党委', '幸福里社区第一党支部', '幸福里社区党委', '东湖街道党工委'])
    click('只看未开课')
    expect(names()).toEqual(['长青社区党委'])
    click('全部')
    click('按组织')
    expect(names()).toEqual(['东湖街道党工委', '幸福里社区党委', '幸福里社区第一党支部', '长青社区党委'])
    const thisMonth = coverage.mock.calls[0][0]!.month!
    expect(thisMonth).toMatch(/^\d{4}-\d\d$/)

    click('‹ 上个月')
    await waitFor(() => expect(coverage).toHaveBeenLastCalledWith({ month: shiftMonth(thisMonth, -1) }))
    expect(await screen.findByText('下个月 ›')).toBeTruthy()
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2025-12', 1)).toBe('2026-01')
  })
})

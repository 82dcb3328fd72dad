// 我的: a newcomer registers; what they type survives closing the app; the server's objections land next to the
// field they are about; a rejected person sees why and can try again.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Org, Person } from '../../contract/user'
import MinePage from '@/pages/mine'
import { userService } from '@/services'
import { choose, click, control, field, fieldShows, noStories, ok, refused, resetTaro, toggle, type } from './helpers'

const DRAFT_KEY = 'draft.user.register'

const ORGS: Org[] = [
  { id: 'district', name: '示范区委', type: 'district', parentId: null, path: [] },
  { id: 'street-1', name: '东湖街道', type: 'street', parentId: 'district', path: ['district'] },
  { id: 'community-a', name: '社区A', type: 'community', parentId: 'street-1', path: ['district', 'street-1'] },
  { id: 'community-b', name: '社区B', type: 'community', parentId: 'street-1', path: ['district', 'street-1'] },
]

function person(overrides: Partial<Person>): Person {
  return {
    openid: 'demo-newcomer', name: '王建国', orgId: 'community-a', orgName: '社区A', retired: true,
    phone: '13812345678', status: 'pending', role: 'member', registeredAt: '2026-11-27T02:00:00.000Z',
    ...overrides,
  }
}

beforeEach(() => {
  resetTaro()
  Taro.setStorageSync('session.token', 'token')
  jest.spyOn(userService, 'orgs').mockResolvedValue(ok({ items: ORGS }))
  noStories()
})

test('a newcomer is told they are not registered and sees the form, with organisations named by their path', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  render(<MinePage />)
  expect(await screen.findByText('未注册')).toBeTruthy()
  expect(await screen.findByText('请选择')).toBeTruthy()
  await choose('所在党组织', '东湖街道 / 社区B')
  await fieldShows('所在党组织', '东湖街道 / 社区B')
  expect(field('所在党组织').querySelector('.ps-org-chooser__option')).toBeNull()
})

test('a name over 20 characters is said while typing, kept whole, and not sent', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  const register = jest.spyOn(userService, 'register')
  render(<MinePage />)
  expect(await screen.findByText('未注册')).toBeTruthy()
  await type('姓名', '张'.repeat(22))
  expect((await control('姓名')).value).toBe('张'.repeat(22))
  await fieldShows('姓名', '22/20 字')
  await fieldShows('姓名', '姓名最多 20 个字，现在 22 个字，请删去 2 个字')
  await choose('所在党组织', '东湖街道 / 社区B')
  click('提交注册')
  await fieldShows('姓名', '请删去 2 个字')
  expect(register).not.toHaveBeenCalled()
})

test('a long organisation list can be narrowed by typing part of a name', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  render(<MinePage />)
  await screen.findByText('请选择')
  click('请选择')
  const options = () => Array.from(document.querySelectorAll('.ps-org-chooser__option')).map((node) => node.textContent)
  const headings = () => Array.from(document.querySelectorAll('.ps-org-chooser__heading')).map((node) => node.textContent)
  // The district and the street lead organisations, not members: shown for orientation, not offered as a choice.
  expect(options()).toEqual(['东湖街道 / 社区A', '东湖街道 / 社区B'])
  expect(headings()).toEqual(['示范区委', '东湖街道'])
  fireEvent.click(screen.getByText('东湖街道', { selector: '.ps-org-chooser__heading' }))
  expect(field('所在党组织').querySelector('.ps-org-chooser__value')).toBeNull()
  await type('所在党组织', '社区B')
  await waitFor(() => expect(options()).toEqual(['东湖街道 / 社区B']))
  expect(headings()).toEqual([])
})

test('what the person typed is saved as they type and is back when the page is opened again', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  const first = render(<MinePage />)
  await type('姓名', '李秀兰')
  await screen.findByText('请选择')
  await choose('所在党组织', '东湖街道 / 社区A')
  await toggle('是否离退休')
  await type('手机号', '13900001111')
  expect(Taro.getStorageSync(DRAFT_KEY)).toEqual({
    name: '李秀兰', orgId: 'community-a', retired: true, phone: '13900001111',
  })
  first.unmount()

  render(<MinePage />)
  expect((await control('姓名')).value).toBe('李秀兰')
  await fieldShows('所在党组织', '东湖街道 / 社区A')
  expect(field('是否离退休').textContent).toContain('是，离退休')
  expect((await control('手机号')).value).toBe('13900001111')
})

test("the server's objection shows next to the field it is about, and the draft is kept", async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  Taro.setStorageSync(DRAFT_KEY, { name: '李秀兰', orgId: 'community-a', retired: false, phone: '139' })
  const register = jest.spyOn(userService, 'register').mockResolvedValue(refused({
    code: 'INVALID_INPUT', message: '手机号应为 11 位手机号',
    fields: [{ field: 'phone', message: '手机号应为 11 位手机号' }],
  }))
  render(<MinePage />)
  await fieldShows('所在党组织', '东湖街道 / 社区A')
  click('提交注册')

  await fieldShows('手机号', '手机号应为 11 位手机号')
  expect(register).toHaveBeenCalledWith({ name: '李秀兰', orgId: 'community-a', retired: false, phone: '139' })
  expect(field('姓名').textContent).not.toContain('应为')
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '手机号应为 11 位手机号' }))
  expect(Taro.getStorageSync(DRAFT_KEY)).toMatchObject({ name: '李秀兰', phone: '139' })

  await type('手机号', '13900001111')
  expect(field('手机号').textContent).not.toContain('应为 11 位')
})

test('a refusal that is not about one field is shown above the form', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  Taro.setStorageSync(DRAFT_KEY, { name: '李秀兰', orgId: 'community-a', retired: false, phone: '' })
  jest.spyOn(userService, 'register').mockResolvedValue(refused({ code: 'CONFLICT', message: '您已经提交过注册，请等待审核' }))
  render(<MinePage />)
  await fieldShows('所在党组织', '东湖街道 / 社区A')
  click('提交注册')
  expect(await screen.findByText('您已经提交过注册，请等待审核')).toBeTruthy()
})

test('nothing is sent while the name or the organisation is missing', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-newcomer', person: null }))
  const register = jest.spyOn(userService, 'register')
  render(<MinePage />)
  await screen.findByText('请选择')
  click('提交注册')
  expect(await screen.findByText('请填写姓名')).toBeTruthy()
  expect(screen.getByText('请选择所在党组织')).toBeTruthy()
  expect(register).not.toHaveBeenCalled()
})

test('once the server accepts, the draft is cleared and the person sees 待审核', async () => {
  const me = jest.spyOn(userService, 'me')
    .mockResolvedValueOnce(ok({ openid: 'demo-newcomer', person: null }))
    .mockResolvedValue(ok({ openid: 'demo-newcomer', person: person({ status: 'pending' }) }))
  Taro.setStorageSync(DRAFT_KEY, { name: '王建国', orgId: 'community-a', retired: true, phone: '' })
  const register = jest.spyOn(userService, 'register').mockResolvedValue(ok({ status: 'pending' as const }))
  render(<MinePage />)
  await fieldShows('所在党组织', '东湖街道 / 社区A')
  click('提交注册')

  expect(await screen.findByText('待审核')).toBeTruthy()
  expect(register).toHaveBeenCalledWith({ name: '王建国', orgId: 'community-a', retired: true })
  expect(me).toHaveBeenCalledTimes(2)
  expect(Taro.getStorageSync(DRAFT_KEY)).toBe('')
  expect(screen.queryByText('提交注册')).toBeNull()
  expect(screen.getByText('138****5678')).toBeTruthy()
  expect(screen.getByText('11月27日 周五')).toBeTruthy()
})

test('a rejected person reads the reason and gets the form back, filled with what they sent', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({
    openid: 'demo-newcomer',
    person: person({ status: 'rejected', rejectReason: '姓名与党员名册不一致' }),
  }))
  render(<MinePage />)
  expect(await screen.findByText('未通过')).toBeTruthy()
  expect(screen.getByText('姓名与党员名册不一致', { exact: false })).toBeTruthy()
  expect(screen.getByText('重新提交注册信息')).toBeTruthy()
  expect((await control('姓名')).value).toBe('王建国')
})

test('an approved member sees role, organisation and masked phone, and no review entry', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-member', person: person({ status: 'approved' }) }))
  const pending = jest.spyOn(userService, 'pending')
  render(<MinePage />)
  expect(await screen.findByText('已通过')).toBeTruthy()
  expect(screen.getByText('党员（离退休）')).toBeTruthy()
  expect(screen.getByText('社区A')).toBeTruthy()
  expect(screen.getByText('138****5678')).toBeTruthy()
  expect(screen.queryByText('13812345678')).toBeNull()
  expect(screen.queryByText(/待审核人员/)).toBeNull()
  expect(pending).not.toHaveBeenCalled()
})

test('a secretary sees how many people wait for review and can open the list', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({
    openid: 'demo-secretary', person: person({ name: '赵书记', status: 'approved', role: 'secretary', retired: false }),
  }))
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [], total: 3, nextCursor: null }))
  render(<MinePage />)
  expect(await screen.findByText('党组织书记')).toBeTruthy()
  click('待审核人员 (3)')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/secretary/pages/approve/index' })
})

test('signed out on H5: a sign-in entry, and 退出登录 takes the person there', async () => {
  jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-member', person: person({ status: 'approved' }) }))
  render(<MinePage />)
  await screen.findByText('已通过')
  const request = jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 200, data: { ok: true, data: { ended: true } }, header: {}, errMsg: 'request:ok' } as never)
  click('退出登录')
  expect(await screen.findByText('您还没有登录')).toBeTruthy()
  expect(Taro.getStorageSync('session.token')).toBe('')
  expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/user', data: { action: 'signOut' } })
  click('去登录')
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

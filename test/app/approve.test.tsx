// 待审核人员: a secretary sees who is waiting and decides with a button; 不通过 always needs a reason.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Person } from '../../contract/user'
import ApprovePage from '@/secretary/pages/approve'
import { userService } from '@/services'
import { click, field, ok, refused, resetTaro, type } from './helpers'

function applicant(openid: string, name: string, overrides: Partial<Person> = {}): Person {
  return {
    openid, name, orgId: 'community-a', orgName: '社区A', retired: false, phone: '13812345678',
    status: 'pending', role: 'member', registeredAt: '2026-11-26T17:30:00.000Z', ...overrides,
  }
}

const WANG = applicant('demo-newcomer', '王建国', { retired: true })
const LI = applicant('applicant-li', '李秀兰', { phone: undefined })

beforeEach(() => {
  resetTaro()
})

const cardOf = (name: string) => screen.getByText(name).closest('.approve-person') as HTMLElement
const buttonIn = (card: HTMLElement, text: string) =>
  Array.from(card.querySelectorAll('.at-button')).find((b) => b.textContent === text) as HTMLElement

test('each applicant shows name, organisation, whether retired, phone and the day they applied (Beijing time)', async () => {
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [WANG, LI], total: 2, nextCursor: null }))
  render(<ApprovePage />)
  expect(await screen.findByText('待审核人员（2 人）')).toBeTruthy()
  const wang = cardOf('王建国')
  expect(wang.textContent).toContain('社区A')
  expect(wang.textContent).toContain('是否离退休是')
  expect(wang.textContent).toContain('13812345678')
  expect(wang.textContent).toContain('11月27日 周五')
  expect(cardOf('李秀兰').textContent).toContain('未填写')
})

test('通过 approves that person and takes them off the list', async () => {
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [WANG, LI], total: 2, nextCursor: null }))
  const approve = jest.spyOn(userService, 'approve').mockResolvedValue(ok({ status: 'approved' as const }))
  render(<ApprovePage />)
  await screen.findByText('王建国')
  fireEvent.click(buttonIn(cardOf('王建国'), '通过'))

  expect(await screen.findByText('王建国：已通过')).toBeTruthy()
  expect(approve).toHaveBeenCalledWith('demo-newcomer')
  expect(document.querySelectorAll('.approve-person')).toHaveLength(1)
  expect(screen.getByText('待审核人员（1 人）')).toBeTruthy()
})

test('不通过 asks for a reason and sends nothing without one', async () => {
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [WANG], total: 1, nextCursor: null }))
  const reject = jest.spyOn(userService, 'reject').mockResolvedValue(ok({ status: 'rejected' as const }))
  render(<ApprovePage />)
  await screen.findByText('王建国')
  click('不通过')
  click('确认不通过')
  expect(await screen.findByText('请填写不通过的原因')).toBeTruthy()
  expect(reject).not.toHaveBeenCalled()

  await type('不通过的原因', '姓名与党员名册不一致', 'textarea')
  click('确认不通过')
  expect(await screen.findByText('王建国：未通过，已告知原因')).toBeTruthy()
  expect(reject).toHaveBeenCalledWith('demo-newcomer', '姓名与党员名册不一致')
  expect(screen.getByText('目前没有需要审核的人员。')).toBeTruthy()
})

test('取消 closes the reason form and leaves the applicant waiting', async () => {
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [WANG], total: 1, nextCursor: null }))
  const reject = jest.spyOn(userService, 'reject')
  render(<ApprovePage />)
  await screen.findByText('王建国')
  click('不通过')
  await waitFor(() => expect(field('不通过的原因')).toBeTruthy())
  click('取消')
  expect(screen.queryByText('不通过的原因')).toBeNull()
  expect(buttonIn(cardOf('王建国'), '通过')).toBeTruthy()
  expect(reject).not.toHaveBeenCalled()
})

test("a refusal from the server (another secretary's community) is shown on that applicant", async () => {
  jest.spyOn(userService, 'pending').mockResolvedValue(ok({ items: [WANG], total: 1, nextCursor: null }))
  jest.spyOn(userService, 'approve').mockResolvedValue(refused({ code: 'FORBIDDEN', message: '只能审核本党组织的人员' }))
  render(<ApprovePage />)
  await screen.findByText('王建国')
  click('通过')
  expect(await screen.findByText('只能审核本党组织的人员')).toBeTruthy()
  expect(cardOf('王建国')).toBeTruthy()
})

test('加载更多 fetches the next page with the cursor the server gave', async () => {
  const pending = jest.spyOn(userService, 'pending')
    .mockResolvedValueOnce(ok({ items: [WANG], total: 2, nextCursor: 'after-wang' }))
    .mockResolvedValueOnce(ok({ items: [LI], total: 2, nextCursor: null }))
  render(<ApprovePage />)
  await screen.findByText('王建国')
  click('加载更多')
  expect(await screen.findByText('李秀兰')).toBeTruthy()
  expect(pending).toHaveBeenLastCalledWith('after-wang')
  expect(screen.queryByText('加载更多')).toBeNull()
})

test('when the list cannot be loaded, the reason and a retry button are shown', async () => {
  jest.spyOn(userService, 'pending')
    .mockResolvedValueOnce(refused({ code: 'INTERNAL', message: '网络不太好，请稍后再试' }))
    .mockResolvedValueOnce(ok({ items: [WANG], total: 1, nextCursor: null }))
  render(<ApprovePage />)
  expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  click('重新加载')
  expect(await screen.findByText('王建国')).toBeTruthy()
})

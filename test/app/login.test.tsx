// H5 sign-in: the login page shows a login code (扫码登录) and follows it — scanned, confirmed (the session is kept and
// the person goes on), cancelled or expired (刷新) — renews it every 60 s while nobody scans it, and stops asking
// once the page is gone. The demo people are listed under it only when the server says demo sign-in is on.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import LoginPage from '@/pages/login'
import { LOGIN_POLL_MS } from '@/pages/login/useLoginCode'
import { userService } from '@/services'
import type { LoginCodeState } from '@/services'
import { ok, refused, resetTaro } from './helpers'

let issued = 0
/** The server's fresh code each time the page asks (the first one says whether demo sign-in is on). */
function codes(demoLogin = false) {
  return jest.spyOn(userService, 'loginCode').mockImplementation(async () => {
    issued++
    const code = `code${String(issued).padStart(28, '0')}`
    return ok({ code, key: `key-${issued}`, url: `https://h5.example.cn/#/pages/login/confirm?t=${code}`, expiresAt: '2030-01-01T00:02:00.000Z', demoLogin })
  })
}

const LABELS: Record<LoginCodeState, string> = {
  waiting: '请用先锋驿站小程序扫码', scanned: '已扫码，请在手机上确认', confirmed: '已确认，正在登录…',
  used: '这个二维码已经用过了，请刷新后重新扫码', cancelled: '已在手机上取消登录', expired: '二维码已过期',
}
/** What each poll answers, in turn (the last one from then on). */
function statuses(...states: LoginCodeState[]) {
  const queue = [...states]
  return jest.spyOn(userService, 'loginCodeStatus').mockImplementation(async () => {
    const state = queue.length > 1 ? queue.shift()! : queue[0]
    return ok(state === 'confirmed'
      ? { state, message: LABELS[state], session: { token: 't', expiresAt: '2030-01-08T00:00:00.000Z', openid: 'demo-secretary' } }
      : { state, message: LABELS[state] })
  })
}

const shownUrl = () => document.querySelector('.login__qr .class-code__qr')?.getAttribute('data-checkin-url')
/** Lets `ms` of the page's time pass, answers included. */
const pass = (ms: number) => act(async () => { await jest.advanceTimersByTimeAsync(ms) })

beforeEach(() => {
  resetTaro()
  issued = 0
  jest.useFakeTimers()
})
afterEach(() => jest.useRealTimers())

test('the page shows the code\'s QR and 请用先锋驿站小程序扫码; no demo people unless the server allows them', async () => {
  codes(false)
  statuses('waiting')
  render(<LoginPage />)
  expect(await screen.findByText('请用先锋驿站小程序扫码')).toBeTruthy()
  expect(shownUrl()).toMatch(/\/#\/pages\/login\/confirm\?t=code0+1$/)
  expect(screen.queryByText('demo-secretary')).toBeNull()
})

test('scanned, then confirmed: the page says so, and goes on to 我的 with the session', async () => {
  codes()
  const polls = statuses('waiting', 'scanned', 'confirmed')
  render(<LoginPage />)
  await screen.findByText('请用先锋驿站小程序扫码')
  await pass(LOGIN_POLL_MS * 2)
  expect(screen.getByText('已扫码，请在手机上确认')).toBeTruthy()
  await pass(LOGIN_POLL_MS)
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
  expect(polls.mock.calls[0]).toEqual([expect.stringMatching(/^code/), 'key-1'])
  // Signed in: nothing more is asked.
  const asked = polls.mock.calls.length
  await pass(LOGIN_POLL_MS * 5)
  expect(polls.mock.calls.length).toBe(asked)
})

test('a fresh code every 60 s while nobody scans; none while one is scanned', async () => {
  const fresh = codes()
  statuses('waiting')
  render(<LoginPage />)
  await screen.findByText('请用先锋驿站小程序扫码')
  const first = shownUrl()
  await pass(60_000 + LOGIN_POLL_MS)
  expect(fresh).toHaveBeenCalledTimes(2)
  expect(shownUrl()).not.toBe(first)

  statuses('scanned')
  await pass(120_000)
  expect(fresh).toHaveBeenCalledTimes(2)
  expect(screen.getByText('已扫码，请在手机上确认')).toBeTruthy()
})

test('the phone that scanned the code just replaced still signs this browser in', async () => {
  codes()
  // The first code is confirmed only once it has been replaced by the second.
  const polls = jest.spyOn(userService, 'loginCodeStatus').mockImplementation(async (code) =>
    ok(code.endsWith('1') && issued > 1
      ? { state: 'confirmed' as const, message: LABELS.confirmed, session: { token: 't', expiresAt: '2030-01-08T00:00:00.000Z', openid: 'demo-member' } }
      : { state: 'waiting' as const, message: LABELS.waiting }))
  render(<LoginPage />)
  await screen.findByText('请用先锋驿站小程序扫码')
  await pass(60_000 + LOGIN_POLL_MS * 2)
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalled())
  expect(polls.mock.calls.some(([code]) => code.endsWith('1'))).toBe(true)
})

test('cancelled on the phone: 已取消 with 刷新, which shows a new code', async () => {
  codes()
  statuses('cancelled')
  render(<LoginPage />)
  await pass(LOGIN_POLL_MS)
  expect(await screen.findByText('已在手机上取消登录')).toBeTruthy()
  expect(shownUrl()).toBeUndefined()
  statuses('waiting')
  fireEvent.click(screen.getByText('刷新'))
  await pass(0)
  expect(shownUrl()).toMatch(/code0+2$/)
})

test('an expired code offers 刷新; a code the server no longer knows says why', async () => {
  codes()
  statuses('expired')
  render(<LoginPage />)
  await pass(LOGIN_POLL_MS)
  expect(await screen.findByText('二维码已过期')).toBeTruthy()
  expect(screen.getByText('刷新')).toBeTruthy()

  jest.spyOn(userService, 'loginCodeStatus').mockResolvedValue(refused({ code: 'TOKEN_INVALID', message: '登录二维码无效，请刷新后重新扫码' }))
  fireEvent.click(screen.getByText('刷新'))
  await pass(LOGIN_POLL_MS)
  expect(await screen.findByText('登录二维码无效，请刷新后重新扫码')).toBeTruthy()
})

test('leaving the page stops the polling: no timer outlives it', async () => {
  codes()
  const polls = statuses('waiting')
  const page = render(<LoginPage />)
  await pass(LOGIN_POLL_MS * 3)
  const asked = polls.mock.calls.length
  expect(asked).toBeGreaterThan(0)
  page.unmount()
  await pass(LOGIN_POLL_MS * 10)
  expect(polls.mock.calls.length).toBe(asked)
  expect(jest.getTimerCount()).toBe(0)
})

test('with demo sign-in on, choosing a demo person stores their token and opens 我的', async () => {
  codes(true)
  statuses('waiting')
  jest.spyOn(Taro, 'request').mockResolvedValue({
    statusCode: 200, data: { ok: true, data: { token: 'token-of-retired', openid: 'demo-retired', expiresAt: '2030-01-08T00:00:00.000Z' } }, header: {}, errMsg: 'request:ok',
  } as never)
  render(<LoginPage />)
  const row = (await screen.findByText('社区A离退休党员')).closest('.login__person') as HTMLElement
  expect(screen.getAllByText('登录')).toHaveLength(7)
  fireEvent.click(row.querySelector('.at-button') as HTMLElement)
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
  expect(Taro.getStorageSync('session.token')).toBe('token-of-retired')
})

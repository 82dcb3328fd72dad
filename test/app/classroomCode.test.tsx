// 签到码: the secretary's full-screen code. It asks the back end again every few seconds: the QR code follows the
// rotating token and the live count follows the sign-ins; a network blip keeps the last code on the screen.
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ClassCodePage, { CODE_POLL_MS, HOST_SIGN_IN_REASON } from '@/secretary/pages/class-code'
import { qrMatrix, qrSvgDataUrl } from '@/components/QrCode/qr'
import { classroomService, userService } from '@/services'
import type { ClassCode } from '@/services'
import { ok, refused, resetTaro } from './helpers'

const url = (token: string) => `https://pioneer.example.cn/#/pages/checkin/index?t=${token}`

function code(token: string, overrides: Partial<ClassCode> = {}): ClassCode {
  return {
    token, url: url(token), expiresAt: '2026-11-27T06:05:30.000Z', title: '学习贯彻党的二十届三中全会精神', state: 'open',
    opensAt: '2026-11-27T05:30:00.000Z', end: '2026-11-27T08:00:00.000Z', signedIn: 0, guests: 0, expected: 3, latest: [], host: null,
    ...overrides,
  }
}

const shownUrl = () => document.querySelector('.class-code__qr')?.getAttribute('data-checkin-url')
// Taro's <Image> is a web component: the source sits on its host element.
const qrSrc = () => document.querySelector('.class-code__qr taro-image-core')?.getAttribute('src')
const showsQrOf = (u: string) => qrSrc() === qrSvgDataUrl(u)
const count = () => document.querySelector('.class-code__count')?.textContent

beforeEach(() => {
  resetTaro()
  jest.useFakeTimers()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'demoNowA' } } } as never)
})
afterEach(() => {
  jest.useRealTimers()
})

test('the code page shows the class, the QR code of the URL and 已签到 N / 应到 M, and refreshes both', async () => {
  const service = jest.spyOn(classroomService, 'code')
    .mockResolvedValueOnce(ok(code('tokenA')))
    .mockResolvedValueOnce(ok(code('tokenA')))
    .mockResolvedValueOnce(ok(code('tokenB', {
      signedIn: 1, latest: [{ name: '张明', status: 'on-time' as const, at: '2026-11-27T06:05:09.000Z' }],
    })))
  render(<ClassCodePage />)
  expect(await screen.findByText('学习贯彻党的二十届三中全会精神')).toBeTruthy()
  expect(service).toHaveBeenCalledWith('demoNowA')
  expect(shownUrl()).toBe(url('tokenA'))
  expect(showsQrOf(url('tokenA'))).toBe(true)
  expect(count()).toMatch(/已签到\s*0\s*\/ 应到 3/)
  expect(screen.getByText('签到中 · 16:00 结束')).toBeTruthy()

  // The same slot: same code, still asking.
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS))
  expect(service).toHaveBeenCalledTimes(2)
  expect(shownUrl()).toBe(url('tokenA'))

  // The next slot: a new code, and the member who just signed in.
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS))
  expect(service).toHaveBeenCalledTimes(3)
  expect(shownUrl()).toBe(url('tokenB'))
  expect(showsQrOf(url('tokenB'))).toBe(true)
  expect(count()).toMatch(/已签到\s*1\s*\/ 应到 3/)
  expect(screen.getByText('张明 14:05')).toBeTruthy()
})

test('a refresh that fails keeps the last code up, says it is retrying, and recovers', async () => {
  jest.spyOn(classroomService, 'code')
    .mockResolvedValueOnce(ok(code('tokenA')))
    .mockResolvedValueOnce(refused({ code: 'INTERNAL', message: '网络不太好，请稍后再试' }))
    .mockResolvedValueOnce(ok(code('tokenC', { signedIn: 2 })))
  render(<ClassCodePage />)
  await screen.findByText('学习贯彻党的二十届三中全会精神')
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS))
  expect(screen.getByText('网络不太好，请稍后再试（正在重试）')).toBeTruthy()
  expect(shownUrl()).toBe(url('tokenA'))
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS))
  expect(shownUrl()).toBe(url('tokenC'))
  expect(screen.queryByText(/正在重试/)).toBeNull()
})

test('once the class has ended the code is taken down and the page stops asking', async () => {
  const service = jest.spyOn(classroomService, 'code').mockResolvedValue(ok(code('tokenA', { state: 'ended', signedIn: 3 })))
  render(<ClassCodePage />)
  expect(await screen.findByText('课程已结束')).toBeTruthy()
  expect(shownUrl()).toBeUndefined()
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS * 3))
  expect(service).toHaveBeenCalledTimes(1)
})

test('a cancelled class or another community\'s class: the reason, and no more asking', async () => {
  const service = jest.spyOn(classroomService, 'code')
    .mockResolvedValue(refused({ code: 'FORBIDDEN', message: '这节课不在您管理的党组织内' }))
  render(<ClassCodePage />)
  expect(await screen.findByText('这节课不在您管理的党组织内')).toBeTruthy()
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS * 3))
  expect(service).toHaveBeenCalledTimes(1)
})

test('leaving the page stops the polling', async () => {
  const service = jest.spyOn(classroomService, 'code').mockResolvedValue(ok(code('tokenA')))
  const { unmount } = render(<ClassCodePage />)
  await screen.findByText('学习贯彻党的二十届三中全会精神')
  unmount()
  await act(() => jest.advanceTimersByTimeAsync(CODE_POLL_MS * 3))
  expect(service).toHaveBeenCalledTimes(1)
})

test('the QR matrix is a standard symbol with finder patterns in three corners', () => {
  const { size, dark } = qrMatrix(url('AXXpqDaMAAcizrUDQEe-CORNuQ'))
  expect((size - 17) % 4).toBe(0)
  const finder = (r: number, c: number) =>
    [0, 1, 2, 3, 4, 5, 6].every((i) => dark(r, c + i) && dark(r + 6, c + i) && dark(r + i, c) && dark(r + i, c + 6))
  expect(finder(0, 0) && finder(0, size - 7) && finder(size - 7, 0)).toBe(true)
  expect(qrSvgDataUrl('x')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/)
})

describe('the secretary running the class', () => {
  test('not yet signed in: one tap records them present with the reason, and the offer goes', async () => {
    jest.spyOn(classroomService, 'code').mockResolvedValue(ok(code('tokenA', { host: 'none' })))
    jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-secretary', person: null }))
    const mark = jest.spyOn(classroomService, 'mark').mockResolvedValue(ok({ userId: 'demo-secretary', status: 'present' as const }))
    render(<ClassCodePage />)
    expect(await screen.findByText('您本人还没有签到')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('我在现场，签到'))
    })
    expect(mark).toHaveBeenCalledWith({ classId: 'demoNowA', userId: 'demo-secretary', status: 'present', reason: HOST_SIGN_IN_REASON })
    expect(screen.queryByText('您本人还没有签到')).toBeNull()
    expect(count()).toMatch(/已签到\s*1\s*\/ 应到 3/)
  })

  test('a refusal is said on the page and the offer stays', async () => {
    jest.spyOn(classroomService, 'code').mockResolvedValue(ok(code('tokenA', { host: 'none' })))
    jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: 'demo-secretary', person: null }))
    jest.spyOn(classroomService, 'mark').mockResolvedValue(refused({ code: 'CONFLICT', message: '这位党员刚刚签到或被登记过，请刷新后再试' }))
    render(<ClassCodePage />)
    await screen.findByText('您本人还没有签到')
    await act(async () => {
      fireEvent.click(screen.getByText('我在现场，签到'))
    })
    expect(screen.getByText('这位党员刚刚签到或被登记过，请刷新后再试')).toBeTruthy()
    expect(screen.getByText('您本人还没有签到')).toBeTruthy()
  })

  test('signed in already, not one of the members, or the class not open: nothing is offered', async () => {
    for (const shown of [code('a', { host: 'on-time' }), code('b', { host: null }), code('c', { host: 'none', state: 'upcoming' })]) {
      jest.spyOn(classroomService, 'code').mockResolvedValue(ok(shown))
      const page = render(<ClassCodePage />)
      await screen.findByText('学习贯彻党的二十届三中全会精神')
      expect(screen.queryByText('我在现场，签到')).toBeNull()
      page.unmount()
    }
  })
})

// 课堂签到: the page the sign-in QR code opens. It reads the code at once (the class is named, and a receipt keeps
// the scan's moment), then signs in, and says what happened in words a person can act on; it asks for the location,
// with the reason, only when the class checks it.
import { render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CheckInPage, { GUEST_NOTE, LOCATION_REASON } from '@/pages/checkin'
import { CLASS_CODE, tokenFromParams, tokenFromScan, tokenFromUrl } from '@/utils/scanToken'
import { wgs84ToGcj02 } from '@/utils/location'
import { classroomService } from '@/services'
import { ROUTES } from '@/routes'
import { click, expectAsksToSignIn, ok, refused, resetTaro } from './helpers'

const TOKEN = 'AXXpqDaMAAcizrUDQEe-CORNuQ'
const RECEIPT = 'UnXpqDaMAAcAAZK3gAAA9yrBGc4zb1yD0hM3xfo'
const URL = `https://pioneer.example.cn/#/pages/checkin/index?t=${TOKEN}`
const TITLE = '学习贯彻党的二十届三中全会精神'
// 14:05:09 and 13:52:00 Beijing time.
const AT = '2026-11-27T06:05:09.000Z'
const FIRST = '2026-11-27T05:52:00.000Z'

/** What the scan answers: the class named, and whether the location is needed. */
const scanned = (overrides: Record<string, unknown> = {}) => ok({
  receipt: RECEIPT, expiresAt: '2026-11-27T06:08:09.000Z', classId: 'demoNowA', title: TITLE, orgName: '幸福里社区党委',
  placeName: '幸福里社区党群服务中心', start: '2026-11-27T06:00:00.000Z', needsLocation: false, guest: false, ...overrides,
})
const signedIn = (status: 'on-time' | 'late' = 'on-time', guest = false) => ok({ status, at: AT, classId: 'demoNowA', title: TITLE, guest })

let switchTab: jest.SpyInstance
beforeEach(() => {
  ({ switchTab } = resetTaro())
  Taro.setStorageSync('session.token', 'token-of-demo-member')
  opened({ t: TOKEN })
})

function opened(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } } as never)
}

function scanAnswers(...answers: Array<ReturnType<typeof scanned> | ReturnType<typeof refused>>) {
  const spy = jest.spyOn(classroomService, 'scan')
  for (const a of answers) spy.mockResolvedValueOnce(a as never)
  return spy
}

test('a scan on time: the code is read, then 签到成功 with the class and the time in Beijing', async () => {
  const scan = scanAnswers(scanned())
  const checkIn = jest.spyOn(classroomService, 'checkIn').mockResolvedValue(signedIn())
  render(<CheckInPage />)
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(screen.getByText(TITLE)).toBeTruthy()
  expect(screen.getByText('签到时间 14:05')).toBeTruthy()
  expect(screen.queryByText('迟到')).toBeNull()
  expect(scan).toHaveBeenCalledWith(TOKEN)
  // The sign-in is completed with the receipt, not the code (which may have expired by then).
  expect(checkIn).toHaveBeenCalledTimes(1)
  expect(checkIn).toHaveBeenCalledWith(RECEIPT, undefined)
})

test('a scan after start + 10 minutes: signed in, marked 迟到 with the rule', async () => {
  scanAnswers(scanned())
  jest.spyOn(classroomService, 'checkIn').mockResolvedValue(signedIn('late'))
  render(<CheckInPage />)
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(screen.getByText('迟到')).toBeTruthy()
  expect(screen.getByText('开课 10 分钟后签到记为迟到。')).toBeTruthy()
})

test('scanning again: 已签到 with the time of the first scan, told at the scan, nothing alarming', async () => {
  scanAnswers(refused({
    code: 'ALREADY_DONE', message: '您已于 13:52:00 签到（已签到），无需重复签到', data: { status: 'on-time', at: FIRST },
  }))
  const checkIn = jest.spyOn(classroomService, 'checkIn')
  render(<CheckInPage />)
  expect(await screen.findByText('已签到')).toBeTruthy()
  expect(screen.getByText('您已于 13:52 签到，不用再扫了。')).toBeTruthy()
  expect(checkIn).not.toHaveBeenCalled()
  click('查看我的课堂')
  expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.classroom })
})

test('an expired code: says so and tells the person to scan the newest code on the screen', async () => {
  scanAnswers(refused({ code: 'TOKEN_EXPIRED', message: '签到码已过期（每 15 秒更新一次），请扫描大屏上最新的签到码' }))
  render(<CheckInPage />)
  expect(await screen.findByText('签到码已过期')).toBeTruthy()
  expect(screen.getByText('签到码已过期（每 15 秒更新一次），请扫描大屏上最新的签到码')).toBeTruthy()
  expect(screen.getByText('请用手机相机重新扫描大屏上的签到码。')).toBeTruthy()
})

test('a class with a geofence: the class named and the reason first, then the location (GCJ-02) goes with the receipt', async () => {
  scanAnswers(scanned({ needsLocation: true, classId: 'demoNowB', title: '社区议事协商怎么开' }))
  const checkIn = jest.spyOn(classroomService, 'checkIn').mockResolvedValueOnce(ok({ status: 'on-time' as const, at: AT, classId: 'demoNowB', title: '社区议事协商怎么开', guest: false }))
  const getLocation = jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.5389, longitude: 114.3702, accuracy: 15 } as never)
  render(<CheckInPage />)
  expect(await screen.findByText('需要确认您在上课地点')).toBeTruthy()
  expect(screen.getByText('社区议事协商怎么开')).toBeTruthy()
  expect(screen.getByText(/幸福里社区党委 · 11月27日 周五 14:00 · 幸福里社区党群服务中心/)).toBeTruthy()
  expect(screen.getByText(LOCATION_REASON)).toBeTruthy()
  expect(screen.getByText(/3 分钟内完成即可，不用着急/)).toBeTruthy()
  expect(getLocation).not.toHaveBeenCalled()
  expect(checkIn).not.toHaveBeenCalled()

  click('允许获取位置并签到')
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(checkIn.mock.calls[0][0]).toBe(RECEIPT)
  const sent = checkIn.mock.calls[0][1]!
  const gcj = wgs84ToGcj02(30.5389, 114.3702)
  expect(sent).toEqual({ lat: gcj.lat, lng: gcj.lng, accuracy: 15 })
  // The shift in this city is a few hundred metres: enough to matter against a 300 m geofence.
  expect(Math.abs(gcj.lng - 114.3702) * 96000).toBeGreaterThan(300)
  expect(Taro.getStorageSync('checkin.locationAllowed')).toBe(true)
})

test('a member of another organisation is told before signing in that they come as 列席, and after', async () => {
  scanAnswers(scanned({ needsLocation: true, guest: true }))
  jest.spyOn(classroomService, 'checkIn').mockResolvedValue(signedIn('on-time', true))
  jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.5389, longitude: 114.3702, accuracy: 15 } as never)
  render(<CheckInPage />)
  expect(await screen.findByText(GUEST_NOTE)).toBeTruthy()
  click('允许获取位置并签到')
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(screen.getByText('列席：不计入这节课的实到人数和出勤率。')).toBeTruthy()
})

test('outside the geofence: 不在签到范围内 with the distance the back end measured', async () => {
  Taro.setStorageSync('checkin.locationAllowed', true)
  scanAnswers(scanned({ needsLocation: true }))
  jest.spyOn(classroomService, 'checkIn').mockResolvedValueOnce(refused({
    code: 'OUT_OF_RANGE', message: '您距离和平社区开放式组织生活基地约 1250 米，需要在 300 米以内签到。请到达上课地点后再扫码',
    data: { distance: 1250, radius: 300 },
  }))
  jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.55, longitude: 114.36, accuracy: 20 } as never)
  render(<CheckInPage />)
  // Allowed once before: no second question, the location is read at once.
  expect(await screen.findByText('不在签到范围内')).toBeTruthy()
  expect(screen.getByText(/约 1250 米，需要在 300 米以内签到。请到达上课地点后再扫码/)).toBeTruthy()
  expect(screen.getByText(TITLE)).toBeTruthy()
  expect(screen.queryByText('需要确认您在上课地点')).toBeNull()
})

test('the location refused: says how to allow it, nothing is sent without it, and a retry uses the same receipt', async () => {
  const scan = scanAnswers(scanned({ needsLocation: true }))
  const checkIn = jest.spyOn(classroomService, 'checkIn').mockResolvedValue(signedIn())
  jest.spyOn(Taro, 'getLocation').mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
    .mockResolvedValueOnce({ latitude: 30.5389, longitude: 114.3702, accuracy: 15 } as never)
  render(<CheckInPage />)
  await screen.findByText('允许获取位置并签到')
  click('允许获取位置并签到')
  expect(await screen.findByText('没有获取到您的位置')).toBeTruthy()
  expect(screen.getByText(/请允许“先锋驿站”使用您的位置/)).toBeTruthy()
  expect(checkIn).not.toHaveBeenCalled()
  click('重新获取位置并签到')
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(scan).toHaveBeenCalledTimes(1)
  expect(checkIn.mock.calls[0][0]).toBe(RECEIPT)
})

test('a receipt that lapsed: says the scan is over 3 minutes old and to scan again', async () => {
  scanAnswers(scanned())
  jest.spyOn(classroomService, 'checkIn').mockResolvedValue(refused({
    code: 'TOKEN_EXPIRED', message: '扫码已超过 3 分钟，这次扫码已失效，请扫描大屏上最新的签到码',
  }))
  render(<CheckInPage />)
  expect(await screen.findByText('扫码已超过 3 分钟')).toBeTruthy()
  expect(screen.getByText(/这次扫码已失效/)).toBeTruthy()
  expect(screen.getByText('请用手机相机重新扫描大屏上的签到码。')).toBeTruthy()
})

test.each([
  ['a forged code', { code: 'TOKEN_INVALID', message: '签到码无法识别，请扫描大屏上最新的签到码' }, '签到码无法识别', '请用手机相机重新扫描大屏上的签到码。'],
  ['a class not open yet', { code: 'NOT_OPEN', message: '“红色家风代代传”还没有开始签到，签到将于 11月27日 周五 13:30 开放' }, '现在不能签到', '返回课堂'],
  ['an unregistered person', { code: 'NOT_REGISTERED', message: '请先完成注册' }, '还没有完成注册', '去注册'],
] as const)('%s: its own title, the message, and the way forward', async (_, error, title, forward) => {
  scanAnswers(refused(error))
  render(<CheckInPage />)
  expect(await screen.findByText(title)).toBeTruthy()
  expect(screen.getByText(new RegExp(error.message.slice(0, 10)))).toBeTruthy()
  expect(screen.getByText(forward)).toBeTruthy()
})

test('an unregistered person is sent to 我的 to register', async () => {
  scanAnswers(refused({ code: 'NOT_REGISTERED', message: '请先完成注册' }))
  render(<CheckInPage />)
  await screen.findByText('去注册')
  click('去注册')
  expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.mine })
})

test('a network failure offers 再试一次 with the same receipt', async () => {
  const scan = scanAnswers(scanned())
  const checkIn = jest.spyOn(classroomService, 'checkIn')
    .mockResolvedValueOnce(refused({ code: 'INTERNAL', message: '网络不太好，请稍后再试' }))
    .mockResolvedValueOnce(signedIn())
  render(<CheckInPage />)
  expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  click('再试一次')
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(scan).toHaveBeenCalledTimes(1)
  expect(checkIn.mock.calls.map((c) => c[0])).toEqual([RECEIPT, RECEIPT])
})

test('signed out on H5: asks to sign in first and sends nothing', async () => {
  await expectAsksToSignIn(<CheckInPage />, '请先登录', jest.spyOn(classroomService, 'scan'))
})

test('the page takes its token as t, as the whole URL in q (WeChat plain-link rule), or as scene', async () => {
  expect(tokenFromParams(CLASS_CODE, { t: TOKEN })).toBe(TOKEN)
  expect(tokenFromParams(CLASS_CODE, { q: encodeURIComponent(URL) })).toBe(TOKEN)
  expect(tokenFromParams(CLASS_CODE, { scene: encodeURIComponent(TOKEN) })).toBe(TOKEN)
  expect(tokenFromParams(CLASS_CODE, { q: encodeURIComponent('https://example.cn/other?t=x') })).toBeNull()
  expect(tokenFromParams(CLASS_CODE, { t: '{"$ne":null}' })).toBeNull()
  expect(tokenFromUrl(CLASS_CODE, URL)).toBe(TOKEN)
  expect(tokenFromScan(CLASS_CODE, { result: URL })).toBe(TOKEN)
  expect(tokenFromScan(CLASS_CODE, { result: '随便一段文字' })).toBeNull()

  opened({ q: encodeURIComponent(URL) })
  const scan = scanAnswers(scanned())
  jest.spyOn(classroomService, 'checkIn').mockResolvedValue(signedIn())
  render(<CheckInPage />)
  await waitFor(() => expect(scan).toHaveBeenCalledWith(TOKEN))
})

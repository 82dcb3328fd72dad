// 阵地签到: the page a site's printed QR code opens. It checks in at once; a second scan the same day says 已签到 with
// the time of the first; a secretary's scan during their booking also confirms the arrival; a code that is not a
// site's, or a closed site, says what to do.
import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import SiteVisitPage from '@/pages/site/visit'
import { SITE_CODE, tokenFromParams, tokenFromUrl } from '@/utils/scanToken'
import { siteService } from '@/services'
import { ROUTES } from '@/routes'
import { click, ok, refused, resetTaro } from './helpers'

const TOKEN = 'AllmWGxidG9zAAAAAHKfU0Q9eWxP'
const URL = `https://pioneer.example.cn/#/pages/site/visit?t=${TOKEN}`
const NOW = new Date()

let switchTab: jest.SpyInstance
let redirectTo: jest.SpyInstance
beforeEach(() => {
  ({ switchTab } = resetTaro())
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  Taro.setStorageSync('session.token', 'token-of-demo-member')
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { t: TOKEN } } } as never)
})

const visited = (overrides = {}) => ok({
  siteId: 'site-xingfuli-books', name: '幸福里党建书屋', at: NOW.toISOString(), firstThisMonth: true, ...overrides,
})
const clock = (d: Date) => new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(d)

test('the code reaches the page as t, or as the whole URL (WeChat’s plain-link rule); anything else is no code', () => {
  expect(tokenFromParams(SITE_CODE, { t: TOKEN })).toBe(TOKEN)
  expect(tokenFromParams(SITE_CODE, { q: encodeURIComponent(URL) })).toBe(TOKEN)
  expect(tokenFromUrl(SITE_CODE, URL)).toBe(TOKEN)
  expect(tokenFromUrl(SITE_CODE, `https://pioneer.example.cn/#/pages/checkin/index?t=${TOKEN}`)).toBeNull()
  expect(tokenFromParams(SITE_CODE, { t: '{"$ne":null}' })).toBeNull()
})

test('a first scan today: 签到成功 with the site and the time (Beijing)', async () => {
  const visit = jest.spyOn(siteService, 'visit').mockResolvedValue(visited())
  render(<SiteVisitPage />)
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(screen.getByText('幸福里党建书屋')).toBeTruthy()
  expect(screen.getByText(`签到时间 ${clock(NOW)}`)).toBeTruthy()
  expect(screen.getByText('这是您本月第一次来这里，欢迎！')).toBeTruthy()
  // Not asked for the location here: it goes along only when the person allowed it before.
  expect(visit).toHaveBeenCalledWith(TOKEN, undefined)
  click('查看阵地')
  expect(redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.siteDetail}?id=site-xingfuli-books` })
})

test('scanning again the same day: 已签到 with the time of the first scan', async () => {
  jest.spyOn(siteService, 'visit')
    .mockResolvedValueOnce(visited())
    .mockResolvedValueOnce(refused({
      code: 'ALREADY_DONE', message: '您今天已经在幸福里党建书屋签到过了，明天再来吧',
      data: { siteId: 'site-xingfuli-books', name: '幸福里党建书屋' },
    }))
  const first = render(<SiteVisitPage />)
  expect(await screen.findByText('签到成功')).toBeTruthy()
  first.unmount()

  render(<SiteVisitPage />)
  expect(await screen.findByText('已签到')).toBeTruthy()
  expect(screen.getByText(`您今天 ${clock(NOW)} 已在这里签到，每天签到一次就好，不用再扫了。`)).toBeTruthy()
})

test('scanned on another phone first: 已签到 says so in the server’s words', async () => {
  jest.spyOn(siteService, 'visit').mockResolvedValue(refused({
    code: 'ALREADY_DONE', message: '您今天已经在幸福里党建书屋签到过了，明天再来吧',
    data: { siteId: 'site-xingfuli-books', name: '幸福里党建书屋' },
  }))
  render(<SiteVisitPage />)
  expect(await screen.findByText('已签到')).toBeTruthy()
  expect(screen.getByText('您今天已经在幸福里党建书屋签到过了，明天再来吧')).toBeTruthy()
})

test('a secretary scanning during their booking: the arrival is confirmed on the page', async () => {
  jest.spyOn(siteService, 'visit').mockResolvedValue(visited({
    firstThisMonth: false, booking: { id: 'bDemo', start: '14:00', end: '16:00', orgName: '幸福里社区党委' },
  }))
  render(<SiteVisitPage />)
  expect(await screen.findByText('已确认到场：幸福里社区党委 14:00–16:00 的预约')).toBeTruthy()
})

test('outside opening hours: 现在不能签到 with the hours, and the way back to the sites', async () => {
  jest.spyOn(siteService, 'visit').mockResolvedValue(refused({
    code: 'NOT_OPEN', message: '和平社区开放式组织生活基地现在不开放（今日09:00–17:00），请在开放时间内签到',
  }))
  render(<SiteVisitPage />)
  expect(await screen.findByText('现在不能签到')).toBeTruthy()
  expect(screen.getByText(/今日09:00–17:00/)).toBeTruthy()
  click('查看全部阵地')
  expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.site })
})

test('the site needs the location: the reason first, then, asked for, the location goes with the check-in', async () => {
  const needed = '请允许获取您的位置后再签到：需要核对您是否在幸福里党建书屋'
  jest.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 30.5431, longitude: 114.3627, accuracy: 15 } as never)
  // As the server answers: without a location, refused on that field.
  const visit = jest.spyOn(siteService, 'visit').mockImplementation(async (_token, location) =>
    (location ? visited() : refused({ code: 'INVALID_INPUT', message: needed, fields: [{ field: 'location', message: needed }] })))
  render(<SiteVisitPage />)
  expect(await screen.findByText('需要核对您的位置')).toBeTruthy()
  expect(screen.getByText(needed)).toBeTruthy()
  click('允许获取位置并签到')
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(visit.mock.calls.map(([, location]) => location !== undefined)).toEqual([false, true])
})

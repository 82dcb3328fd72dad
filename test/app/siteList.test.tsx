// 阵地 tab: nearest first with distances once the person lets the app read their location (asked with the reason,
// never before they tap); without it the ordinary order; filters by type, facility and 现在开放; an open-now badge.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as contract from '../../contract/site'
import SiteDirectoryPage from '@/pages/site'
import { formatDistance } from '@/pages/site/format'
import {
  siteService, } from '@/services'
import type { SiteSummary } from '@/services'
import { ROUTES } from '@/routes'
import { click, ok, resetTaro } from './helpers'

const site = (id: string, name: string, overrides: Partial<SiteSummary> = {}): SiteSummary => ({
  id, name, type: 'library', level: null, address: '东湖街道幸福里 22 号二楼', location: { lat: 30.5437, lng: 114.3641 },
  openNow: true, todayHours: '今日全天开放', facilities: ['bookshelf', 'wifi'], capacity: 20,
  managingOrgId: 'org-community-a', managingOrgName: '幸福里社区党委', photo: '', active: true, ...overrides,
})

const NEAR = [
  site('site-books', '幸福里党建书屋', { distance: 850 }),
  site('site-hub', '幸福里社区党群服务中心', { type: 'center', level: 'district', distance: 1234, openNow: false, todayHours: '今日08:30–12:00、14:00–17:30' }),
]
const BY_NAME = [NEAR[1], NEAR[0]].map(({ distance: _d, ...s }) => s)

let navigateTo: jest.SpyInstance
beforeEach(() => {
  ({ navigateTo } = resetTaro())
})

const allowLocation = () => jest.spyOn(Taro, 'getLocation').mockResolvedValue({
  latitude: 30.5457, longitude: 114.3582, accuracy: 30,
} as Taro.getLocation.SuccessCallbackResult)

const cards = () => Array.from(document.querySelectorAll('.site-card'))

describe('the app has the pages the contract names', () => {
  test('the visit page (the printed code of a site opens it)', () => {
    expect(ROUTES.siteVisit).toBe(`/${contract.SITE_VISIT_PAGE}`)
  })
})

test('distances read as a person says them', () => {
  expect(formatDistance(43)).toBe('40米')
  expect(formatDistance(850)).toBe('850米')
  expect(formatDistance(996)).toBe('1公里')
  expect(formatDistance(1234)).toBe('1.2公里')
  expect(formatDistance(3050)).toBe('3.1公里')
  expect(formatDistance(10576)).toBe('10.6公里')
  expect(formatDistance(12000)).toBe('12公里')
})

test('the list comes first in its ordinary order; the location is asked for with its reason, only on a tap', async () => {
  const getLocation = allowLocation()
  const list = jest.spyOn(siteService, 'list')
    .mockResolvedValueOnce(ok({ items: BY_NAME, nextCursor: null }))
    .mockResolvedValueOnce(ok({ items: NEAR, nextCursor: null }))
  render(<SiteDirectoryPage />)
  await waitFor(() => expect(cards()).toHaveLength(2))
  expect(list).toHaveBeenLastCalledWith({})
  expect(screen.getByText(/用于按距离排列附近的阵地/)).toBeTruthy()
  expect(getLocation).not.toHaveBeenCalled()
  expect(document.querySelector('.site-card__distance')).toBeNull()

  fireEvent.click(screen.getByText('使用我的位置'))
  expect(await screen.findByText('已按距离由近到远排列')).toBeTruthy()
  // The browser's WGS-84 fix is sent in GCJ-02, the datum the sites are stored in (a few hundred metres apart here).
  const near = list.mock.calls[1][0]!.near!
  expect(near.lat).toBeCloseTo(30.5457 - 0.0024, 2)
  expect(near.lng).toBeCloseTo(114.3582 + 0.0058, 2)
  await waitFor(() => expect(cards()[0].textContent).toContain('幸福里党建书屋'))
  const [first, second] = cards()
  expect(first.querySelector('.site-card__distance')!.textContent).toBe('850米')
  expect(first.querySelector('.site-card__open')!.textContent).toBe('开放中')
  expect(first.querySelector('.site-card__open--yes')).not.toBeNull()
  expect(second.querySelector('.site-card__distance')!.textContent).toBe('1.2公里')
  expect(second.querySelector('.site-card__open')!.textContent).toBe('未开放')
  expect(second.textContent).toContain('区级示范')
  expect(second.textContent).toContain('今日08:30–12:00、14:00–17:30')

  fireEvent.click(first)
  expect(navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.siteDetail}?id=site-books` })
})

test('once allowed, the next visit reads the location at once and lists nearest first', async () => {
  Taro.setStorageSync('site.locationAllowed', true)
  allowLocation()
  const list = jest.spyOn(siteService, 'list').mockResolvedValue(ok({ items: NEAR, nextCursor: null }))
  render(<SiteDirectoryPage />)
  expect(await screen.findByText('850米')).toBeTruthy()
  expect(list).toHaveBeenCalledTimes(1)
  expect(list.mock.calls[0][0]).toHaveProperty('near')
})

test('a refused location keeps the ordinary order and says how to get distances', async () => {
  jest.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail User denied Geolocation' })
  const list = jest.spyOn(siteService, 'list').mockResolvedValue(ok({ items: BY_NAME, nextCursor: null }))
  render(<SiteDirectoryPage />)
  await waitFor(() => expect(cards()).toHaveLength(2))
  fireEvent.click(screen.getByText('使用我的位置'))
  expect(await screen.findByText(/没有获取到您的位置，现按阵地类型和名称排列/)).toBeTruthy()
  expect(list.mock.calls.every(([input]) => !input?.near)).toBe(true)
  expect(cards()[0].textContent).toContain('幸福里社区党群服务中心')
  expect(Taro.getStorageSync('site.locationAllowed')).toBe('')
})

test('type, facility and 现在开放 filter the list', async () => {
  const list = jest.spyOn(siteService, 'list').mockResolvedValue(ok({ items: BY_NAME, nextCursor: null }))
  render(<SiteDirectoryPage />)
  await waitFor(() => expect(cards()).toHaveLength(2))

  fireEvent.click(screen.getByText('党建书屋', { selector: '.ps-chip *, .ps-chip' }))
  await waitFor(() => expect(list).toHaveBeenLastCalledWith({ type: 'library' }))

  click('按设施筛选')
  fireEvent.click(screen.getByText('无障碍通道', { selector: '.ps-chip *, .ps-chip' }))
  await waitFor(() => expect(list).toHaveBeenLastCalledWith({ type: 'library', facility: 'accessible' }))

  const openNow = document.querySelector('.sites__open-now input.weui-switch')!
  fireEvent.click(openNow)
  await waitFor(() => expect(list).toHaveBeenLastCalledWith({ type: 'library', facility: 'accessible', openNow: true }))
})

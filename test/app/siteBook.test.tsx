// 预约阵地: the booking form keeps everything in a local draft as it is typed (a closed page loses nothing), offers
// only half-hours inside the opening hours (taken ones shown, not choosable), checks capacity before sending, and
// when someone else took the slot (CONFLICT) says so plainly — at the top and at the time — keeping the draft.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import SiteBookPage, { bookingDraftKey } from '@/secretary/pages/site-book'
import { siteService } from '@/services'
import type { Booking, SiteDetail } from '@/services'
import { ROUTES } from '@/routes'
import { control, field, fieldShows, ok, refused, resetTaro, type } from './helpers'

const SITE_ID = 'site-xingfuli-books'
const savedDraft = () => Taro.getStorageSync(`draft.${bookingDraftKey(SITE_ID)}`)

const allWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }))
const SITE: SiteDetail = {
  id: SITE_ID, name: '幸福里党建书屋', type: 'library', level: null, address: '东湖街道幸福里 22 号二楼',
  location: { lat: 30.5437, lng: 114.3641 }, openNow: true, todayHours: '今日全天开放', facilities: ['bookshelf'],
  capacity: 20, managingOrgId: 'org-community-a', managingOrgName: '幸福里社区党委', photo: '', active: true,
  description: '', hours: allWeek, closedDates: [], week: [], contact: { name: '李芳', phone: '138****0002' }, photos: [],
  canManage: false,
}

const taken = (date: string, start: string, end: string): Booking => ({
  id: 'bTaken', siteId: SITE_ID, siteName: SITE.name, date, start, end, hours: 1, headcount: 10, purpose: '读书会',
  orgId: 'org-community-b', orgName: '和平社区党委', status: 'booked', confirmed: false, arrived: false,
  createdAt: '2026-11-20T02:00:00.000Z', canCancel: false, canDecide: false,
})

let redirectTo: jest.SpyInstance
let bookings: jest.SpyInstance
beforeEach(() => {
  resetTaro()
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { siteId: SITE_ID } } } as never)
  Taro.setStorageSync('session.token', 'token-of-demo-secretary')
  jest.spyOn(siteService, 'get').mockResolvedValue(ok(SITE))
  bookings = jest.spyOn(siteService, 'bookings').mockResolvedValue(ok({ items: [], nextCursor: null, canManage: false }))
})

/** The half-hour cells offered under a field, as shown. */
const cells = (label: string) => Array.from(field(label).querySelectorAll('.site-grid__cell')) as HTMLElement[]
const chosen = (label: string) => field(label).querySelector('.site-grid__cell--selected')?.textContent

async function fillForm() {
  await waitFor(() => expect(cells('开始时间').length).toBeGreaterThan(0))
  fireEvent.click(cells('开始时间')[0])
  await waitFor(() => expect(cells('结束时间').length).toBeGreaterThan(0))
  await type('参加人数', '12')
  await type('活动内容', '第一党支部主题党日')
}

test('what is filled in is kept as it is typed and is all there when the page is opened again', async () => {
  const first = render(<SiteBookPage />)
  await fillForm()
  const start = chosen('开始时间')!
  const end = chosen('结束时间')!
  expect(savedDraft()).toMatchObject({ start, end, headcount: '12', purpose: '第一党支部主题党日' })
  first.unmount()

  render(<SiteBookPage />)
  expect(await screen.findByText('已恢复上次没填完的预约，可以接着填。')).toBeTruthy()
  expect((await control('参加人数')).value).toBe('12')
  expect((await control('活动内容')).value).toBe('第一党支部主题党日')
  await waitFor(() => expect(chosen('开始时间')).toBe(start))
  expect(chosen('结束时间')).toBe(end)
})

test('活动内容 over its limit is said while typing and kept whole; 提交预约 sends nothing until it fits', async () => {
  const book = jest.spyOn(siteService, 'book')
  render(<SiteBookPage />)
  await fillForm()
  await fieldShows('活动内容', '9/100 字')
  const pasted = '党'.repeat(103)
  await type('活动内容', pasted)
  expect((await control('活动内容')).value).toBe(pasted)
  await fieldShows('活动内容', '活动内容最多 100 个字，现在 103 个字，请删去 3 个字')
  fireEvent.click(screen.getByText('提交预约'))
  await fieldShows('活动内容', '请删去 3 个字')
  expect(book).not.toHaveBeenCalled()
})

test('a slot someone else took meanwhile: CONFLICT is said at the top and at the time, the day is shown again, the draft stays', async () => {
  const book = jest.spyOn(siteService, 'book').mockResolvedValue(refused({
    code: 'CONFLICT',
    message: '11月28日 周六 14:00–15:00 已有其他预约，请在阵地日历中选择空闲时段',
    fields: [{ field: 'start', message: '11月28日 周六 14:00–15:00 已有其他预约，请在阵地日历中选择空闲时段' }],
  }))
  render(<SiteBookPage />)
  await fillForm()
  const draft = savedDraft()
  bookings.mockResolvedValue(ok({ items: [taken(draft.date, draft.start, draft.end)], nextCursor: null, canManage: false }))

  fireEvent.click(screen.getByText('提交预约').closest('.at-button')!)
  expect(await screen.findByText('这个时段已被预约')).toBeTruthy()
  expect(document.querySelector('.ps-notice--danger')!.textContent).toContain('已有其他预约，请在阵地日历中选择空闲时段')
  await fieldShows('开始时间', '已有其他预约')
  expect(book).toHaveBeenCalledWith({
    siteId: SITE_ID, date: draft.date, start: draft.start, end: draft.end, headcount: 12, purpose: '第一党支部主题党日',
  })
  // The calendar is read again: the taken time is listed and its half-hour can no longer be chosen.
  expect(await screen.findByText(`${draft.start}–${draft.end} 和平社区党委`)).toBeTruthy()
  const takenCell = cells('开始时间').find((c) => c.textContent!.startsWith(draft.start))!
  expect(takenCell.className).toContain('site-grid__cell--off')
  expect(takenCell.textContent).toContain('已约')
  expect(savedDraft()).toMatchObject({ headcount: '12', purpose: '第一党支部主题党日' })
  expect(redirectTo).not.toHaveBeenCalled()
})

test('more people than the site holds is caught before anything is sent', async () => {
  const book = jest.spyOn(siteService, 'book')
  render(<SiteBookPage />)
  await fillForm()
  await type('参加人数', '35')
  fireEvent.click(screen.getByText('提交预约').closest('.at-button')!)
  await fieldShows('参加人数', '这里最多容纳 20 人')
  expect(book).not.toHaveBeenCalled()
})

test('an accepted booking clears the draft and opens my bookings', async () => {
  jest.spyOn(siteService, 'book').mockResolvedValue(ok({ id: 'bNew000001' }))
  render(<SiteBookPage />)
  await fillForm()
  fireEvent.click(screen.getByText('提交预约').closest('.at-button')!)
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.siteBookings}?booked=bNew000001` }))
  expect(savedDraft()).toBe('')
})

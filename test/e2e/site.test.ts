// In Chromium, on the H5 build served by the emulator, one site from the directory to its usage figures:
// demo-member allows location (the browser is placed ~30 m from 幸福里党建书屋), sees it first with its distance and
// opens it; demo-secretary, who manages it, books the next free half-hour there, prints its code and checks in by
// opening the code's URL (as a camera would), standing in the site and allowing the location it asks for — a second
// scan says 已签到 with the time — and declines another
// community's booking at the service centre with a reason, which its booker reads; the secretary's usage page
// and the district office's ranking show the booking and the visit, the idle site flagged; the export reads back.
// Screenshots of the directory (normal and 长辈模式), the site page, the booking form, the printable code, the
// check-in, the calendar and the usage ranking (the whole page) go to docs/screenshots/.
import type { Locator, Page } from 'playwright-core'
import { current, exportedSheet, screenshot, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()

const BOOKS = '幸福里党建书屋'
const BOOKS_ID = 'site-xingfuli-books'
const PURPOSE = '幸福里社区第一党支部读书分享会'
// What the browser reports (WGS-84). The app turns it into GCJ-02, the datum the sites are stored in: 30.5435,
// 114.3639, about 30 m from 幸福里党建书屋 (30.5437, 114.3641) and 125 m from the 党群服务中心 next door.
const NEAR_BOOKS = { latitude: 30.54583, longitude: 114.35838 }

/** The whole page at phone width: the app scrolls inside its page element, so the window grows to fit it. */
async function wholePage(screen: Locator, shell: string, name: string) {
  const page = screen.page()
  const height = await screen.locator(shell).evaluate((el) => el.scrollHeight)
  const before = page.viewportSize()!
  await page.setViewportSize({ width: before.width, height: Math.ceil(height) })
  await screenshot(page, name)
  await page.setViewportSize(before)
}

/** The number the page hands to the phone's dialler (H5 opens a tel: link, which Chromium passes to the system). */
async function dialled(page: Page, tap: () => Promise<void>): Promise<string> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Page.enable')
    const asked = new Promise<string>((resolve) => {
      cdp.on('Page.frameRequestedNavigation', (e) => { if (e.url.startsWith('tel:')) resolve(e.url) })
    })
    await tap()
    return await asked
  } finally {
    await cdp.detach()
  }
}

/** A usage row's visits and bookings, as the page prints them. */
async function usageOf(screen: Locator, name: string): Promise<{ visits: number; bookings: number }> {
  const row = screen.locator('.usage-row', { has: screen.page().locator('.usage-row__name', { hasText: new RegExp(`^${name}$`) }) })
  const text = (await row.textContent())!
  return { visits: Number(/到访 (\d+) 人次/.exec(text)![1]), bookings: Number(/预约 (\d+) 次/.exec(text)![1]) }
}

test('find the nearest site, book it, check in with its code, and see both in the usage ranking', async () => {
  // ---- the secretary's figures before ----
  const secretary = await bed.person('demo-secretary', { geolocation: NEAR_BOOKS })
  await secretary.locator('.mine-sites .at-button', { hasText: '阵地使用情况' }).click()
  await secretary.locator('.usage-row__name', { hasText: BOOKS }).waitFor()
  const before = await usageOf(secretary, BOOKS)

  // ---- demo-member: the reason, then the location; nearest first with its distance ----
  const member = await bed.person('demo-member', { geolocation: NEAR_BOOKS })
  await bed.open(member.page(), '/pages/site/index')
  await member.getByText(/用于按距离排列附近的阵地/).waitFor()
  expect(await member.locator('.site-card__distance').count()).toBe(0)
  await member.locator('.sites-place .at-button', { hasText: '使用我的位置' }).click()
  await member.getByText('已按距离由近到远排列').waitFor()
  const first = member.locator('.site-card').first()
  await first.locator('.site-card__name', { hasText: BOOKS }).waitFor()
  expect(await first.locator('.site-card__distance').textContent()).toBe('30米')
  expect(await first.locator('.site-card__open').textContent()).toBe('开放中')
  const distances = await member.locator('.site-card__distance').allTextContents()
  const metres = distances.map((d) => (d.endsWith('公里') ? parseFloat(d) * 1000 : parseFloat(d)))
  expect(metres).toEqual([...metres].sort((a, b) => a - b))
  // The demo district's six and 南湖街道's three.
  expect(distances.length).toBe(9)
  await screenshot(member.page(), 'site-directory')

  await first.click()
  await member.locator('.site-detail__name', { hasText: BOOKS }).waitFor()
  await member.locator('.site-detail__today', { hasText: '今日全天开放' }).waitFor()
  // A site is a public office: a member sees its service phone in full (calling it: the test at the end).
  expect(await member.locator('.site-detail__fact', { hasText: '联系人' }).textContent()).toContain('027-86661235')
  await member.locator('.site-detail__actions .at-button', { hasText: '导航' }).waitFor()
  await member.locator('.site-detail__actions .at-button', { hasText: '拨打电话' }).waitFor()
  expect(await member.locator('.site-book-entry').count()).toBe(0)

  // Another site's page, with split hours, a weekly closing day and a closed date ahead.
  await member.page().goBack()
  // The list is on top again only once the site page has gone: a tap during the return raced it (seen under load).
  await member.locator('.site-detail__name').waitFor({ state: 'hidden' })
  await member.locator('.site-card', { hasText: '和平社区开放式组织生活基地' }).click()
  await member.locator('.site-detail__name', { hasText: '和平社区开放式组织生活基地' }).waitFor()
  await member.locator('.site-detail__tag', { hasText: '市级示范' }).waitFor()
  await member.locator('.site-hours__closed', { hasText: /^闭馆日：/ }).waitFor()
  await screenshot(member.page(), 'site-detail')

  // 长辈模式: the same directory, larger.
  await bed.careMode(member.page(), true)
  await bed.open(member.page(), '/pages/site/index')
  await member.getByText('已按距离由近到远排列').waitFor()
  await member.locator('.site-card').first().locator('.site-card__distance', { hasText: '30米' }).waitFor()
  await screenshot(member.page(), 'site-directory-care')

  // ---- demo-secretary books the next free half-hour there ----
  await bed.open(secretary.page(), `/pages/site/detail?id=${BOOKS_ID}`)
  await secretary.locator('.site-detail__name', { hasText: BOOKS }).waitFor()
  // Its manager sees the same public number.
  expect(await secretary.locator('.site-detail__fact', { hasText: '联系人' }).textContent()).toContain('027-86661235')
  await secretary.locator('.site-detail__actions .at-button', { hasText: '拨打电话' }).waitFor()
  await secretary.locator('.site-book-entry .at-button', { hasText: '预约这个阵地' }).click()
  const form = secretary.locator('.site-book')
  await form.locator('.site-book__name', { hasText: BOOKS }).waitFor()
  const start = form.locator('.ps-field', { hasText: '开始时间' }).locator('.site-grid__cell:not(.site-grid__cell--off)').first()
  const startTime = (await start.textContent())!
  await start.click()
  const end = form.locator('.ps-field', { hasText: '结束时间' }).locator('.site-grid__cell--selected')
  await end.waitFor()
  const endTime = (await end.textContent())!
  await form.locator('input[name="headcount"]').fill('15')
  await form.locator('input[name="purpose"]').fill(PURPOSE)
  await form.locator('.site-book__site').scrollIntoViewIfNeeded()
  await screenshot(secretary.page(), 'site-book')
  await form.locator('.at-button', { hasText: '提交预约' }).click()
  await secretary.getByText(/预约已提交/).waitFor()
  const booking = secretary.locator('.booking-item', { hasText: PURPOSE })
  await booking.locator('.booking-item__state', { hasText: '待确认' }).waitFor()
  expect(await booking.locator('.booking-item__when').textContent()).toContain(`${startTime}–${endTime}`)

  // ---- and checks in with the site's code: the printed QR code's URL, opened as a camera would ----
  await bed.open(secretary.page(), `/secretary/pages/site-code/index?id=${BOOKS_ID}`)
  const qr = secretary.locator('.site-code .class-code__qr')
  await qr.waitFor()
  const url = (await qr.getAttribute('data-checkin-url'))!
  expect(url).toMatch(/\/#\/pages\/site\/visit\?t=[A-Za-z0-9_-]+$/)
  expect(await qr.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
  await screenshot(secretary.page(), 'site-code')
  await secretary.page().goto(bed.local(url))
  // The site checks where the phone is: the page says why, then asks.
  await secretary.locator('.site-visit__title', { hasText: '需要核对您的位置' }).waitFor()
  await secretary.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await secretary.locator('.site-visit__title', { hasText: '签到成功' }).waitFor()
  await secretary.locator('.site-visit__site', { hasText: BOOKS }).waitFor()
  const checkedAt = /签到时间 (\d\d:\d\d)/.exec((await secretary.locator('.site-visit__text').textContent())!)![1]
  // The booking starts within the half hour: this scan also confirms the arrival.
  if (startTime !== '00:00') await secretary.getByText(`已确认到场：幸福里社区党委 ${startTime}–${endTime} 的预约`).waitFor()
  await screenshot(secretary.page(), 'site-visit')

  // The same code again today: 已签到, with the time of the first scan.
  await secretary.page().goto(bed.local(url))
  await secretary.page().reload()
  await secretary.locator('.site-visit__title', { hasText: '已签到' }).waitFor()
  await secretary.getByText(`您今天 ${checkedAt} 已在这里签到，每天签到一次就好，不用再扫了。`).waitFor()

  // ---- the manager's calendar: the other community's booking at the service centre, declined with the reason ----
  const REASON = '当天服务中心承办街道党员大会，请改约其他日期'
  await bed.open(secretary.page(), '/secretary/pages/site-calendar/index?id=site-xingfuli-hub')
  const theirs = secretary.locator('.booking-item', { hasText: '和平社区党员冬训集中学习' })
  await theirs.locator('.booking-item__state', { hasText: '已确认' }).waitFor()
  expect(await theirs.textContent()).toContain('预约人：赵强 13800000003')
  await theirs.locator('.at-button', { hasText: '婉拒' }).click()
  await theirs.locator('.at-button', { hasText: '确认婉拒' }).click()
  await theirs.getByText('请填写婉拒的原因，预约人会看到').waitFor()
  await theirs.locator('textarea').fill(REASON)
  await theirs.locator('.at-button', { hasText: '确认婉拒' }).click()
  await theirs.locator('.booking-item__state', { hasText: '已婉拒' }).waitFor()
  await theirs.getByText(`婉拒原因：${REASON}`).waitFor()
  await screenshot(secretary.page(), 'site-calendar')
  const booker = await bed.person('demo-secretary-b')
  await booker.locator('.mine-sites .at-button', { hasText: '我的阵地预约' }).click()
  const declined = booker.locator('.booking-item', { hasText: '和平社区党员冬训集中学习' })
  await declined.locator('.booking-item__state', { hasText: '已婉拒' }).waitFor()
  await declined.getByText(`婉拒原因：${REASON}`).waitFor()

  // ---- the usage page shows the booking and the visit ----
  await bed.open(secretary.page(), '/secretary/pages/site-usage/index')
  await secretary.locator('.usage-row__name', { hasText: BOOKS }).waitFor()
  expect(await usageOf(secretary, BOOKS)).toEqual({ visits: before.visits + 1, bookings: before.bookings + 1 })

  // The district office's ranking: every site, ranked, the idle one flagged; the month exports to Excel.
  const admin = await bed.person('demo-admin')
  await admin.locator('.mine-sites .at-button', { hasText: '阵地使用情况' }).click()
  await admin.locator('.usage-row__name', { hasText: BOOKS }).waitFor()
  // The demo district's six and 南湖街道's three.
  expect(await admin.locator('.usage-row').count()).toBe(9)
  expect(await usageOf(admin, BOOKS)).toEqual({ visits: before.visits + 1, bookings: before.bookings + 1 })
  const idle = admin.locator('.usage-row', { hasText: '长青社区党建书屋' })
  await idle.locator('.usage-row__idle', { hasText: '闲置' }).waitFor()
  const ranks = await admin.locator('.usage-row__rank').allTextContents()
  expect(ranks).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
  await wholePage(admin, '.site-usage', 'site-usage') // the whole ranking, down to the idle sites

  const rows = await exportedSheet(admin.page(), 'site', 'exportUsage')
  await admin.getByText(/阵地使用情况。$/).waitFor()
  const booksRow = rows.find((r) => r[1] === BOOKS)!
  expect([Number(booksRow[4]), Number(booksRow[6])]).toEqual([before.visits + 1, before.bookings + 1])
  expect(rows.find((r) => r[1] === '长青社区党建书屋')![14]).toBe('是')
})

test('a member who scans the site code before signing in signs in and, allowing the location, is checked in without scanning again', async () => {
  const manager = await bed.person('demo-secretary')
  await bed.open(manager.page(), `/secretary/pages/site-code/index?id=${BOOKS_ID}`)
  const url = bed.local((await manager.locator('.site-code .class-code__qr').getAttribute('data-checkin-url'))!)

  const page = await bed.phone({ geolocation: NEAR_BOOKS })
  const screen = current(page)
  await page.goto(url)
  await screen.locator('.at-button', { hasText: '去登录' }).click()
  await bed.choose(page, 'demo-retired')
  // Back from signing in, the same code: the site asks where the phone is, and nothing has to be scanned again.
  await screen.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await screen.locator('.site-visit__title', { hasText: '签到成功' }).waitFor()
  await screen.locator('.site-visit__site', { hasText: BOOKS }).waitFor()
})

test('a member calls a site from its page: 拨打电话 hands its service number to the phone', async () => {
  // On a phone of its own and last: the tel: navigation Chromium is asked for never completes, and nothing should
  // navigate after it on the same page.
  const member = await bed.person('demo-member')
  await bed.open(member.page(), `/pages/site/detail?id=${BOOKS_ID}`)
  await member.locator('.site-detail__name', { hasText: BOOKS }).waitFor()
  expect(await dialled(member.page(), () => member.locator('.site-detail__actions .at-button', { hasText: '拨打电话' }).click()))
    .toBe('tel:02786661235')
})

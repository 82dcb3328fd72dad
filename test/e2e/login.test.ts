// 扫码登录 on two devices, in Chromium on the H5 build: the classroom PC opens a class's 签到码, is sent to sign in and
// shows a login code; demo-secretary's phone (the mini-program: WeChat vouches for the openid) opens the URL the QR
// code carries, sees which browser it would sign in and confirms; the PC is signed in within 2 s, stops polling and
// shows the class's 签到码. Then the PC's other outcomes (cancelled, expired → 刷新) and an H5 session that opens the
// code's URL, which is told to use the mini-program.
import type { Page } from 'playwright-core'
import { classInput } from '../classroom/support'
import { asWeChat, setClock } from '../helpers/api'
import { current, screenshot, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()
afterEach(() => setClock(bed.emu, null))

const LOGIN_URL = /\/#\/pages\/login\/confirm\?t=[A-Za-z0-9_-]{32}$/

/** The URL the login page's QR code carries, as a phone's camera reads it. */
async function shownCode(pc: Page): Promise<string> {
  const qr = current(pc).locator('.login__qr .class-code__qr')
  await qr.waitFor()
  const url = (await qr.getAttribute('data-checkin-url'))!
  expect(url).toMatch(LOGIN_URL)
  return url
}

/** A PC (a big screen, its own storage) on the login page. */
async function pcOnLogin(): Promise<Page> {
  const pc = await bed.phone({ viewport: { width: 1280, height: 720 } })
  await bed.open(pc, '/pages/login/index')
  return pc
}

test('the PC shows a login code, the secretary confirms on the phone, and the PC is signed in within 2 s and shows the 签到码', async () => {
  const start = new Date(Date.now() + 10 * 60_000)
  const created = await asWeChat(bed.emu, 'demo-secretary').call('classroom', 'create', classInput(start, { title: '扫码登录后打开签到码' }))
  expect(created.ok).toBe(true)

  // The classroom PC opens the class's 签到码 and, signed in as nobody, is sent to the login page.
  const pc = await bed.phone({ viewport: { width: 1280, height: 720 } })
  await bed.open(pc, `/secretary/pages/class-code/index?id=${created.data.id}`)
  const url = await shownCode(pc)
  await current(pc).getByText('请用先锋驿站小程序扫码').waitFor()
  expect(await current(pc).locator('.login__qr img').getAttribute('alt')).toBe('登录二维码')
  await screenshot(pc, 'login-code')

  // The secretary's phone opens the URL the QR code carries: which browser, and two big choices.
  const phone = await bed.miniProgram('demo-secretary')
  await phone.goto(bed.local(url))
  const ask = current(phone)
  await ask.getByText('在电脑上登录先锋驿站？').waitFor()
  await ask.locator('.login-confirm__device', { hasText: /^Linux 电脑 · Chrome$/ }).waitFor()
  await current(pc).getByText('已扫码，请在手机上确认').waitFor()
  await screenshot(phone, 'login-confirm')

  const polls: string[] = []
  pc.on('request', (req) => {
    if (req.url().endsWith('/api/user') && req.postDataJSON()?.action === 'loginCodeStatus') polls.push(req.url())
  })
  await ask.locator('.at-button', { hasText: '确认登录' }).click()
  const confirmedAt = Date.now()
  await ask.getByText('已在电脑上登录').waitFor()

  // Within 2 s the PC has its session and is back on the page that sent it to sign in.
  await current(pc).locator('.class-code').waitFor({ timeout: 2000 })
  expect(Date.now() - confirmedAt).toBeLessThan(2000)
  const signCode = current(pc).locator('.class-code__qr')
  await signCode.waitFor()
  expect(await signCode.getAttribute('data-checkin-url')).toMatch(/\/#\/pages\/checkin\/index\?t=/)
  await current(pc).locator('.class-code__title', { hasText: '扫码登录后打开签到码' }).waitFor()

  // The login page stopped polling when it was left: nothing more is asked about its code.
  const seen = polls.length
  await pc.waitForTimeout(2500)
  expect(polls.length).toBe(seen)
})

test('cancelled on the phone, the PC says so and 刷新 shows a new code; an expired code offers 刷新 too', async () => {
  const pc = await pcOnLogin()
  const url = await shownCode(pc)
  const phone = await bed.miniProgram('demo-secretary', {})
  await phone.goto(bed.local(url))
  await current(phone).locator('.at-button', { hasText: '取消' }).click()
  await current(phone).getByText('已取消登录').waitFor()

  await current(pc).getByText('已在手机上取消登录').waitFor()
  expect(await current(pc).locator('.login__qr').count()).toBe(0)
  await current(pc).locator('.at-button', { hasText: '刷新' }).click()
  const fresh = await shownCode(pc)
  expect(fresh).not.toBe(url)

  // Past its 2 minutes (the functions' clock moved), the code reads as expired, and the phone is told so too.
  await setClock(bed.emu, new Date(Date.now() + 2 * 60_000 + 5000))
  await current(pc).getByText('二维码已过期').waitFor()
  await current(pc).locator('.at-button', { hasText: '刷新' }).waitFor()
  const late = await bed.miniProgram('demo-member')
  await late.goto(bed.local(fresh))
  await current(late).locator('.login-confirm__title', { hasText: '登录二维码已过期' }).waitFor()
})

test('a browser signed in with an H5 session that opens the code\'s URL is told to confirm in the mini-program', async () => {
  const pc = await pcOnLogin()
  const url = await shownCode(pc)
  const h5 = await bed.person('demo-secretary')
  await h5.page().goto(bed.local(url))
  await h5.locator('.login-confirm__title', { hasText: '请在小程序里确认' }).waitFor()
  await h5.getByText(/在先锋驿站小程序里确认登录/).waitFor()
  // The PC is still waiting for a phone.
  await current(pc).getByText('请用先锋驿站小程序扫码').waitFor()
})

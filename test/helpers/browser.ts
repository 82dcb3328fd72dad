// Debian's Chromium driven by playwright-core (a browser download is impossible here). Tests close what they open.
// Taro H5 keeps earlier pages of the stack in the DOM: tests look at the page on top only (current).
import ExcelJS from 'exceljs'
import fs from 'fs'
import path from 'path'
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core'
import { RunningEmulator, startEmulator } from './emulator'

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ROOT = path.resolve(__dirname, '..', '..')

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(ROOT, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ is missing: run `npm run build:h5`')
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  })
}

/** A phone-sized page with its own storage (one person's browser). */
export async function phone(
  browser: Browser,
  opts: { geolocation?: { latitude: number; longitude: number }; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return { context, page }
}

/** Where screenshots for the README go. */
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots')

/**
 * Writes a README screenshot once its photos have loaded — only when SCREENSHOTS=1
 * (`npm run screenshots`), so an ordinary test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete))
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}

/**
 * The page on top of the H5 page stack, the one a person sees. Taro keeps the pages below it in the DOM (hidden with
 * `taro_page_shade`, display: none) and a page coming in is appended with `taro_page_show`: the last shown, displayed
 * page is the current one (the app has no page-slide on H5, so no page is half-way). A locator
 * resolves again at every use, so one `current(page)` follows the person from page to page.
 */
export function current(page: Page): Locator {
  return page.locator('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)').filter({ visible: true }).last()
}

/**
 * Clicks 导出Excel on the current page and reads back the workbook the back end links to (the browser would download
 * it): the rows of its first sheet, each cell as text.
 */
export async function exportedSheet(page: Page, fn: string, action: string): Promise<string[][]> {
  const exported = page.waitForResponse(async (res) =>
    res.url().endsWith(`/api/${fn}`) && (res.request().postDataJSON() as { action?: string })?.action === action)
  await current(page).locator('.at-button', { hasText: '导出Excel' }).click()
  const answer = await (await exported).json()
  expect(answer.ok).toBe(true)
  const file = await fetch(answer.data.url)
  expect(file.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer)
  const rows: string[][] = []
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return rows
}

type PhoneOptions = Parameters<typeof phone>[1]

/**
 * One seeded emulator and one Chromium for a browser test file, each person on a phone of their own; everything is
 * closed after the file's tests.
 */
export function useBrowserBed() {
  const contexts: BrowserContext[] = []
  const bed = {
    emu: undefined as unknown as RunningEmulator,
    browser: undefined as unknown as Browser,
    /** A phone with its own storage, signed in as nobody. */
    async phone(opts: PhoneOptions = {}): Promise<Page> {
      const { context, page } = await phone(bed.browser, opts)
      contexts.push(context)
      return page
    },
    /**
     * A phone running the app as the mini-program does for `openid`: its calls reach the functions with WeChat
     * vouching for the openid (the emulator's client test route, what wx.cloud.callFunction is on CloudBase), never
     * with an H5 session. The pages are the H5 build's, the identity the mini-program's.
     */
    async miniProgram(openid: string, opts: PhoneOptions = {}): Promise<Page> {
      const page = await bed.phone(opts)
      await page.route(`${bed.emu.url}/api/*`, async (route) => {
        const fn = new URL(route.request().url()).pathname.split('/').pop()!
        const res = await fetch(`${bed.emu.url}/__emulator/client/${fn}`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid, data: route.request().postDataJSON() }),
        })
        await route.fulfill({ status: 200, contentType: 'application/json', body: await res.text() })
      })
      return page
    },
    /** Signs in on the H5 demo sign-in screen, as a person does, and waits for 我的. */
    async signIn(page: Page, openid: string) {
      await bed.open(page, '/pages/login/index')
      await bed.choose(page, openid)
      await current(page).locator('.mine-profile').waitFor()
    },
    /** On the demo sign-in screen (opened by the test or by the app), signs in as `openid`. */
    async choose(page: Page, openid: string) {
      await current(page).locator('.login__person', { has: page.getByText(openid, { exact: true }) }).locator('.at-button').click()
    },
    /** A phone signed in as `openid`: what it shows now and from then on (its page, for navigation: `.page()`). */
    async person(openid: string, opts: PhoneOptions = {}): Promise<Locator> {
      const page = await bed.phone(opts)
      await bed.signIn(page, openid)
      return current(page)
    },
    /** Opens a route of the app (`/pages/site/index?…`) as a link would. */
    async open(page: Page, route: string) {
      await page.goto(`${bed.emu.url}/#${route}`)
    },
    /** A link the app wrote for its public address (a QR code's URL), pointed at this emulator instead. */
    local(url: string): string {
      return `${bed.emu.url}${url.slice(url.indexOf('/#/'))}`
    },
    /** Turns 长辈模式 on or off from 我的, as a person does, and waits for the page to switch. */
    async careMode(page: Page, on: boolean) {
      await bed.open(page, '/pages/mine/index')
      const mine = current(page)
      const toggle = mine.locator('.at-switch', { hasText: '长辈模式' }).locator('input.weui-switch')
      if (await toggle.isChecked() !== on) await toggle.click()
      await mine.locator(on ? '.ps-shell--care' : '.ps-shell:not(.ps-shell--care)').waitFor()
    },
  }
  beforeAll(async () => {
    bed.emu = await startEmulator()
    bed.browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await bed.browser?.close()
    await bed.emu?.stop()
  })
  return bed
}

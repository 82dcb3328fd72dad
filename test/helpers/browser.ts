// Debian's Chromium driven by playwright-core (a browser download is impossible here). Tests close what they open.
import fs from 'fs'
import path from 'path'
import { Browser, BrowserContext, chromium, Page } from 'playwright-core'
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
export async function phone(browser: Browser, opts: { geolocation?: { latitude: number; longitude: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
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
 * Writes a README screenshot once the page has slid in and its photos have loaded — only when SCREENSHOTS=1
 * (`npm run screenshots`), so an ordinary test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return
  await page.waitForTimeout(800) // the page-slide animation
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete))
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}

/** Turns 长辈模式 on or off from 我的, as a person does, and waits for the pages to switch. */
export async function careMode(page: Page, baseUrl: string, on: boolean) {
  await page.goto(`${baseUrl}/#/pages/mine/index`)
  const toggle = page.locator('.at-switch', { hasText: '长辈模式' }).locator('input.weui-switch')
  if (await toggle.isChecked() !== on) await toggle.click()
  await page.locator(on ? '.ps-shell--care' : '.ps-shell:not(.ps-shell--care)').first().waitFor()
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
    /** Signs in on the H5 demo sign-in screen, as a person does, and waits for 我的. */
    async signIn(page: Page, openid: string) {
      await page.goto(`${bed.emu.url}/#/pages/login/index`)
      await page.locator('.login__person', { has: page.getByText(openid, { exact: true }) }).locator('.at-button').click()
      await page.locator('.mine-profile').waitFor()
    },
    /** A phone signed in as `openid`. */
    async person(openid: string, opts: PhoneOptions = {}): Promise<Page> {
      const page = await bed.phone(opts)
      await bed.signIn(page, openid)
      return page
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

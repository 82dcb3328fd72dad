// Debian's Chromium driven by playwright-core (a browser download is impossible here). Tests close what they open.
import fs from 'fs'
import path from 'path'
import { Browser, BrowserContext, chromium, Page } from 'playwright-core'

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

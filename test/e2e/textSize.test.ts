// The browser's own larger text (issue 13): a person who doubles Chromium's default font size (设置 › 外观 › 字号,
// here CDP's Page.setFontSizes, the same preference) gets larger text on each main page, and nothing is cut off at
// the right. Browser zoom (the other way a person enlarges a page) is audited page by page in a11y.test.ts.
import type { Page } from 'playwright-core'
import { ROUTES } from '../../src/routes'
import type { PageName } from '../../src/pageTable'
import { useBrowserBed } from '../helpers/browser'
import { overflowFindings, settled } from './a11y'

const bed = useBrowserBed()
jest.setTimeout(120_000)

/** The pages a member lives on: the four tabs, writing a story, a story and a site. */
const MAIN: Array<{ name: PageName; query?: string }> = [
  { name: 'story' }, { name: 'classroom' }, { name: 'site' }, { name: 'mine' }, { name: 'storyWrite' },
  { name: 'storyDetail', query: 'id=story-seed-barber' }, { name: 'siteDetail', query: 'id=site-xingfuli-books' },
]

/** Chromium's default sizes (its settings page: 16 px, fixed-width 13 px), and doubled. */
const DEFAULT = { standard: 16, fixed: 13 }
const DOUBLED = { standard: 32, fixed: 26 }

/** The median font size of the visible text on the page shown (its own words, not its children's). */
async function bodyTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)'))
      .filter((el) => el.getClientRects().length)
    const top = pages[pages.length - 1]
    const sizes = Array.from(top.querySelectorAll('*'))
      .filter((el) => el.getClientRects().length && Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
      .map((el) => parseFloat(getComputedStyle(el).fontSize))
      .sort((a, b) => a - b)
    return sizes[Math.floor(sizes.length / 2)]
  })
}

let page: Page
beforeAll(async () => {
  page = await bed.phone()
  await bed.signIn(page, 'demo-retired')
})

test.each(MAIN)('$name: doubling the browser\'s font size makes its text larger, and nothing is cut off', async ({ name, query }) => {
  const cdp = await page.context().newCDPSession(page)
  try {
    const route = `${ROUTES[name]}${query ? `?${query}` : ''}`
    const look = async (fontSizes: typeof DEFAULT) => {
      await cdp.send('Page.setFontSizes', { fontSizes })
      await bed.open(page, route)
      await page.reload()
      await settled(page, ROUTES[name])
      return { px: await bodyTextPx(page), cutOff: await overflowFindings(page) }
    }
    const normal = await look(DEFAULT)
    const doubled = await look(DOUBLED)
    expect({ cutOff: doubled.cutOff, grew: doubled.px / normal.px >= 1.5 }).toEqual({ cutOff: [], grew: true })
  } finally {
    await cdp.send('Page.setFontSizes', { fontSizes: DEFAULT }).catch(() => {})
    await cdp.detach()
  }
})

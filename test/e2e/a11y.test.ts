// Every page of the page table, in Chromium on the H5 build (390 × 844), normal and 长辈模式, as the person it is for
// (member pages as demo-retired, secretary pages as demo-secretary): axe-core finds nothing serious or critical,
// text is ≥ 18 px in 长辈模式, and every target is ≥ 44 px (≥ 48 px in 长辈模式). Then 长辈模式 again at the browser's
// 200 % zoom (the same phone, half as many CSS px across): the same minimums, and nothing cut off at the right.
// A new page in src/pageTable.ts is audited without touching this file; pages that show one thing take its seeded id
// from QUERY, or from MADE when the thing is made by a person rather than seeded.
import type { Page } from 'playwright-core'
import { PAGES, type PageName } from '../../src/pageTable'
import { ROUTES } from '../../src/routes'
import { asWeChat } from '../helpers/api'
import { screenshot, useBrowserBed } from '../helpers/browser'
import { axeFindings, overflowFindings, settled, sizeFindings } from './a11y'

const bed = useBrowserBed()

/** The seeded thing a page shows (local/seed): a story, a class going on now, the 幸福里 book room and its books. */
const QUERY: Partial<Record<PageName, string>> = {
  storyDetail: 'id=story-seed-barber',
  classEdit: 'id=demoNowA',
  classCode: 'id=demoNowA',
  classAttendance: 'id=demoNowA',
  siteDetail: 'id=site-xingfuli-books',
  siteBook: 'siteId=site-xingfuli-books',
  siteCalendar: 'id=site-xingfuli-books',
  siteCode: 'id=site-xingfuli-books',
  studio: 'siteId=site-donghu-studio',
  studioWrite: 'siteId=site-donghu-studio',
  studioCase: 'id=case-demo-closed',
  studioRep: 'id=rep-zhou',
  studioFigures: 'siteId=site-donghu-studio',
  studioReps: 'siteId=site-donghu-studio',
  library: 'siteId=site-xingfuli-books',
  libraryBook: 'id=site-xingfuli-books_9787020000012',
  // demo-retired holds this copy in the demo district: the page offers 归还 and 续借.
  libraryBorrow: 't=site-xingfuli-books_9787020000029-1',
  libraryAdd: 'siteId=site-xingfuli-books',
  libraryLabels: 'id=site-xingfuli-books_9787020000012',
  libraryOverdue: 'siteId=site-xingfuli-books',
  libraryFigures: 'siteId=site-xingfuli-books',
}

/** The quarter now in Shanghai (2026-Q4). */
const thisQuarter = () => {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-')
  return `${year}-Q${Math.ceil(Number(month) / 3)}`
}

/** Pages about something no seed holds: made once by the person auditing, through the function, and its query. */
const MADE: Partial<Record<PageName, (openid: string) => Promise<string>>> = {
  // this quarter's 通报 for the secretary's community
  workbenchReport: async (openid) => {
    const built = await asWeChat(bed.emu, openid).call('workbench', 'buildReport', { quarter: thisQuarter() })
    expect(built.ok).toBe(true)
    return `id=${(built.data as { report: { id: string } }).report.id}`
  },
}
const made = new Map<PageName, string>()

/** The README's 适老化 pictures: these pages in 长辈模式 at 200 % (`npm run screenshots`). */
const SCREENSHOT_PAGES: PageName[] = ['story', 'storyWrite']

const PHONE = { width: 390, height: 844 }
const MODES = [
  { name: '普通', care: false, zoom: 1, minText: 0, minTarget: 44 },
  { name: '长辈模式', care: true, zoom: 1, minText: 18, minTarget: 48 },
  { name: '长辈模式 200%', care: true, zoom: 2, minText: 18, minTarget: 48 },
] as const

const names = Object.keys(PAGES) as PageName[]
const PEOPLE = [
  { openid: 'demo-retired', pages: names.filter((name) => !('subpackage' in PAGES[name])) },
  { openid: 'demo-secretary', pages: names.filter((name) => 'subpackage' in PAGES[name]) },
]

let page: Page
beforeAll(async () => {
  page = await bed.phone()
})

describe.each(PEOPLE)('as $openid', ({ openid, pages }) => {
  beforeAll(async () => {
    await bed.signIn(page, openid)
  })

  describe.each(MODES)('$name', (mode) => {
    beforeAll(async () => {
      await bed.careMode(page, mode.care)
      // Browser zoom: the CSS viewport shrinks by the zoom factor.
      await page.setViewportSize({ width: Math.round(PHONE.width / mode.zoom), height: Math.round(PHONE.height / mode.zoom) })
    })
    afterAll(async () => {
      await page.setViewportSize(PHONE)
    })

    test.each(pages)('%s', async (name) => {
      const make = MADE[name]
      if (make && !made.has(name)) made.set(name, await make(openid))
      const query = QUERY[name] ?? made.get(name)
      await bed.open(page, `${ROUTES[name]}${query ? `?${query}` : ''}`)
      await settled(page, ROUTES[name])
      const findings = {
        axe: await axeFindings(page),
        sizes: await sizeFindings(page, mode),
        cutOff: mode.zoom > 1 ? await overflowFindings(page) : [],
      }
      expect(findings).toEqual({ axe: [], sizes: [], cutOff: [] })
      if (mode.zoom > 1 && SCREENSHOT_PAGES.includes(name)) await screenshot(page, `care-zoom-${name}`)
    })
  })
})

// What the accessibility tests measure on the page a person sees (the current page of the H5 stack and the tab bar):
// axe-core's serious and critical findings, text too small to read, and targets too small to tap. Shared by the
// page-by-page audit (a11y.test.ts) and the keyboard journeys.
import type { Page } from 'playwright-core'

const AXE_SOURCE = require.resolve('axe-core')

/** What a person sees: the page on top of the stack, and the tab bar when it shows (as in helpers/browser.ts). */
const SEEN = '.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)'

/**
 * Waits until the page on top is `route` (a path; Taro names each page element by its path) and has stopped loading:
 * no 正在加载… and its markup unchanged over two looks.
 */
export async function settled(page: Page, route: string) {
  await page.evaluate(() => { delete (window as unknown as { lastLook?: string }).lastLook })
  await page.waitForFunction(({ seen, path }) => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>(seen)).filter((el) => el.getClientRects().length)
    const top = pages[pages.length - 1]
    if (!top || !top.id.startsWith(path) || top.innerText.includes('正在加载') || top.innerText.trim() === '') return false
    const w = window as unknown as { lastLook?: string }
    const look = top.innerHTML
    const same = w.lastLook === look
    w.lastLook = look
    return same
  }, { seen: SEEN, path: route.split('?')[0] }, { polling: 300, timeout: 20000 })
}

export interface AxeFinding { rule: string; impact: string; help: string; targets: string[] }

/** axe-core on the whole document (hidden pages of the stack are skipped by axe itself): serious and critical only. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return (result.violations as any[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => `${n.target.join(' ')} «${(n.html as string).slice(0, 120)}»`) }))
  })
}

export interface SizeFinding { what: string; text: string; size: string }

/**
 * Visible text smaller than `minText` CSS px (0: not checked) and interactive elements (native controls, ARIA widget
 * roles, anything focusable) narrower or lower than `minTarget` CSS px, on the page on top and the tab bar.
 */
export async function sizeFindings(page: Page, { minText, minTarget }: { minText: number; minTarget: number }): Promise<SizeFinding[]> {
  return page.evaluate(({ seen, minText, minTarget }) => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>(seen)).filter((el) => el.getClientRects().length)
    // The tab bar is part of the page (PageShell renders it under a tab page).
    const roots = [pages[pages.length - 1]].filter((el): el is HTMLElement => Boolean(el && el.getClientRects().length))
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      const style = getComputedStyle(el)
      return style.visibility !== 'hidden' && !el.closest('[aria-hidden="true"]')
    }
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`
    const found: Array<{ what: string; text: string; size: string }> = []
    const targets = 'button, a[href], input:not([type=hidden]), textarea, select, [tabindex]:not([tabindex="-1"]), '
      + '[role=button], [role=link], [role=radio], [role=checkbox], [role=switch], [role=tab], [role=option], [role=slider]'
    for (const root of roots) {
      if (minText) {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const ownText = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim()
          const isField = el.matches('input:not([type=checkbox]):not([type=radio]), textarea')
          if ((!ownText && !isField) || !shown(el)) continue
          const px = parseFloat(getComputedStyle(el).fontSize)
          if (px < minText - 0.05) found.push({ what: `text ${describe(el)}`, text: (ownText || (el as HTMLInputElement).placeholder || '').slice(0, 30), size: `${px.toFixed(1)} px` })
        }
      }
      for (const el of Array.from(root.querySelectorAll(targets))) {
        if (!shown(el)) continue
        const r = el.getBoundingClientRect()
        if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5) {
          found.push({ what: `target ${describe(el)}`, text: ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30), size: `${r.width.toFixed(0)} × ${r.height.toFixed(0)} px` })
        }
      }
    }
    return found
  }, { seen: SEEN, minText, minTarget })
}

/**
 * What sticks out of the page on the right, where it is cut off (the page clips sideways): the deepest visible
 * elements whose right edge passes the viewport's, at most five.
 */
export async function overflowFindings(page: Page): Promise<string[]> {
  return page.evaluate(({ seen }) => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>(seen)).filter((el) => el.getClientRects().length)
    const top = pages[pages.length - 1]
    const width = document.documentElement.clientWidth
    const out: string[] = []
    for (const el of Array.from(top.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.right <= width + 1) continue
      // Inside a box that scrolls or clips sideways on purpose (a wide table): that box is what counts.
      if (Array.from(el.children).some((child) => child.getBoundingClientRect().right > width + 1)) continue
      out.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} «${el.innerText?.slice(0, 20) ?? ''}» right ${r.right.toFixed(0)} > ${width}`)
      if (out.length === 5) break
    }
    return out
  }, { seen: SEEN })
}

// In Chromium, on the H5 build served by the emulator, the 党建工作台 as the district office uses it: demo-admin
// opens it from 我的, switches to the quarter, sets a target (classes per organisation per quarter) for it, comes back
// to the district's workbench, drills down 区 → 东湖街道 → 幸福里社区 and finds that community behind the target,
// opens the classes behind its figure, then builds the quarter's 通报: the .xlsx it downloads is read back and its
// district total equals the figure on the workbench, and the printable page shows the same marks. Screenshots of
// the workbench in normal and 长辈模式 go to docs/screenshots/ (SCREENSHOTS=1).
import ExcelJS from 'exceljs'
import type { Locator } from 'playwright-core'
import { current, screenshot, useBrowserBed } from '../helpers/browser'
import { expectChartsPainted } from '../helpers/chartPixels'

const bed = useBrowserBed()

/** A workbench action's next answer on this phone. */
const answerOf = (screen: Locator, action: string) => screen.page().waitForResponse((res) =>
  res.url().endsWith('/api/workbench') && (res.request().postDataJSON() as { action?: string })?.action === action)

/** The whole page at phone width (the app scrolls inside its page element). */
async function wholePage(screen: Locator, name: string) {
  const page = screen.page()
  const height = await screen.locator('.ps-shell').evaluate((el) => el.scrollHeight)
  const before = page.viewportSize()!
  await page.setViewportSize({ width: before.width, height: Math.ceil(height) })
  // Every chart painted at this size (the canvas redraws when its width changes).
  await expectChartsPainted(screen)
  await screenshot(page, name)
  await page.setViewportSize(before)
}

/** The classes held that the workbench shows for its organisation (大课堂 › 开课: 「3 次」). */
async function classesShown(screen: Locator): Promise<number> {
  const value = await screen.locator('.workbench-area--classroom .workbench-figure').first().locator('.workbench-figure__value').textContent()
  return Number(/^(\d+) 次$/.exec(value!)![1])
}

test('the admin sets a target, finds a community behind it, drills to its classes and downloads the 通报', async () => {
  const admin = await bed.person('demo-admin')
  const page = admin.page()

  // ---- the district's workbench, by quarter ----
  await admin.locator('.mine-workbench .at-button', { hasText: '党建工作台' }).click()
  await admin.locator('.workbench__org', { hasText: '先锋区委' }).waitFor()
  const quarterly = answerOf(admin, 'overview')
  await admin.locator('.ps-chip', { hasText: '按季度' }).click()
  const quarter = (await (await quarterly).json()).data.period as { key: string; label: string }
  await admin.locator('.workbench__period', { hasText: quarter.label }).waitFor()
  await admin.getByText('本期还没有设定目标。').waitFor()
  // the district's charts: four trends, its children ranked and covered, each non-zero row a painted bar
  await admin.locator('.ps-chart__title', { hasText: '下级组织综合排名' }).waitFor()
  const districtCharts = await expectChartsPainted(admin)
  expect(districtCharts.map((c) => c.title)).toEqual(['每月开课次数', '每月出勤率', '每月故事投稿', '每月阵地到访', '下级组织综合排名', '下级组织开课覆盖率'])
  expect(districtCharts.find((c) => c.title === '下级组织综合排名')!.bars).toBeGreaterThanOrEqual(1)
  // the README's picture: the whole district, where the demo year of history (南湖街道) fills the trends
  await wholePage(admin, 'workbench')
  // a narrower phone (or a zoom): every chart repaints at the new width on the same canvas
  const phoneSize = page.viewportSize()!
  await page.setViewportSize({ width: 320, height: phoneSize.height })
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.taro_page_show .ps-chart canvas')).every((c) => Math.abs((c as HTMLCanvasElement).width - 2 * c.parentElement!.getBoundingClientRect().width) < 1))
  await expectChartsPainted(admin)
  await page.setViewportSize(phoneSize)

  // ---- the target: three classes per organisation this quarter ----
  await admin.locator('.at-button', { hasText: '设定目标' }).click()
  const form = current(page)
  await form.locator('.ps-card__title', { hasText: `${quarter.label}的目标` }).waitFor()
  await form.locator('input[name="minClassesPerQuarter"]').fill('500')
  await form.locator('.at-button', { hasText: '保存目标' }).click()
  await form.getByText('有几处需要修改，请看下面的红字。').waitFor()
  await form.getByText('每季度最少开课次数最多为 100').waitFor()
  await form.locator('input[name="minClassesPerQuarter"]').fill('3')
  await form.locator('input[name="reason"]').fill('区委党建办第四季度工作要点')
  await form.locator('.at-button', { hasText: '保存目标' }).click()
  await form.getByText(`${quarter.label}的目标已保存`).waitFor()
  await form.locator('.targets__row', { hasText: '每个组织每季度至少开课 3 次' }).waitFor()
  await page.goBack()

  // ---- back on the district: marked against it (read again, its charts drawn again); down to the street and to the community ----
  await admin.getByText('按区委党建办设定的本期目标标注达标情况。').waitFor()
  await expectChartsPainted(admin)
  const districtClasses = await classesShown(admin)
  await admin.locator('.workbench-child', { hasText: '东湖街道党工委' }).click()
  await admin.locator('.workbench__org', { hasText: '东湖街道党工委' }).waitFor()
  await admin.locator('.workbench__period', { hasText: quarter.label }).waitFor()
  const community = admin.locator('.workbench-child', { hasText: '幸福里社区党委' })
  await community.locator('.wb-mark', { hasText: '未达标' }).waitFor()
  await admin.locator('.ps-chart__title', { hasText: '下级组织综合排名' }).waitFor()
  // several distinct bars: its two communities with classes (the 两新 organisation has none yet)
  expect((await expectChartsPainted(admin)).find((c) => c.title === '下级组织综合排名')!.bars).toBeGreaterThanOrEqual(2)
  await community.click()
  await admin.locator('.workbench__org', { hasText: '幸福里社区党委' }).waitFor()
  await admin.locator('.workbench__title-row .wb-mark', { hasText: '未达标' }).waitFor()
  const communityClasses = await classesShown(admin)
  expect(communityClasses).toBeGreaterThan(0)
  await admin.locator('.workbench-child', { hasText: '幸福里社区第一党支部' }).waitFor()
  await admin.locator('.ps-chart__title', { hasText: '每月开课次数' }).waitFor()

  // the chart's numbers as a table: twelve months, the same months the function counted
  const table = admin.locator('.ps-chart', { hasText: '每月开课次数' })
  await table.locator('.ps-chart__toggle').click()
  expect(await table.locator('[role="row"]').count()).toBe(13)
  expect(await table.locator('canvas').getAttribute('aria-hidden')).toBe('true')

  // ---- the classes behind its figure ----
  await admin.locator('.workbench-area--classroom .workbench__link', { hasText: '查看课程' }).click()
  await admin.locator('.drill__title', { hasText: `幸福里社区党委 · ${quarter.label}` }).waitFor()
  await admin.locator('.drill-item').first().waitFor()
  const held = await admin.locator('.drill-item', { hasText: '已结束' }).count()
  expect(held).toBe(communityClasses)

  // ---- 长辈模式: the same workbench, larger ----
  await bed.careMode(page, true)
  await bed.open(page, `/secretary/pages/workbench/index?orgId=org-community-a&period=${quarter.key}`)
  await admin.locator('.ps-shell--care .workbench__org', { hasText: '幸福里社区党委' }).waitFor()
  await admin.locator('.ps-chart__title', { hasText: '每月开课次数' }).waitFor()
  // larger labels need a taller picture: 280 px for a trend instead of 220 (at a device pixel ratio of 2)
  expect((await expectChartsPainted(admin)).find((c) => c.title === '每月开课次数')!.height).toBe(560)
  await bed.open(page, `/secretary/pages/workbench/index?orgId=org-district&period=${quarter.key}`)
  await admin.locator('.ps-shell--care .workbench__org', { hasText: '先锋区委' }).waitFor()
  await admin.locator('.ps-chart__title', { hasText: '下级组织综合排名' }).waitFor()
  await wholePage(admin, 'workbench-care')
  await bed.careMode(page, false)

  // ---- the quarter's 通报: built, downloaded, read back ----
  await bed.open(page, '/secretary/pages/workbench-reports/index')
  const reports = current(page)
  await reports.locator('.ps-chip', { hasText: quarter.label }).click()
  const built = answerOf(reports, 'buildReport')
  await reports.locator('.at-button', { hasText: '生成并下载通报' }).click()
  const answer = await (await built).json()
  expect(answer.ok).toBe(true)
  await reports.getByText(`已生成${quarter.label}通报并下载。`).waitFor()
  const file = await fetch(answer.data.url)
  expect(file.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer)
  expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['大课堂', '微故事', '阵地', '排名', '预警']))
  const rows: string[][] = []
  book.getWorksheet('大课堂')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  const header = rows.findIndex((r) => r[0] === '党组织')
  const district = rows.find((r, i) => i > header && r[0] === '先锋区委')!
  expect(Number(district[rows[header].indexOf('开课次数')])).toBe(districtClasses)
  const streetRow = rows.find((r, i) => i > header && r[0] === '东湖街道党工委')!
  expect(streetRow[rows[header].indexOf('目标')]).toContain('未达标')

  // ---- the printable page: the same figures and marks ----
  await reports.locator('.reports-item', { hasText: quarter.label }).locator('.at-button', { hasText: '打印版' }).click()
  const printable = current(page)
  await printable.locator('.report__title', { hasText: `先锋区委${quarter.label}党建工作通报` }).waitFor()
  await printable.locator('.at-button', { hasText: '打印或另存为 PDF' }).waitFor()
  const totals = await printable.locator('.report__section').first().locator('.report-org--total').textContent()
  expect(totals).toContain(`开课 ${districtClasses} 次`)
  await printable.locator('.report-org', { hasText: '东湖街道党工委' }).first().getByText(/未达标/).waitFor()
  await page.emulateMedia({ media: 'print' })
  expect(await printable.locator('.report__tools').isVisible()).toBe(false)
  expect(await printable.locator('.report__paper').isVisible()).toBe(true)
  await page.emulateMedia({ media: 'screen' })
})

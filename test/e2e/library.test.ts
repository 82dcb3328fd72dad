// In Chromium, on the H5 build served by the emulator, a book from its label to a reflection: demo-secretary prints
// the labels of 《红岩》 at 幸福里党建书屋; demo-retired opens one copy's label URL (as a phone camera would), sees the
// book and its due date and borrows it; the same label then offers 归还 (and 续借), and after returning 写读书心得
// opens the story form with a draft that names the book, kept on the phone and submitted as a story.
// Screenshots of the labels, the borrow page (长辈模式) and the reflection's draft go to docs/screenshots/.
import { current, screenshot, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()

const HONGYAN = 'site-xingfuli-books_9787020000012'

test('a retired member borrows a book by its label, returns it and writes a reflection that names the book', async () => {
  // ---- the secretary's labels: one QR code per copy, each the borrow page's URL ----
  const secretary = await bed.person('demo-secretary')
  await bed.open(secretary.page(), `/secretary/pages/library-labels/index?id=${HONGYAN}`)
  await secretary.locator('.library-labels__label').first().waitFor()
  expect(await secretary.locator('.library-labels__meta', { hasText: '第 ' }).allTextContents())
    .toEqual(['幸福里党建书屋 · A-1 · 第 1 册', '幸福里党建书屋 · A-1 · 第 2 册', '幸福里党建书屋 · A-1 · 第 3 册'])
  await screenshot(secretary.page(), 'library-labels')
  const urls = await secretary.locator('.class-code__qr').evaluateAll((els) => els.map((el) => el.getAttribute('data-checkin-url')!))
  // Copy 1 is on loan to demo-member (overdue, in the demo district); copy 2 is on the shelf.
  const label = bed.local(urls[1])

  // ---- demo-retired scans copy 2: the book, on the shelf, due in 30 days; 借阅 ----
  const reader = await bed.person('demo-retired')
  await bed.careMode(reader.page(), true)
  await reader.page().goto(label)
  const page = current(reader.page())
  await page.locator('.library-borrow__title', { hasText: '《红岩》' }).waitFor()
  await page.locator('.library-borrow__state', { hasText: '在架' }).waitFor()
  const due = (await page.locator('.library-borrow__due').textContent())!
  expect(due).toMatch(/^借阅 30 天，请在 \d+月\d+日 周. 前归还$/)
  await screenshot(reader.page(), 'library-borrow-care')
  await page.locator('.at-button', { hasText: '借阅' }).click()
  await page.getByText('借阅成功').waitFor()
  expect(await page.locator('.library-borrow__due').textContent()).toBe(due.replace(/^借阅 30 天，/, ''))

  // ---- the same label again: it is theirs; 归还 ----
  await reader.page().goto(label)
  await current(reader.page()).locator('.library-borrow__due', { hasText: '在您手上' }).waitFor()
  await current(reader.page()).locator('.at-button', { hasText: '续借 30 天' }).waitFor()
  await current(reader.page()).locator('.at-button', { hasText: '归还' }).first().click()
  await current(reader.page()).getByText('归还成功').waitFor()

  // ---- 写读书心得: a draft naming the book, kept on the phone, submitted ----
  await current(reader.page()).locator('.at-button', { hasText: '写读书心得' }).click()
  const form = current(reader.page())
  await form.getByText('读书心得 · 《红岩》').waitFor()
  const title = form.locator('input[placeholder="一句话说出故事的亮点"]')
  expect(await title.inputValue()).toBe('读《红岩》有感')
  await form.locator('.story-form textarea').fill('重读《红岩》，江姐在狱中绣红旗的那一段，让我想起入党时的誓言。')
  await reader.page().reload()
  const again = current(reader.page())
  await again.getByText('读书心得 · 《红岩》').waitFor()
  expect(await again.locator('.story-form textarea').inputValue()).toMatch(/^重读《红岩》/)
  await again.locator('.ps-chip', { hasText: '离退休老党员' }).click()
  await again.locator('.ps-chip', { hasText: '写我自己' }).click()
  await screenshot(reader.page(), 'library-reflection-care')
  await again.locator('.at-button', { hasText: '提交审核' }).click()
  await current(reader.page()).locator('.my-story', { hasText: '读《红岩》有感' }).getByText('待审核').waitFor()

  // ---- 我的借阅: the book among those returned ----
  await bed.open(reader.page(), '/pages/library/mine')
  await current(reader.page()).locator('.library-mine__loan', { hasText: '《红岩》' }).getByText(/已归还/).waitFor()
})

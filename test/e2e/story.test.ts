// In Chromium, on the H5 build served by the emulator, the whole life of a story: demo-retired writes one with a
// photo (closing and reopening the page keeps the draft) and submits it; the other community's secretary never
// sees it; demo-secretary approves it as featured; it leads the feed; demo-member likes it and the count shows 1.
// Screenshots of the feed, the story page and the review queue, normal and 长辈模式, go to docs/screenshots/.
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Locator, Page } from 'playwright-core'
import { current, screenshot, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()

const TITLE = '八十岁的“红色讲解员”'
const CONTENT = '陈秀英退休后在社区党群服务中心当义务讲解员，十二年讲了六百多场。'
  + '她说：“只要还走得动，我就要把老一辈的故事讲给年轻人听。”'

/** A 3000 × 2000 photo of several MB, as a phone camera makes: the app must bring it to ≤ 1600 px and ≤ 1 MB. */
async function cameraPhoto(page: Page): Promise<string> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 3000
    canvas.height = 2000
    const ctx = canvas.getContext('2d')!
    const sky = ctx.createLinearGradient(0, 0, 0, 2000)
    sky.addColorStop(0, '#FDE9C9')
    sky.addColorStop(1, '#F4B183')
    ctx.fillStyle = sky
    ctx.fillRect(0, 0, 3000, 2000)
    ctx.fillStyle = '#C8102E'
    ctx.fillRect(300, 300, 2400, 420)
    ctx.fillStyle = '#FFFFFF'
    ctx.font = 'bold 220px sans-serif'
    ctx.textAlign = 'center'
    ctx.fillText('社区党群服务中心', 1500, 590)
    ctx.fillStyle = '#7A4A2A'
    for (let i = 0; i < 12; i++) ctx.fillRect(250 + i * 220, 1100, 150, 700)
    // Grain, as a camera's sensor gives: it keeps the JPEG large.
    const grain = ctx.getImageData(0, 0, 3000, 2000)
    for (let i = 0; i < grain.data.length; i += 4) {
      const n = (Math.random() - 0.5) * 60
      grain.data[i] += n
      grain.data[i + 1] += n
      grain.data[i + 2] += n
    }
    ctx.putImageData(grain, 0, 0)
    return canvas.toDataURL('image/jpeg', 0.95)
  })
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'story-photo-')), 'camera.jpg')
  fs.writeFileSync(file, Buffer.from(dataUrl.split(',')[1], 'base64'))
  expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024)
  return file
}

const queueTitles = (screen: Locator) => screen.locator('.queue-story__title').allTextContents()

test('a retired member’s story with a photo: written, kept as a draft, reviewed, featured, read and liked', async () => {
  // ---- demo-retired writes, closes the page half-way, comes back, submits ----
  let author = await bed.person('demo-retired')
  const context = author.page().context()
  await bed.open(author.page(), '/pages/story/write')
  await author.locator('input[placeholder="一句话说出故事的亮点"]').fill(TITLE)
  await author.locator('.story-form textarea').fill(CONTENT)
  await author.locator('.ps-chip', { hasText: '离退休老党员' }).click()
  await author.locator('.ps-chip', { hasText: '写我自己' }).click()
  const photo = await cameraPhoto(author.page())
  const chooser = author.page().waitForEvent('filechooser')
  await author.locator('.story-photos__add').click()
  await (await chooser).setFiles(photo)
  await author.locator('.story-photos__item').waitFor()

  await author.page().close()
  const reopened = await context.newPage()
  reopened.setDefaultTimeout(15000)
  author = current(reopened)
  await bed.open(reopened, '/pages/story/write')
  await author.getByText('已恢复上次没写完的草稿，可以接着写。').waitFor()
  expect(await author.locator('input[placeholder="一句话说出故事的亮点"]').inputValue()).toBe(TITLE)
  expect(await author.locator('.story-form textarea').inputValue()).toBe(CONTENT)
  expect(await author.locator('.ps-chip--selected').allTextContents()).toEqual(['离退休老党员', '写我自己'])
  expect(await author.locator('.story-photos__item').count()).toBe(1)

  await author.locator('.at-button', { hasText: '提交审核' }).click()
  await author.getByText(/已提交，等待所在社区的党组织书记审核/).waitFor()
  const mine = author.locator('.my-story', { hasText: TITLE })
  await mine.getByText('待审核').waitFor()

  // ---- the other community's secretary never sees it ----
  const otherSecretary = await bed.person('demo-secretary-b')
  await bed.open(otherSecretary.page(), '/secretary/pages/review/index')
  await otherSecretary.getByText(/待审核故事（\d+ 篇）/).waitFor()
  expect(await queueTitles(otherSecretary)).not.toContain(TITLE)

  // ---- demo-secretary sees it (with its photo) and approves it as featured ----
  const secretary = await bed.person('demo-secretary')
  await secretary.locator('.mine-reviews .at-button', { hasText: '待审核故事' }).click()
  const queued = secretary.locator('.queue-story', { hasText: TITLE })
  await queued.locator('.queue-story__image').waitFor()
  expect(await queueTitles(secretary)).toContain(TITLE)
  await screenshot(secretary.page(), 'story-review')
  await bed.careMode(secretary.page(), true)
  await bed.open(secretary.page(), '/secretary/pages/review/index')
  await queued.locator('.queue-story__image').waitFor()
  await screenshot(secretary.page(), 'story-review-care')
  await queued.locator('.at-button', { hasText: '通过并精选' }).click()
  // Published only after the few seconds in which 撤销 can take a slip back.
  await queued.getByText('将通过并设为精选，5 秒内可以撤销').waitFor()
  await secretary.getByText(`《${TITLE}》：已通过，设为精选`).waitFor()
  await bed.careMode(secretary.page(), false)

  // ---- and the other secretary still does not ----
  await otherSecretary.page().reload()
  await otherSecretary.getByText(/待审核故事（\d+ 篇）/).waitFor()
  expect(await queueTitles(otherSecretary)).not.toContain(TITLE)

  // ---- it leads the feed; demo-member opens it and likes it ----
  const member = await bed.person('demo-member')
  await bed.open(member.page(), '/pages/story/index')
  const first = member.locator('.ps-story-card').first()
  await first.locator('.ps-story-card__title', { hasText: TITLE }).waitFor()
  expect(await first.textContent()).toContain('精选')
  await first.locator('.ps-story-card__image').waitFor()
  await screenshot(member.page(), 'story-feed')

  await first.click()
  await member.locator('.story-detail__title', { hasText: TITLE }).waitFor()
  const like = member.locator('.ps-like__button')
  expect(await like.textContent()).toBe('♡点赞0')
  await like.click()
  await member.locator('.ps-like__button--liked').waitFor()
  expect(await like.textContent()).toBe('♥已赞1')

  // The photo on the page is the compressed one: long side ≤ 1600 px, ≤ 1 MB.
  const stored = await member.locator('.story-detail__image img').evaluate(async (img: HTMLImageElement) => {
    await img.decode()
    const bytes = (await (await fetch(img.src)).arrayBuffer()).byteLength
    return { width: img.naturalWidth, height: img.naturalHeight, bytes }
  })
  expect(Math.max(stored.width, stored.height)).toBe(1600)
  expect(stored.bytes).toBeLessThanOrEqual(1024 * 1024)
  await screenshot(member.page(), 'story-detail')

  // The like is the server's: it is there after a reload, and on the feed card.
  await member.page().reload()
  await member.locator('.ps-like__button--liked').waitFor()
  expect(await member.locator('.ps-like__button').textContent()).toBe('♥已赞1')
  await bed.careMode(member.page(), true)
  await bed.open(member.page(), '/pages/story/index')
  await member.locator('.ps-story-card').first().getByText('♥ 1 赞').waitFor()
  await screenshot(member.page(), 'story-feed-care')
  await member.locator('.ps-story-card').first().click()
  await member.locator('.story-detail__title', { hasText: TITLE }).waitFor()
  await screenshot(member.page(), 'story-detail-care')

  // ---- the author is told ----
  await bed.open(author.page(), '/pages/story/messages')
  await author.getByText(`《${TITLE}》已通过审核并发布，被评为精选故事。感谢您的分享！`).waitFor()
})

test('the story page opens without sign-in (as from a Moments post) and asks for sign-in only to like', async () => {
  const page = await bed.phone()
  const screen = current(page)
  await bed.open(page, '/pages/story/detail?id=story-seed-barber')
  await screen.locator('.story-detail__title', { hasText: '三十年义务理发' }).waitFor()
  await screen.getByText('幸福里社区离退休党支部').first().waitFor()
  await screen.locator('.ps-like__button').click()
  await screen.locator('.login__person').first().waitFor()
})

test('a story opened from a shared link says what the app is and leads home, to the stories and the tab bar', async () => {
  const page = await bed.phone()
  const screen = current(page)
  await bed.open(page, '/pages/story/detail?id=story-seed-barber')
  await screen.locator('.story-detail__title', { hasText: '三十年义务理发' }).waitFor()
  const bar = screen.locator('.ps-home-bar')
  await bar.getByText('先锋驿站').waitFor()
  await bar.getByText('党员微故事 · 党员大课堂 · 组织生活阵地').waitFor()
  await bar.locator('.at-button', { hasText: '回首页' }).click()
  await screen.locator('.ps-story-card').first().waitFor()
  await page.locator('.ps-tabbar').getByText('阵地').waitFor()
  // Home is a tab page with the tab bar: no second way home there.
  expect(await screen.locator('.ps-home-bar').count()).toBe(0)
})

test('a link to a page that does not exist says so and leads home, instead of leaving the last page on screen', async () => {
  const page = await bed.phone()
  const screen = current(page)
  await bed.open(page, '/pages/story/detail?id=story-seed-barber')
  await screen.locator('.story-detail__title', { hasText: '三十年义务理发' }).waitFor()
  await bed.open(page, '/pages/story/nowhere?id=1')
  await screen.getByText('没有找到这个页面').waitFor()
  expect(await screen.locator('.story-detail__title').count()).toBe(0)
  await screen.locator('.at-button', { hasText: '回首页' }).click()
  await screen.locator('.ps-story-card').first().waitFor()
})

test('offline, a tap on a tab that cannot open says so on screen; back online, the same tap opens it', async () => {
  const page = await bed.phone()
  const screen = current(page)
  await bed.open(page, '/pages/story/index')
  await screen.locator('.ps-story-card').first().waitFor()
  await page.context().setOffline(true)
  await screen.locator('.ps-tabbar').getByText('阵地').click()
  await page.getByText('网络不通，页面没有打开。请检查网络后再点一次').waitFor()
  expect(await screen.locator('.ps-story-card').count()).toBeGreaterThan(0)
  await page.context().setOffline(false)
  await screen.locator('.ps-tabbar').getByText('阵地').click()
  await screen.locator('.site-card').first().waitFor()
})

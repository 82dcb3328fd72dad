// In Chromium, on the H5 build served by the emulator, one 民情 from start to end: a resident who never registered
// (demo-newcomer) opens the 东湖街道党代表工作室 page, sees its representatives with masked phones, leaves a 民情;
// the district office (which manages the street's studio) finds it in 民情办理, accepts it, replies and closes it;
// the resident is told, reads the reply and rates it 满意, once. Screenshots go to docs/screenshots/.
import { current, screenshot, useBrowserBed } from '../helpers/browser'
import { axeFindings, overflowFindings, sizeFindings } from './a11y'

const bed = useBrowserBed()
jest.setTimeout(180_000)

const STUDIO = 'site-donghu-studio'
const CONTENT = '东湖路 12 号门前的井盖松动，晚上走路容易踩空，请尽快处理。'
const REPLY = '已联系市政维修，井盖已更换加固，感谢您的反映。'

test('a resident leaves a 民情, the studio accepts, replies and closes it, and the resident rates it', async () => {
  // ---- the resident, not registered, at the studio's site page ----
  const resident = await bed.person('demo-newcomer')
  await bed.open(resident.page(), `/pages/site/detail?id=${STUDIO}`)
  const reps = current(resident.page()).locator('.site-studio')
  await reps.locator('.studio-rep__name', { hasText: '周建华' }).waitFor()
  expect(await reps.locator('.studio-rep__meta').first().textContent()).toContain('138****0001')
  await reps.locator('.at-button', { hasText: '给工作室留言' }).click()

  const form = current(resident.page())
  await form.locator('.studio__title', { hasText: '给东湖街道党代表工作室留言' }).waitFor()
  // Submitting with nothing chosen says what is missing, and sends nothing.
  await form.locator('.at-button', { hasText: '提交留言' }).click()
  await form.locator('.ps-field__error', { hasText: '请选择留言类型' }).waitFor()
  await form.locator('.ps-chip', { hasText: '反映问题' }).click()
  await form.locator('textarea').fill(CONTENT)
  await form.locator('input[placeholder="如：王阿姨"]').fill('王阿姨')
  await screenshot(resident.page(), 'studio-write')
  await form.locator('.at-button', { hasText: '提交留言' }).click()

  const mine = current(resident.page())
  await mine.locator('.ps-notice', { hasText: '留言已提交' }).waitFor()
  await mine.locator('.case-status', { hasText: '待受理' }).waitFor()
  expect(await mine.locator('.case-deadline').textContent()).toMatch(/^剩 1[45] 个工作日$/)
  // The case's id is the hash of (the resident, the form's request id): the page it opened is that case.
  expect(resident.page().url()).toMatch(/[?&]id=[0-9a-f]{32}(&|$)/)

  // ---- the district office handles it ----
  const office = await bed.person('demo-admin')
  await office.locator('.mine-cases .at-button', { hasText: '民情办理' }).click()
  const list = current(office.page())
  // Open cases by deadline: the seeded overdue one first.
  await list.locator('.case-card').first().locator('.case-deadline--late').waitFor()
  await screenshot(office.page(), 'studio-cases')
  await list.locator('.case-card', { hasText: '井盖松动' }).click()
  const handling = current(office.page())
  await handling.locator('.case-card__text', { hasText: CONTENT }).waitFor()
  await handling.locator('.at-button', { hasText: '受理' }).click()
  await handling.locator('.case-status', { hasText: '已受理' }).waitFor()
  await handling.locator('.at-button', { hasText: '办结并答复' }).click()
  await handling.locator('.case-handle textarea').fill(REPLY)
  await handling.locator('.at-button', { hasText: '确认办结' }).click()
  await handling.locator('.case-status', { hasText: '已办结' }).waitFor()
  expect(await handling.locator('.case-step__label').allTextContents()).toEqual(['提交', '受理', '办结'])

  // ---- the resident is told, reads the reply and rates it, once ----
  await bed.open(resident.page(), '/pages/story/messages')
  await current(resident.page()).locator('.message', { hasText: '您的民情已办结' }).click()
  const closed = current(resident.page())
  await closed.locator('.case-card__text', { hasText: REPLY }).waitFor()
  await closed.locator('.case-rate .ps-chip', { hasText: /^满意$/ }).click()
  await closed.locator('.case-rate textarea').fill('处理得很快，谢谢！')
  await screenshot(resident.page(), 'studio-case')
  await closed.locator('.case-rate .at-button', { hasText: '提交评价' }).click()
  await closed.locator('.case-card__meta', { hasText: '评价：满意，处理得很快，谢谢！' }).waitFor()
  expect(await closed.locator('.case-rate').count()).toBe(0)
  expect(await closed.locator('.case-step__label').allTextContents()).toEqual(['提交', '受理', '办结', '评价'])

  // The resident's own list shows it closed and rated; the office's figures counted it.
  await bed.open(resident.page(), '/pages/studio/mine')
  await current(resident.page()).locator('.case-card', { hasText: '井盖松动' }).locator('.case-status', { hasText: '已办结' }).waitFor()
  await bed.open(office.page(), `/secretary/pages/studio-figures/index?siteId=${STUDIO}`)
  const figures = current(office.page())
  const satisfaction = figures.locator('.ps-card', { hasText: '工作室' }).locator('.studio-figures__row', { hasText: '满意度' })
  await satisfaction.waitFor()
  expect(await satisfaction.textContent()).toMatch(/满意 [1-9]/)
  await screenshot(office.page(), 'studio-figures')
})

/** A date `days` after today in Shanghai, as the schedule form takes it. */
const shanghaiDateIn = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)

test('the studio\'s manager adds a representative linked to a member and a reception date; the studio page shows them, and the member is offered 民情办理', async () => {
  const office = await bed.person('demo-admin')
  // In 长辈模式 (the a11y page test opens this page as a secretary of another studio: the form is audited here).
  await bed.careMode(office.page(), true)
  await bed.open(office.page(), `/pages/studio/index?siteId=${STUDIO}`)
  await office.locator('.at-button', { hasText: '党代表与接待日' }).click()
  const manage = current(office.page())
  await manage.locator('.studio-reps__name', { hasText: '周建华' }).waitFor()

  // Nothing filled in: each field says what it needs, and nothing is sent.
  await manage.locator('.at-button', { hasText: /^添加党代表$/ }).click()
  await manage.locator('.ps-field__error', { hasText: '请填写党代表的姓名' }).waitFor()
  await manage.locator('.ps-field__error', { hasText: '联系电话应为 11 位手机号' }).waitFor()
  await manage.locator('.ps-chip', { hasText: '每周固定' }).click()
  expect({
    axe: await axeFindings(office.page()),
    sizes: await sizeFindings(office.page(), { minText: 18, minTarget: 48 }),
    cutOff: await overflowFindings(office.page()),
  }).toEqual({ axe: [], sizes: [], cutOff: [] })
  await manage.locator('.ps-chip', { hasText: '某一天' }).click()
  await manage.locator('input[placeholder="如：周建华"]').fill('郑国平')
  await manage.locator('input[placeholder="如：第十三届区党代表"]').fill('第十三届区党代表')
  await manage.locator('input[placeholder^="11 位手机号"]').fill('13712345678')
  // Linked to 刘洋 (demo-member-b), found by name.
  await manage.locator('input[placeholder="输入党员的姓名"]').fill('刘洋')
  await manage.locator('.at-button', { hasText: '查找党员' }).click()
  await manage.locator('.ps-chip', { hasText: '刘洋 · 和平社区第一党支部' }).click()
  await manage.getByText('已关联：刘洋（和平社区第一党支部）').waitFor()
  await manage.locator('.at-button', { hasText: /^添加党代表$/ }).click()
  await manage.locator('.ps-notice', { hasText: '已添加党代表郑国平' }).waitFor()
  await manage.locator('.studio-reps__name', { hasText: '郑国平' }).waitFor()

  // A one-off reception date, received by him; a wrong time is refused first.
  const date = shanghaiDateIn(5)
  await manage.locator('input[placeholder^="年-月-日"]').fill(date)
  await manage.locator('input[placeholder="时:分，如 09:00"]').fill('15:00')
  await manage.locator('input[placeholder="时:分，如 11:30"]').fill('14:00')
  await manage.locator('.at-button', { hasText: '添加接待时间' }).click()
  await manage.locator('.ps-field__error', { hasText: '结束时间应晚于开始时间' }).waitFor()
  await manage.locator('input[placeholder="时:分，如 11:30"]').fill('17:00')
  await manage.locator('.ps-field', { hasText: '接待的党代表' }).locator('.ps-chip', { hasText: '郑国平' }).click()
  await manage.locator('.at-button', { hasText: '添加接待时间' }).click()
  await manage.locator('.ps-notice', { hasText: '已添加接待时间' }).waitFor()

  // The studio page, as anyone sees it: the new representative (phone masked) and the reception.
  const resident = await bed.person('demo-newcomer')
  await bed.open(resident.page(), `/pages/studio/index?siteId=${STUDIO}`)
  const studio = current(resident.page())
  const rep = studio.locator('.studio-rep', { hasText: '郑国平' })
  await rep.waitFor()
  expect(await rep.locator('.studio-rep__meta').first().textContent()).toContain('137****5678')
  const [, m, d] = date.split('-').map(Number)
  await studio.locator('.studio-reception', { hasText: `${m}月${d}日` }).filter({ hasText: '15:00–17:00 · 郑国平' }).first().waitFor()

  // 刘洋 now finds 民情办理 in 我的; a member linked to no representative does not.
  const linked = await bed.person('demo-member-b')
  await linked.locator('.mine-cases .at-button', { hasText: '民情办理' }).waitFor()
  const unlinked = await bed.person('demo-retired')
  await unlinked.locator('.mine-cases .at-button', { hasText: '我的民情' }).waitFor()
  expect(await unlinked.locator('.mine-cases .at-button', { hasText: '民情办理' }).count()).toBe(0)
})

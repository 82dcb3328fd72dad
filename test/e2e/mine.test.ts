// In Chromium, on the H5 build served by the emulator: each demo person signs in and sees their own 我的 page;
// a newcomer registers (the draft survives a reload), the community secretary approves, the newcomer is a member.
import type { Locator } from 'playwright-core'
import { useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()

const profile = (screen: Locator) => screen.locator('.mine-profile')

describe('我的 for each demo person', () => {
  test.each([
    ['demo-admin', ['王建国', '已通过', '区委党建办', '先锋区委'], true],
    ['demo-secretary', ['李芳', '已通过', '党组织书记', '幸福里社区党委'], true],
    ['demo-secretary-b', ['赵强', '已通过', '党组织书记', '和平社区党委'], true],
    ['demo-member', ['张明', '已通过', '党员', '幸福里社区第一党支部', '138****0004'], false],
    ['demo-retired', ['陈秀英', '已通过', '党员（离退休）', '幸福里社区离退休党支部'], false],
    ['demo-member-b', ['刘洋', '已通过', '党员', '和平社区第一党支部'], false],
  ] as const)('%s sees their name, state, role and organisation', async (openid, texts, reviews) => {
    const screen = await bed.person(openid)
    for (const t of texts) await profile(screen).getByText(t, { exact: true }).first().waitFor()
    const reviewEntry = screen.getByText(/待审核人员 \(\d+\)/)
    if (reviews) await reviewEntry.waitFor()
    else expect(await reviewEntry.count()).toBe(0)
    expect(await screen.locator('.mine-register').count()).toBe(0)
  })
})

test('a newcomer registers, keeps the draft across a reload, and is approved by the community secretary', async () => {
  const screen = await bed.person('demo-newcomer')
  await profile(screen).getByText('未注册').waitFor()
  const form = screen.locator('.mine-register')
  await form.locator('input[placeholder="请填写真实姓名"]').fill('马晓东')
  await form.locator('.ps-org-chooser__box').click()
  await form.locator('.ps-org-chooser__option', { hasText: '幸福里社区第一党支部' }).click()
  await form.locator('input[placeholder="11 位手机号"]').fill('13700001234')

  await screen.page().reload()
  await form.waitFor()
  expect(await form.locator('input[placeholder="请填写真实姓名"]').inputValue()).toBe('马晓东')
  expect(await form.locator('input[placeholder="11 位手机号"]').inputValue()).toBe('13700001234')

  await form.locator('.at-button', { hasText: '提交注册' }).click()
  await profile(screen).getByText('待审核').waitFor()

  const sp = await bed.person('demo-secretary')
  await sp.locator('.at-button', { hasText: /待审核人员 \(\d+\)/ }).click()
  const card = sp.locator('.approve-person', { hasText: '马晓东' })
  await card.waitFor()
  await card.locator('.at-button', { hasText: /^通过$/ }).click()
  await sp.getByText('马晓东：已通过').waitFor()

  // The approval ended the newcomer's session: the app asks them to sign in again, then shows what they now are.
  await screen.page().reload()
  await screen.locator('.login__person').first().waitFor()
  await bed.choose(screen.page(), 'demo-newcomer')
  await profile(screen).getByText('已通过').waitFor()
  await profile(screen).getByText('马晓东').waitFor()
  expect(await screen.locator('.mine-register').count()).toBe(0)
})

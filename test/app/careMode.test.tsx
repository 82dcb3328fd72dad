// 长辈模式: one switch on 我的 enlarges every page (by swapping the theme tokens on PageShell) and is remembered.
import { render, screen } from '@testing-library/react'
import PageShell from '@/components/PageShell'
import MinePage from '@/pages/mine'
import StoryPage from '@/pages/story'
import { resetCareModeCache } from '@/theme/careMode'
import { fontScaleFor } from '@/theme/fontScale'
import { member, noStories, resetTaro, signedInAs, toggle } from './helpers'

const shells = () => Array.from(document.querySelectorAll('.ps-shell'))

beforeEach(() => {
  resetTaro()
  resetCareModeCache()
  signedInAs(member())
  noStories()
})

test('turning on 长辈模式 enlarges this page and the other pages at once, and turning it off restores them', async () => {
  render(<MinePage />)
  render(<StoryPage />)
  await screen.findByText('已通过')
  expect(shells()).toHaveLength(2)
  expect(shells().some((shell) => shell.classList.contains('ps-shell--care'))).toBe(false)

  await toggle('长辈模式')
  expect(shells().every((shell) => shell.classList.contains('ps-shell--care'))).toBe(true)

  await toggle('长辈模式')
  expect(shells().some((shell) => shell.classList.contains('ps-shell--care'))).toBe(false)
})

test('长辈模式 is remembered when the app is opened again', async () => {
  const first = render(<MinePage />)
  await screen.findByText('已通过')
  await toggle('长辈模式')
  first.unmount()

  resetCareModeCache()
  render(<PageShell>内容</PageShell>)
  expect(shells()[0].classList.contains('ps-shell--care')).toBe(true)
})

test("WeChat's larger font settings scale the text; the standard setting leaves it as designed", () => {
  expect(fontScaleFor(undefined)).toBe(1)
  expect(fontScaleFor(16)).toBe(1)
  expect(fontScaleFor(17)).toBe(1)
  expect(fontScaleFor(20)).toBeGreaterThan(1.1)
  expect(fontScaleFor(40)).toBe(1.6)
})

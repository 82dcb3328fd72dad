// A page opened straight from a shared link has nothing behind it and (on H5) no tab bar: it says what the app is
// and leads home. A page reached inside the app, and a tab page, show no such bar.
import { fireEvent, render, screen } from '@testing-library/react'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { resetTaro } from './helpers'

let taro: ReturnType<typeof resetTaro>
beforeEach(() => {
  taro = resetTaro()
})

/** The page stack, the one on top last (as Taro.getCurrentPages answers: each page's route without a leading /). */
const stack = (...routes: string[]) => taro.getCurrentPages.mockReturnValue(routes.map((route) => ({ route })) as never)

test('a story opened from a shared link names the app and leads home', async () => {
  stack('pages/story/detail')
  render(<PageShell><span>故事正文</span></PageShell>)
  expect(await screen.findByText('先锋驿站')).toBeTruthy()
  expect(screen.getByText('党员微故事 · 党员大课堂 · 组织生活阵地')).toBeTruthy()
  fireEvent.click(screen.getByText('回首页'))
  expect(taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.story })
})

test('the same page reached from inside the app has a way back already: no bar', async () => {
  stack('pages/story/index', 'pages/story/detail')
  render(<PageShell><span>故事正文</span></PageShell>)
  await screen.findByText('故事正文')
  await new Promise((r) => setTimeout(r, 10))
  expect(screen.queryByText('回首页')).toBeNull()
})

test('a tab page opened directly has the tab bar: no bar', async () => {
  stack('pages/site/index')
  render(<PageShell><span>阵地列表</span></PageShell>)
  await screen.findByText('阵地列表')
  await new Promise((r) => setTimeout(r, 10))
  expect(screen.queryByText('回首页')).toBeNull()
})

// The client data layer every list and report page stands on: usePagedList (an older answer never overwrites a newer
// one, an item is shown once, the end is known, reload in place or afresh), LoadState and MonthStepper.
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import LoadState from '@/components/LoadState'
import MonthStepper, { YearStepper } from '@/components/MonthStepper'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { usePagedList, type Page } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import type { ApiResult } from '@/services'
import { ok, refused } from './helpers'

interface Item {
  id: string
}

type Answer = ApiResult<Page<Item>>

/** A server whose every answer the test gives by hand, in any order. */
function server() {
  const asked: Array<{ query: string; cursor: string | null; answer: (result: Answer) => Promise<void> }> = []
  const fetch = jest.fn((query: string, cursor: string | null) => new Promise<Answer>((resolve) => {
    asked.push({ query, cursor, answer: (result) => act(async () => resolve(result)) })
  }))
  return { asked, fetch }
}

const page = (ids: string[], nextCursor: string | null = null) => ok({ items: ids.map((id) => ({ id })), nextCursor })
const ids = (items: Item[]) => items.map((item) => item.id)

function list(fetch: (query: string, cursor: string | null) => Promise<Answer>) {
  return renderHook(() => usePagedList({ fetch, query: 'all', idOf: (item: Item) => item.id }))
}

/** A list whose first page has come. */
async function loaded(first: Answer) {
  const { asked, fetch } = server()
  const { result } = list(fetch)
  act(() => { result.current.reload() })
  await asked[0].answer(first)
  return { asked, fetch, result }
}

describe('usePagedList', () => {
  test('an older answer never overwrites a newer one: the filter chosen last is what shows', async () => {
    const { asked, fetch } = server()
    const { result } = list(fetch)
    act(() => { result.current.reload() })
    act(() => { result.current.reload({ query: 'frontline', clear: true }) })
    await asked[1].answer(page(['f1']))
    await asked[0].answer(page(['a1', 'a2']))
    expect(result.current.query).toBe('frontline')
    expect(ids(result.current.items)).toEqual(['f1'])
  })

  test('a next page asked for before a reload is dropped when it comes after it', async () => {
    const { asked, result } = await loaded(page(['1', '2'], 'c2'))
    act(() => { result.current.loadMore() })
    act(() => { result.current.reload() })
    await asked[2].answer(page(['1', '2'], 'c2'))
    await asked[1].answer(page(['3']))
    expect(ids(result.current.items)).toEqual(['1', '2'])
    expect(result.current.noMore).toBe(false)
  })

  test('an item that moved onto the next page meanwhile is shown once', async () => {
    const { asked, result } = await loaded(page(['1', '2'], 'c2'))
    act(() => { result.current.loadMore() })
    expect(asked[1].cursor).toBe('c2')
    await asked[1].answer(page(['2', '3']))
    expect(ids(result.current.items)).toEqual(['1', '2', '3'])
  })

  test('at the end: noMore, and loading more asks nothing', async () => {
    const { asked, fetch } = server()
    const { result } = list(fetch)
    act(() => { result.current.reload() })
    expect(result.current.loading).toBe(true)
    expect(result.current.noMore).toBe(false)
    await asked[0].answer(page(['1']))
    expect(result.current.loading).toBe(false)
    expect(result.current.noMore).toBe(true)
    await act(() => result.current.loadMore())
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  test('one tap on 加载更多 asks once, however often it is tapped while the page is coming', async () => {
    const { asked, fetch, result } = await loaded(page(['1'], 'c1'))
    act(() => { result.current.loadMore() })
    act(() => { result.current.loadMore() })
    expect(result.current.loadingMore).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(2)
    await asked[1].answer(page(['2']))
    expect(result.current.loadingMore).toBe(false)
  })

  test('reload refreshes in place; with clear, the list goes until the answer comes; an error keeps what was shown', async () => {
    const { asked, result } = await loaded(page(['1']))
    act(() => { result.current.reload() })
    expect(ids(result.current.items)).toEqual(['1'])
    await asked[1].answer(refused({ code: 'INTERNAL', message: '网络不太好，请稍后再试' }))
    expect(result.current.error?.message).toBe('网络不太好，请稍后再试')
    expect(ids(result.current.items)).toEqual(['1'])
    act(() => { result.current.reload({ clear: true }) })
    expect(result.current.error).toBeNull()
    expect(result.current.page).toBeNull()
    expect(result.current.loading).toBe(true)
    await asked[2].answer(page(['1', '2']))
    expect(ids(result.current.items)).toEqual(['1', '2'])
  })

  test('mutate changes what is shown without asking the server', async () => {
    const { fetch, result } = await loaded(page(['1', '2']))
    act(() => result.current.mutate((current) => ({ ...current, items: current.items.filter((item) => item.id !== '1') })))
    expect(ids(result.current.items)).toEqual(['2'])
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})

describe('useLatestAnswer', () => {
  test("stepping on before a month's figures came: the late answer never shows under the new month", async () => {
    const answers: Record<string, (result: ApiResult<{ month: string }>) => void> = {}
    const fetch = jest.fn((month: string) => new Promise<ApiResult<{ month: string }>>((resolve) => { answers[month] = resolve }))
    const { result, rerender } = renderHook(({ month }) => useLatestAnswer(fetch, month), { initialProps: { month: '2026-11' } })
    expect(result.current.loading).toBe(true)
    rerender({ month: '2026-10' })
    await act(async () => answers['2026-11'](ok({ month: '2026-11' })))
    expect(result.current.data).toBeNull()
    expect(result.current.loading).toBe(true)
    await act(async () => answers['2026-10'](ok({ month: '2026-10' })))
    expect(result.current.data).toEqual({ month: '2026-10' })
  })

  test('an error, then 重新加载 asks again for the same month', async () => {
    const fetch = jest.fn()
      .mockResolvedValueOnce(refused({ code: 'INTERNAL', message: '网络不太好，请稍后再试' }))
      .mockResolvedValueOnce(ok({ month: '2026-11' }))
    const { result } = renderHook(() => useLatestAnswer(fetch, '2026-11'))
    await act(async () => {})
    expect(result.current.error?.message).toBe('网络不太好，请稍后再试')
    await act(() => result.current.reload())
    expect(result.current.data).toEqual({ month: '2026-11' })
    expect(fetch.mock.calls).toEqual([['2026-11'], ['2026-11']])
  })
})

describe('LoadState', () => {
  test('正在加载… while loading, nothing once loaded', () => {
    const { rerender } = render(<LoadState loading />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    rerender(<LoadState loading={false} />)
    expect(screen.queryByText('正在加载…')).toBeNull()
  })

  test('an error with 重新加载, which retries', () => {
    const retry = jest.fn()
    render(<LoadState loading error={{ message: '网络不太好，请稍后再试' }} onRetry={retry} />)
    expect(screen.getByText('网络不太好，请稍后再试').closest('.ps-notice--danger')).toBeTruthy()
    expect(screen.queryByText('正在加载…')).toBeNull()
    fireEvent.click(screen.getByText('重新加载'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  test('a missing item: its own tone and way on, no 重新加载', () => {
    render(<LoadState loading={false} error='这篇故事已撤回' errorTone='info' errorActions={<span>看看其他故事</span>} />)
    expect(screen.getByText('这篇故事已撤回').closest('.ps-notice--info')).toBeTruthy()
    expect(screen.getByText('看看其他故事')).toBeTruthy()
    expect(screen.queryByText('重新加载')).toBeNull()
  })

  test('a member on a page for secretaries: told so, and led home instead of a 重新加载 that cannot help', () => {
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    render(<LoadState loading error={{ code: 'FORBIDDEN', message: '只有党组织书记可以进行这项操作' }} onRetry={jest.fn()} />)
    expect(screen.getByText('只有党组织书记可以进行这项操作').closest('.ps-notice--info')).toBeTruthy()
    expect(screen.queryByText('重新加载')).toBeNull()
    fireEvent.click(screen.getByText('回首页'))
    expect(switchTab).toHaveBeenCalledWith({ url: ROUTES.story })
  })

  test("an empty list says the page's own words, with the page's class", () => {
    render(<LoadState loading={false} empty emptyText='还没有消息。' textClassName='messages__text' />)
    expect(screen.getByText('还没有消息。').classList.contains('messages__text')).toBe(true)
  })
})

describe('MonthStepper', () => {
  test('steps back and forth, never past the latest month', () => {
    const change = jest.fn()
    const { rerender } = render(<MonthStepper month='2026-01' latest='2026-02' onChange={change} />)
    expect(screen.getByText('2026年1月')).toBeTruthy()
    fireEvent.click(screen.getByText('‹ 上个月'))
    expect(change).toHaveBeenLastCalledWith('2025-12')
    fireEvent.click(screen.getByText('下个月 ›'))
    expect(change).toHaveBeenLastCalledWith('2026-02')
    rerender(<MonthStepper month='2026-02' latest='2026-02' onChange={change} />)
    expect(screen.queryByText('下个月 ›')).toBeNull()
  })

  test('by year too', () => {
    const change = jest.fn()
    render(<YearStepper year={2026} latest={2026} onChange={change} />)
    expect(screen.getByText('2026年')).toBeTruthy()
    fireEvent.click(screen.getByText('‹ 2025年'))
    expect(change).toHaveBeenCalledWith(2025)
    expect(screen.queryByText('2027年 ›')).toBeNull()
  })
})

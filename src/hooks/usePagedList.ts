// A list read a page at a time (the model: ahooks' useInfiniteScroll): the first page, then more as the person
// scrolls to the bottom (or taps 加载更多); pull down to reload on a page whose config enables it
// (enablePullDownRefresh). An answer that comes back after a newer request was made is dropped, so a slow first page
// never overwrites the filter chosen since; an item that moved onto the next page meanwhile is not shown twice.
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { ApiError, ApiResult } from '@/services'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedListOptions<T, P extends Page<T>, Q> {
  /** One page for `query`: the first when `cursor` is null. */
  fetch: (query: Q, cursor: string | null) => Promise<ApiResult<P>>
  /** What the list is of at first (a filter, a tab); `reload` may change it. */
  query: Q
  /** An item's identity, for de-duplication. */
  idOf: (item: T) => string
  /** Each page as it arrives (the first after a reload, then each more). */
  onPage?: (page: P) => void
  /** Whether reaching the bottom and pulling down act on this list (false for a tab not shown). Default true. */
  active?: boolean
}

export interface ReloadOptions<Q> {
  /** What to list from now on; by default the current query. */
  query?: Q
  /** Drop what is shown and say 正在加载… until the answer comes (a new filter); by default it stays until then. */
  clear?: boolean
}

export interface PagedList<T, P extends Page<T>, Q> {
  /** The pages so far as one: every item, the other fields (a total) from the latest page. Null until loaded. */
  page: P | null
  items: T[]
  query: Q
  /** No page yet and no error: the first one is on its way. */
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
  /** Loaded, and no further page. */
  noMore: boolean
  reload: (options?: ReloadOptions<Q>) => Promise<void>
  loadMore: () => Promise<void>
  /** Changes what is shown without asking the server (an item decided, liked or replaced here). */
  mutate: (change: (page: P) => P) => void
}

export function usePagedList<T, P extends Page<T>, Q = void>(options: PagedListOptions<T, P, Q>): PagedList<T, P, Q> {
  const [page, setPage] = useState<P | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [query, setQuery] = useState<Q>(options.query)
  // The latest request: an answer to an older one is dropped.
  const generation = useRef(0)
  // What the handlers read: state is a render behind when two requests overlap.
  const now = useRef({ query: options.query, page: null as P | null, loadingMore: false })
  const latest = useRef(options)
  latest.current = options

  const reload = useCallback(async ({ query: next, clear = false }: ReloadOptions<Q> = {}) => {
    const mine = ++generation.current
    const asked = next === undefined ? now.current.query : next
    now.current.query = asked
    setQuery(() => asked)
    setError(null)
    if (clear) {
      now.current.page = null
      setPage(null)
    }
    const result = await latest.current.fetch(asked, null)
    if (mine !== generation.current) return
    if (!result.ok) return setError(result)
    now.current.page = result.data
    setPage(result.data)
    latest.current.onPage?.(result.data)
  }, [])

  const loadMore = useCallback(async () => {
    const shown = now.current.page
    if (!shown?.nextCursor || now.current.loadingMore) return
    const mine = generation.current
    now.current.loadingMore = true
    setLoadingMore(true)
    const result = await latest.current.fetch(now.current.query, shown.nextCursor)
    now.current.loadingMore = false
    setLoadingMore(false)
    if (mine !== generation.current) return
    if (!result.ok) return setError(result)
    const { idOf } = latest.current
    const before = now.current.page ?? shown
    const known = new Set(before.items.map(idOf))
    const merged = { ...result.data, items: [...before.items, ...result.data.items.filter((item) => !known.has(idOf(item)))] }
    now.current.page = merged
    setPage(merged)
    latest.current.onPage?.(result.data)
  }, [])

  const mutate = useCallback((change: (page: P) => P) => {
    const shown = now.current.page
    if (!shown) return
    now.current.page = change(shown)
    setPage(now.current.page)
  }, [])

  useReachBottom(() => {
    if (latest.current.active !== false) loadMore()
  })

  usePullDownRefresh(async () => {
    if (latest.current.active === false) return
    await reload()
    Taro.stopPullDownRefresh()
  })

  return {
    page,
    items: page?.items ?? [],
    query,
    loading: page === null && error === null,
    loadingMore,
    error,
    noMore: page !== null && !page.nextCursor,
    reload,
    loadMore,
    mutate,
  }
}

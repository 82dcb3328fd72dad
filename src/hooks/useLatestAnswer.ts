// One answer for what the page shows now (a month's report): asked when the page opens and again whenever `query`
// changes. An answer to an earlier query that arrives late is dropped, so stepping quickly through the months never
// leaves the figures of another month under this month's title.
import { useEffect, useRef, useState } from 'react'
import type { ApiError, ApiResult } from '@/services'

export function useLatestAnswer<Q, T>(fetch: (query: Q) => Promise<ApiResult<T>>, query: Q) {
  const [answer, setAnswer] = useState<{ query: Q; data: T } | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const latest = useRef(0)

  const reload = async () => {
    const mine = ++latest.current
    setError(null)
    const result = await fetch(query)
    if (mine !== latest.current) return
    if (result.ok) setAnswer({ query, data: result.data })
    else setError(result)
  }

  useEffect(() => {
    reload()
  }, [query])

  /** The answer for the current query only (null while it is on its way). */
  const data = answer && Object.is(answer.query, query) ? answer.data : null
  return { data, error, loading: data === null && error === null, reload }
}

// Promise.all for database operations run alongside one another.

/**
 * Like Promise.all, but answers only when every operation has settled: Promise.all rejects at the first failure
 * (a NOT_FOUND, say) while its siblings' requests are still on their way, so they land after the function has
 * answered — in the next invocation of the same instance, counted against it — and their errors go unheard.
 */
export async function whenAll<T extends readonly unknown[] | []>(operations: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = (await Promise.allSettled(operations)) as PromiseSettledResult<unknown>[]
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> }
}

// The library's part of the test bed: books added to the seeded 书屋 of community A the way its secretary adds them,
// valid ISBNs made fresh, and the clock set to a known Monday morning in Shanghai.
import type { Caller } from '../helpers/api'
import { Bed, useBed } from '../helpers/bed'

/** 幸福里党建书屋, managed by community A (demo-secretary); 长青社区党建书屋, by community C (no demo secretary). */
export const BOOKS_A = 'site-xingfuli-books'
export const BOOKS_C = 'site-changqing-books'
export const MONDAY = '2030-03-04'
export const at = (date: string, clock: string) => `${date}T${clock}:00+08:00`

let serial = 0
/** A valid ISBN-13 no other test of this run uses. */
export function freshIsbn(): string {
  const body = `978${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(6, '0')}`
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0)
  return body + String((10 - (sum % 10)) % 10)
}

export interface Testbed extends Bed {
  /** Adds a book (fresh ISBN, 2 copies, unless overridden) to `siteId` as `by`; answers its id and copy ids. */
  book(overrides?: Record<string, unknown>, by?: Caller): Promise<{ id: string; copyIds: string[] }>
}

export function useTestbed(env?: Record<string, string>): Testbed {
  const bed = useBed(env) as Testbed
  beforeAll(async () => { await bed.setClock(at(MONDAY, '10:00')) })
  bed.book = async (overrides = {}, by = bed.demo['demo-secretary']) => {
    const r = await by.call('library', 'addBook', {
      siteId: BOOKS_A, isbn: freshIsbn(), title: '红岩', author: '罗广斌、杨益言', publisher: '中国青年出版社',
      copies: 2, shelf: 'A-1', ...overrides,
    })
    if (!r.ok) throw new Error(`addBook: ${JSON.stringify(r)}`)
    return r.data
  }
  return bed
}

// The 书屋's monthly figures: counted as loans happen, they equal a recount from the loans after a random stream of
// borrows, returns and renewals across a month's end; a recount repairs drift and is idempotent; the figures a manager
// reads follow from them; loans count as the 书屋's use in the site ranking, the site's own recount unchanged.
import { fireTimer } from '../helpers/api'
import { at, BOOKS_A, useTestbed } from './support'
import { rngOf } from '../../local/seed/history'

const bed = useTestbed()
jest.setTimeout(120_000)

const MONTHS = ['2030-06', '2030-07']
const months = async () => {
  const { data } = await bed.db().collection('libraryMonths').where({ siteId: BOOKS_A }).get()
  return Object.fromEntries(data.map((d: any) => [d._id, d]))
}

test('after a random stream the counted figures equal a recount, and a recount repairs what drifted', async () => {
  await bed.setClock(at('2030-06-20', '09:00'))
  // The demo district's own copies of this 书屋 count too: the stream's books add to them.
  const seeded = (await bed.demo['demo-secretary'].call('library', 'figures', { siteId: BOOKS_A, month: MONTHS[0] })).data.copies
  const books = [await bed.book({ title: '甲书', copies: 3 }), await bed.book({ title: '乙书', copies: 2 }), await bed.book({ title: '丙书', copies: 1 })]
  const never = await bed.book({ title: '无人借的书', copies: 1 })
  const copies = books.flatMap((b) => b.copyIds)
  const people = await bed.members(5, 'org-branch-a1')
  const next = rngOf(20301)
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]
  const borrowed: Record<string, { loans: number; readers: Set<string>; books: Record<string, number> }> =
    Object.fromEntries(MONTHS.map((m) => [m, { loans: 0, readers: new Set<string>(), books: {} }]))
  const holders = new Map<string, (typeof people)[number]>()
  let clock = Date.parse(at('2030-06-20', '09:00'))
  for (let step = 0; step < 80; step++) {
    clock += Math.floor(next() * 14 * 3600 * 1000)
    await bed.setClock(new Date(clock))
    const copyId = pick(copies)
    const action = pick(['borrow', 'borrow', 'return', 'return', 'renew'])
    // Mostly the holder returns or renews (a stranger's try is refused and counts nothing; some are kept for that).
    const person = action !== 'borrow' && holders.has(copyId) && next() < 0.9 ? holders.get(copyId)! : pick(people)
    const r = await person.call('library', action, { copyId })
    if (r.ok && action === 'borrow') holders.set(copyId, person)
    if (r.ok && action === 'return') holders.delete(copyId)
    if (r.ok && action === 'borrow') {
      const month = new Date(clock + 8 * 3600 * 1000).toISOString().slice(0, 7)
      const m = borrowed[month]
      m.loans += 1
      m.readers.add(person.openid)
      m.books[r.data.bookId] = (m.books[r.data.bookId] ?? 0) + 1
    }
  }
  expect(borrowed['2030-06'].loans).toBeGreaterThan(3)
  expect(borrowed['2030-07'].loans).toBeGreaterThan(3)

  const counted = await months()
  for (const month of MONTHS) {
    expect(await bed.demo['demo-admin'].call('library', 'recount', { month })).toEqual({ ok: true, data: { month, repaired: 0 } })
    const f = (await bed.demo['demo-secretary'].call('library', 'figures', { siteId: BOOKS_A, month })).data
    const want = borrowed[month]
    expect(f).toMatchObject({ loans: want.loans, activeReaders: want.readers.size, copies: seeded + copies.length + 1 })
    expect(f.loansPerCopy).toBeCloseTo(want.loans / (seeded + copies.length + 1), 3)
    expect(Object.fromEntries(f.mostBorrowed.map((b: any) => [b.bookId, b.loans]))).toEqual(want.books)
    expect(f.notBorrowed.map((b: any) => b.bookId)).toContain(never.id)
  }
  expect(await months()).toEqual(counted)

  // Drift (a function stopped between a loan and its count): the recount sets what the loans say, once.
  const id = `${BOOKS_A}_2030-06`
  await bed.db().collection('libraryMonths').doc(id).update({ loans: 999, readers: bed.db().command.set({ ghost: 1 }) })
  expect(await bed.demo['demo-admin'].call('library', 'recount', { month: '2030-06' })).toEqual({ ok: true, data: { month: '2030-06', repaired: 1 } })
  expect(await bed.demo['demo-admin'].call('library', 'recount', { month: '2030-06' })).toEqual({ ok: true, data: { month: '2030-06', repaired: 0 } })
  expect(await months()).toEqual(counted)
  // The daily timer recounts too (this month and the last), and leaves right figures alone.
  await bed.db().collection('libraryMonths').doc(`${BOOKS_A}_2030-07`).remove()
  await fireTimer(bed.emu, 'library', 'remindAndRecount')
  expect(await months()).toEqual(counted)

  // The site ranking shows the loans as the 书屋's use; the site's own figures need no repair.
  const usage = await bed.demo['demo-admin'].call('site', 'usage', { siteId: BOOKS_A, month: '2030-07' })
  expect(usage.data.items[0]).toMatchObject({ siteId: BOOKS_A, loans: borrowed['2030-07'].loans, idle: false })
  expect((await bed.demo['demo-admin'].call('site', 'recount', { month: '2030-07' })).data).toMatchObject({ repaired: 0 })
})

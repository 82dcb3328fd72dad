// The demo district's 书屋: books in both, loans on now (one overdue) and past, figures the recount agrees with.
import { fireTimer } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { BOOKS_A, BOOKS_C } from './support'

const bed = useBed()

test('both 书屋 have books; 幸福里 has a loan overdue and one on time; the seeded figures need no repair', async () => {
  for (const siteId of [BOOKS_A, BOOKS_C]) {
    const r = await bed.anonymous.call('library', 'catalogue', { siteId })
    expect(r.data.items.length).toBeGreaterThan(1)
  }
  const overdue = await bed.demo['demo-secretary'].call('library', 'overdue', { siteId: BOOKS_A })
  expect(overdue.data.items).toEqual([expect.objectContaining({ title: '红岩', holderName: '张明', daysOverdue: expect.any(Number) })])
  const mine = await bed.demo['demo-retired'].call('library', 'mine')
  expect(mine.data.current).toEqual([expect.objectContaining({ title: '平凡的世界', overdue: false })])
  expect(mine.data.past.length).toBeGreaterThan(0)
  const figures = await bed.demo['demo-admin'].call('library', 'figures', { siteId: BOOKS_A })
  expect(figures.data.loans + (await bed.demo['demo-admin'].call('library', 'figures', {
    siteId: BOOKS_A, month: prevMonth(figures.data.month),
  })).data.loans).toBeGreaterThan(2)
  const before = (await bed.db().collection('libraryMonths').limit(100).get()).data
  const run = await fireTimer(bed.emu, 'library', 'remindAndRecount')
  expect(Object.values(run.data).filter((v: any) => typeof v === 'object' && 'repaired' in v).map((v: any) => v.repaired)).toEqual([0, 0])
  expect(run.data.recorded).toBe(0) // no return of the seed was cut short
  expect((await bed.db().collection('libraryMonths').limit(100).get()).data).toEqual(before)
})

function prevMonth(month: string) {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7)
}

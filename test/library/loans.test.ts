// Borrowing without staff, at its edges: the catalogue by ISBN or by hand, due dates at the end of the day in
// Shanghai, one loan per copy however many phones race for it, renewal once and never when overdue, returns by the
// holder only, lost and damaged copies, the overdue list, and what each step costs the database.
import { asWeChat, costOf, crashAfter, fireTimer, metrics, resetMetrics } from '../helpers/api'
import { H5_BASE } from '../helpers/bed'
import { at, BOOKS_A, MONDAY, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const secretary = () => bed.demo['demo-secretary']
const member = () => bed.demo['demo-member']
const retired = () => bed.demo['demo-retired']

afterEach(async () => { await bed.setClock(at(MONDAY, '10:00')) })

describe('the catalogue', () => {
  test('a book added by ISBN-10 is kept under its ISBN-13, with numbered copies and a label per copy', async () => {
    const r = await secretary().call('library', 'addBook', {
      siteId: BOOKS_A, isbn: '0-306-40615-2', title: '测试用书', copies: 3, shelf: 'B-2',
    })
    expect(r).toEqual({ ok: true, data: { id: `${BOOKS_A}_9780306406157`, copyIds: [1, 2, 3].map((n) => `${BOOKS_A}_9780306406157-${n}`) } })
    const labels = await secretary().call('library', 'labels', { bookId: r.data.id })
    expect(labels.data.labels).toEqual([1, 2, 3].map((n) => ({
      copyId: `${BOOKS_A}_9780306406157-${n}`, n, url: `${H5_BASE}/#/pages/library/borrow?t=${BOOKS_A}_9780306406157-${n}`,
    })))
    // The same ISBN again is the same book: refused, not doubled.
    const again = await secretary().call('library', 'addBook', { siteId: BOOKS_A, isbn: '978-0-306-40615-7', title: '测试用书', copies: 1, shelf: 'B-2' })
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_DONE', data: { id: r.data.id } })
    expect((await bed.stored('libraryBooks', r.data.id)).copies).toBe(3)
  })

  test.each([
    ['a wrong check digit (ISBN-13)', '9780306406158'],
    ['a wrong check digit (ISBN-10)', '0306406153'],
    ['too few digits', '978030640615'],
    ['an X inside', '03064X6152'],
  ])('%s is refused in Chinese on the isbn field, before anything is read or written', async (_what, isbn) => {
    await resetMetrics(bed.emu)
    const r = await secretary().call('library', 'addBook', { siteId: BOOKS_A, isbn, title: '测试用书', copies: 1, shelf: 'B-2' })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'isbn', message: expect.stringContaining('ISBN 不正确') }] })
    expect((await metrics(bed.emu)).total).toBe(0)
  })

  test('a book without an ISBN is added by hand; the public catalogue lists it with its copies on the shelf', async () => {
    const { id } = await bed.book({ isbn: undefined, title: '手工登记的书', shelf: 'Z-9', copies: 4 })
    const pages: any[] = []
    let r = await bed.anonymous.call('library', 'catalogue', { siteId: BOOKS_A })
    for (;;) {
      expect(r.ok).toBe(true)
      pages.push(...r.data.items)
      if (!r.data.nextCursor) break
      r = await bed.anonymous.call('library', 'catalogue', { siteId: BOOKS_A, cursor: r.data.nextCursor })
    }
    expect(pages.find((b) => b.id === id)).toMatchObject({ title: '手工登记的书', isbn: null, copies: 4, available: 4, siteName: '幸福里党建书屋' })
    expect(new Set(pages.map((b) => b.id)).size).toBe(pages.length)
  })

  test('a site that is not a 书屋 has no catalogue', async () => {
    expect(await bed.anonymous.call('library', 'catalogue', { siteId: 'site-xingfuli-hub' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('due dates, in Asia/Shanghai', () => {
  test.each([
    // 23:30 in Shanghai is still Monday there (15:30 UTC): due 30 days on, at the end of that day.
    [at(MONDAY, '23:30'), '2030-04-03'],
    // 00:10 on Tuesday in Shanghai is Monday 16:10 UTC: already Tuesday's loan.
    [at('2030-03-05', '00:10'), '2030-04-04'],
  ])('borrowed at %s: due %s', async (when, dueDate) => {
    const { copyIds } = await bed.book()
    await bed.setClock(when)
    const r = await member().call('library', 'borrow', { copyId: copyIds[0] })
    expect(r).toMatchObject({ ok: true, data: { dueDate, renewed: false, overdue: false, title: '红岩' } })
    const copy = await bed.stored('libraryCopies', copyIds[0])
    expect(new Date(copy.due).toISOString()).toBe(new Date(`${dueDate}T23:59:59.999+08:00`).toISOString())
    await member().call('library', 'return', { copyId: copyIds[0] })
  })

  test('renewal: once, 30 days from the due date; not after the due date has passed', async () => {
    const { copyIds: [a, b] } = await bed.book()
    await member().call('library', 'borrow', { copyId: a })
    await member().call('library', 'borrow', { copyId: b })
    // The last minute of the due date: still in time.
    await bed.setClock(at('2030-04-03', '23:59'))
    expect(await member().call('library', 'renew', { copyId: a })).toMatchObject({ ok: true, data: { dueDate: '2030-05-03', renewed: true } })
    expect(await member().call('library', 'renew', { copyId: a })).toMatchObject({ ok: false, code: 'ALREADY_DONE', message: expect.stringContaining('已经续借过一次') })
    // A minute later the other loan is overdue: return it first.
    await bed.setClock(at('2030-04-04', '00:00'))
    expect(await member().call('library', 'renew', { copyId: b })).toMatchObject({ ok: false, code: 'OUT_OF_RANGE', message: expect.stringContaining('不能再续借') })
    expect(await retired().call('library', 'renew', { copyId: a })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await retired().call('library', 'copy', { id: b })).data).toMatchObject({ copy: { state: 'lent', mine: false }, canRenew: false })
    expect((await member().call('library', 'copy', { id: a })).data).toMatchObject({ copy: { state: 'lent', mine: true, dueDate: '2030-05-03' }, canRenew: false })
    for (const copyId of [a, b]) expect((await member().call('library', 'return', { copyId })).ok).toBe(true)
  })
})

describe('one loan per copy', () => {
  test('two phones borrowing the same copy at the same instant: one loan, the other is told it is lent', async () => {
    const people = await bed.members(2, 'org-branch-a1')
    for (let round = 0; round < 8; round++) {
      const { copyIds: [copyId] } = await bed.book({ copies: 1 })
      const answers = await Promise.all(people.map((p) => p.call('library', 'borrow', { copyId })))
      expect(answers.filter((r) => r.ok)).toHaveLength(1)
      expect(answers.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已被借出') })
      const winner = people[answers.findIndex((r) => r.ok)]
      expect(await bed.stored('libraryCopies', copyId)).toMatchObject({ state: 'lent', holder: winner.openid })
    }
  })

  test('the holder scanning again is told they have it; someone else cannot return it; a return is once', async () => {
    const { copyIds: [copyId] } = await bed.book({ copies: 1 })
    expect((await retired().call('library', 'borrow', { copyId })).ok).toBe(true)
    expect(await retired().call('library', 'borrow', { copyId })).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    expect(await member().call('library', 'return', { copyId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await retired().call('library', 'return', { copyId })).toMatchObject({ ok: true, data: { ended: 'returned' } })
    expect(await retired().call('library', 'return', { copyId })).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    const mine = await retired().call('library', 'mine')
    expect(mine.data.current.map((l: any) => l.copyId)).not.toContain(copyId)
    expect(mine.data.past.find((l: any) => l.copyId === copyId)).toMatchObject({ title: '红岩', ended: 'returned' })
  })
})

describe('what a borrow, a return and a renewal cost', () => {
  test('a borrow, a renewal and a return are at most 3 database operations each (any read of the caller by the router included), once the month has a loan', async () => {
    const { copyIds: [a, b] } = await bed.book()
    await member().call('library', 'borrow', { copyId: a }) // the month's figures exist from here on
    const borrow = await costOf(bed.emu, () => member().call('library', 'borrow', { copyId: b }))
    const renew = await costOf(bed.emu, () => member().call('library', 'renew', { copyId: b }))
    // The return as it happens at the 书屋: scanning the label in the mini-program, where WeChat vouches for the caller
    // (through H5 the router reads the session's person first: one more).
    const giveBack = await costOf(bed.emu, () => asWeChat(bed.emu, 'demo-member').call('library', 'return', { copyId: b }))
    console.log(`library: borrow ${borrow.ops}, renew ${renew.ops}, return ${giveBack.ops} database operations`)
    for (const c of [borrow, renew, giveBack]) expect(c.result.ok).toBe(true)
    expect(await bed.stored('libraryCopies', b)).not.toHaveProperty('unrecorded')
    expect(borrow.ops).toBeLessThanOrEqual(3)
    expect(renew.ops).toBeLessThanOrEqual(3)
    // A return reads no caller: the copy's write, its history record and the mark that it is recorded.
    expect(giveBack.ops).toBeLessThanOrEqual(3)
    await member().call('library', 'return', { copyId: a })
  })
})

describe('a return cut short', () => {
  const loansOf = async (copyId: string) =>
    (await bed.db().collection('libraryLoans').where({ copyId }).limit(100).get()).data as Array<{ _id: string; ended: string; openid: string }>

  test('killed after any of its operations, the loan\'s history is written exactly once: by the retry, or before the next borrow', async () => {
    const { copyIds: [first] } = await bed.book({ copies: 1 })
    expect((await member().call('library', 'borrow', { copyId: first })).ok).toBe(true)
    const whole = await costOf(bed.emu, () => asWeChat(bed.emu, 'demo-member').call('library', 'return', { copyId: first }))
    expect(whole.result).toMatchObject({ ok: true })
    for (let n = 1; n < whole.ops; n++) {
      const { copyIds: [copyId] } = await bed.book({ copies: 1 })
      const loan = (await member().call('library', 'borrow', { copyId })).data.id
      await crashAfter(bed.emu, 'library', n)
      const phone = asWeChat(bed.emu, 'demo-member')
      expect(await phone.call('library', 'return', { copyId })).toMatchObject({ ok: false, code: 'INTERNAL' })
      // The holder scans again: the copy's write was the first operation, so it is back on the shelf already.
      const again = await phone.call('library', 'return', { copyId })
      expect([n, again.ok ? 'ok' : again.code]).toEqual([n, 'ALREADY_DONE'])
      // The next reader borrows it; the last loan's history is there, once, before this loan replaces it on the copy.
      expect((await retired().call('library', 'borrow', { copyId })).ok).toBe(true)
      expect([n, (await loansOf(copyId)).map((l) => [l._id, l.ended, l.openid])]).toEqual([n, [[loan, 'returned', 'demo-member']]])
      expect((await member().call('library', 'mine')).data.past.map((l: any) => l.id)).toContain(loan)
      await retired().call('library', 'return', { copyId })
    }
  })

  test('cut short after the copy\'s write: nobody borrows it before its history is written, and the daily timer writes it too', async () => {
    const { copyIds: [copyId] } = await bed.book({ copies: 1 })
    const loan = (await member().call('library', 'borrow', { copyId })).data.id
    await crashAfter(bed.emu, 'library', 2)
    expect(await member().call('library', 'return', { copyId })).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(await bed.stored('libraryCopies', copyId)).toMatchObject({ state: 'shelf', unrecorded: true, loanId: loan })
    expect(await loansOf(copyId)).toEqual([])
    await fireTimer(bed.emu, 'library', 'remindAndRecount')
    expect((await loansOf(copyId)).map((l) => l._id)).toEqual([loan])
    expect(await bed.stored('libraryCopies', copyId)).not.toHaveProperty('unrecorded')
    // The timer again, or a borrow now: still one record.
    await fireTimer(bed.emu, 'library', 'remindAndRecount')
    expect((await retired().call('library', 'borrow', { copyId })).ok).toBe(true)
    expect((await loansOf(copyId)).map((l) => l._id)).toEqual([loan])
    await retired().call('library', 'return', { copyId })
  })
})

describe('lost and damaged copies', () => {
  test('a copy lost while lent ends its loan as lost; it cannot be borrowed until its manager puts it back', async () => {
    const { copyIds: [copyId] } = await bed.book({ copies: 1 })
    await member().call('library', 'borrow', { copyId })
    expect(await secretary().call('library', 'markCopy', { copyId, state: 'lost', reason: '读者报失' })).toEqual({ ok: true, data: { copyId, state: 'lost' } })
    expect((await member().call('library', 'mine')).data.past.find((l: any) => l.copyId === copyId)).toMatchObject({ ended: 'lost' })
    expect(await retired().call('library', 'borrow', { copyId })).toMatchObject({ ok: false, code: 'NOT_OPEN', message: expect.stringContaining('遗失') })
    expect(await secretary().call('library', 'markCopy', { copyId, state: 'lost' })).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    expect((await secretary().call('library', 'markCopy', { copyId, state: 'shelf', reason: '找回' })).ok).toBe(true)
    expect((await retired().call('library', 'borrow', { copyId })).ok).toBe(true)
    await retired().call('library', 'return', { copyId })
  })
})

describe('the overdue list', () => {
  test('the manager sees loans past their due date, longest overdue first, a page at a time', async () => {
    const { copyIds } = await bed.book({ copies: 3 })
    const people = await bed.members(3, 'org-branch-a1')
    for (const [i, copyId] of copyIds.entries()) {
      await bed.setClock(at(`2030-03-0${5 + i}`, '10:00'))
      expect((await people[i].call('library', 'borrow', { copyId })).ok).toBe(true)
    }
    // 2030-04-06: the first two are overdue (due 04-04 and 04-05), the third is due today.
    await bed.setClock(at('2030-04-06', '10:00'))
    const rows: any[] = []
    let r = await secretary().call('library', 'overdue', { siteId: BOOKS_A })
    for (;;) {
      rows.push(...r.data.items)
      if (!r.data.nextCursor) break
      r = await secretary().call('library', 'overdue', { siteId: BOOKS_A, cursor: r.data.nextCursor })
    }
    const ours = rows.filter((l) => copyIds.includes(l.copyId))
    expect(ours.map((l) => [l.copyId, l.daysOverdue, l.holderName])).toEqual([
      [copyIds[0], 2, expect.any(String)],
      [copyIds[1], 1, expect.any(String)],
    ])
    expect(await bed.demo['demo-secretary-b'].call('library', 'overdue', { siteId: BOOKS_A })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    for (const [i, copyId] of copyIds.entries()) await people[i].call('library', 'return', { copyId })
  })
})

describe('reminders', () => {
  async function inbox(openid: string): Promise<any[]> {
    return (await fetch(`${bed.emu.url}/__emulator/inbox?openid=${openid}`)).json()
  }
  const fire = () => fireTimer(bed.emu, 'library', 'remindAndRecount')

  test('3 days before the due date and on the day, once each however often the timer runs; only when agreed', async () => {
    const [agreed, declined] = await bed.members(2, 'org-branch-a1')
    const { copyIds: [a, b] } = await bed.book({ title: '平凡的世界' })
    expect((await agreed.call('library', 'borrow', { copyId: a, remind: true })).data.dueDate).toBe('2030-04-03')
    await declined.call('library', 'borrow', { copyId: b })
    await bed.setClock(at('2030-03-30', '09:00'))
    await fire()
    expect(await inbox(agreed.openid)).toEqual([])
    await bed.setClock(at('2030-03-31', '09:00'))
    await fire()
    await fire()
    expect(await inbox(agreed.openid)).toEqual([expect.objectContaining({
      template_id: 'library-due-soon', page: `pages/library/borrow?t=${a}`,
      data: expect.objectContaining({ thing1: { value: '平凡的世界' }, date2: { value: '2030年4月3日' } }),
    })])
    await bed.setClock(at('2030-04-03', '09:00'))
    await fire()
    await fire()
    expect((await inbox(agreed.openid)).map((m) => m.template_id).sort()).toEqual(['library-due-soon', 'library-due-today'])
    expect(await inbox(declined.openid)).toEqual([])
    await agreed.call('library', 'return', { copyId: a })
    await declined.call('library', 'return', { copyId: b })
  })
})

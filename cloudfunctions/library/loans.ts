// Borrow, return and renew by scanning a copy's label, without staff. Each is one conditional write of the copy (its
// state is the lock): two phones borrowing one copy at once give one loan, because only one write finds it on the
// shelf. Cost: the router's read of the caller, then a borrow is the copy's write and the month's figures; a renewal
// reads the copy (its due date) and writes it. A return needs no read of the caller (the copy's holder is the caller's
// openid): the copy's write, the loan's history record and the copy's mark that it is recorded.
//
// A return cut short between the copy's write and its history record leaves the copy on the shelf marked
// `unrecorded`, still carrying the ended loan: nobody can borrow it until the record is written (the borrow that finds
// it so writes it first, as does the daily timer), and the record's id is the loan's, so writing it twice is once.
//
// Renewal: once per loan, 30 more days from the due date, and not once the loan is overdue (an overdue book is
// returned first: a renewal must not hide a late return from the overdue list).
import type { LibraryInput, LibraryOutput, Loan, OverdueLoan } from '../../contract/library'
import { LIBRARY_RULES } from '../../contract/library'
import { database, Database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import type { PersonDoc } from '../common/people'
import { insertOnce, pageAfter, readAll } from '../common/query'
import { shanghaiDate, shanghaiMonth } from '../common/time'
import { whenAll } from '../common/whenAll'
import { loadBook, loadCopy, loadLibrary, manages, notAvailable } from './catalogue'
import { libraryFigures } from './figures'
import { CopyDoc, currentLoan, dueAfter, endedLoan, isOverdue, loanDue, loanIdOf, LoanDoc, pastLoan, toBook, toCopyView } from './model'

const PAGE_SIZE = 20

/** What a scan of the label shows. */
export async function copyOf(input: LibraryInput['copy'], person: PersonDoc): Promise<LibraryOutput['copy']> {
  const copy = await loadCopy(input.id)
  const book = await loadBook(copy.bookId)
  const at = now()
  const today = shanghaiDate(at)
  const canManage = manages(person, copy)
  const view = toCopyView(copy, person._id, canManage)
  return {
    book: toBook(book, -1),
    copy: view,
    dueIfBorrowedNow: loanDue(at).dueDate,
    canRenew: view.mine && !copy.renewed && !isOverdue(copy.dueDate!, today),
    manages: canManage,
  }
}

export async function borrow(input: LibraryInput['borrow'], person: PersonDoc): Promise<LibraryOutput['borrow']> {
  const at = now()
  const { due, dueDate } = loanDue(at)
  const month = shanghaiMonth(at)
  const _ = database().command
  const take = () => database().collection(COLLECTIONS.libraryCopies).where({ _id: input.copyId, state: 'shelf', unrecorded: _.neq(true) })
    .updateAndReturn({
      state: 'lent', loanId: loanIdOf(input.copyId, at), holder: person._id, holderName: person.name, borrowedAt: at,
      borrowMonth: month, due, dueDate, renewed: false, remind: input.remind === true, remindedSoon: false,
      remindedDue: false, returnedAt: null,
    })
  let copy = (await take()).doc as CopyDoc | undefined
  if (!copy) {
    // Not on the shelf, or back with its last loan unrecorded (a return cut short): one more read to say why, or to
    // record that loan before this one replaces it.
    const found = await loadCopy(input.copyId)
    if (found.state !== 'shelf' || !found.unrecorded) throw notAvailable(found, person._id)
    await recordReturn(found)
    copy = (await take()).doc as CopyDoc | undefined
    if (!copy) throw notAvailable(await loadCopy(input.copyId), person._id)
  }
  await libraryFigures.record(database(), { siteId: copy.siteId, month, bookId: copy.bookId, openid: person._id })
  return currentLoan(copy, shanghaiDate(at))
}

/** Only the holder returns by scanning (a copy handed in at the desk is put back by its manager: markCopy). */
export async function giveBack(input: LibraryInput['return'], openid: string): Promise<LibraryOutput['return']> {
  const at = now()
  const res = await database().collection(COLLECTIONS.libraryCopies).where({ _id: input.copyId, state: 'lent', holder: openid })
    .updateAndReturn({ state: 'shelf', returnedAt: at, unrecorded: true })
  const copy = res.doc as CopyDoc | undefined
  if (!copy) {
    const held = await loadCopy(input.copyId)
    if (held.state === 'lent') throw fail.forbidden(`《${held.title}》第 ${held.n} 册不是您借的，请把它交给书屋管理员`)
    if (held.state !== 'shelf') throw notAvailable(held, openid)
    throw fail.alreadyDone(`《${held.title}》第 ${held.n} 册已经归还，不需要再还`)
  }
  await recordReturn(copy)
  return currentLoan(copy, shanghaiDate(at), 'returned')
}

/**
 * Writes the history record of the loan a copy just came back from (its id is the loan's: a second write is the
 * first), then clears the copy's `unrecorded` mark, only while the copy still carries that loan.
 */
export async function recordReturn(copy: CopyDoc): Promise<void> {
  const _ = database().command
  await insertOnce(COLLECTIONS.libraryLoans, endedLoan(copy, 'returned', copy.returnedAt!))
  await database().collection(COLLECTIONS.libraryCopies).where({ _id: copy._id, loanId: copy.loanId, unrecorded: true }).update({ unrecorded: _.remove() })
}

/** The daily timer's repair: the returns cut short since the last run get their history records. Answers how many. */
export async function recordCutShortReturns(db: Database): Promise<number> {
  const copies = await readAll<CopyDoc>(db, COLLECTIONS.libraryCopies, { unrecorded: true })
  for (const copy of copies) await recordReturn(copy)
  return copies.length
}

export async function renew(input: LibraryInput['renew'], person: PersonDoc): Promise<LibraryOutput['renew']> {
  const at = now()
  const today = shanghaiDate(at)
  const copy = await loadCopy(input.copyId)
  const name = `《${copy.title}》第 ${copy.n} 册`
  if (copy.state !== 'lent' || copy.holder !== person._id) throw fail.forbidden(`${name}不在您的借阅中`)
  if (copy.renewed) throw fail.alreadyDone(`${name}已经续借过一次，应还日期 ${copy.dueDate}，请按时归还`)
  if (isOverdue(copy.dueDate!, today)) {
    throw new ApiFailure('OUT_OF_RANGE', `${name}已超过应还日期（${copy.dueDate}），不能再续借，请尽快归还`)
  }
  const { due, dueDate } = dueAfter(copy.dueDate!, LIBRARY_RULES.renewDays)
  // Conditional on the loan read: a return or another renewal meanwhile makes this miss instead of overwriting it.
  const res = await database().collection(COLLECTIONS.libraryCopies)
    .where({ _id: copy._id, loanId: copy.loanId, state: 'lent', renewed: false })
    .updateAndReturn({ due, dueDate, renewed: true, remindedSoon: false, remindedDue: false })
  if (!res.doc) throw fail.conflict(`${name}刚刚被归还或续借过，请重新扫码查看`)
  return currentLoan(res.doc as CopyDoc, today)
}

export async function mine(input: LibraryInput['mine'], person: PersonDoc): Promise<LibraryOutput['mine']> {
  const today = shanghaiDate(now())
  const [current, past] = await whenAll([
    input.cursor ? Promise.resolve({ data: [] as CopyDoc[] })
      : database().collection(COLLECTIONS.libraryCopies).where({ holder: person._id, state: 'lent' }).orderBy('due', 'asc').limit(100).get(),
    pageAfter<LoanDoc>({
      collection: COLLECTIONS.libraryLoans, where: [{ openid: person._id }], order: 'returnedAt', dir: 'desc',
      size: PAGE_SIZE, cursor: input.cursor,
    }),
  ])
  return {
    current: (current.data as CopyDoc[]).map((c): Loan => currentLoan(c, today)),
    past: past.rows.map(pastLoan),
    nextCursor: past.nextCursor,
  }
}

const DAY_MS = 24 * 3600 * 1000

/** The 书屋's loans past their due date, longest overdue first (by due instant, then copy). */
export async function overdue(input: LibraryInput['overdue'], person: PersonDoc): Promise<LibraryOutput['overdue']> {
  const site = await loadLibrary(input.siteId)
  if (!manages(person, site)) throw fail.forbidden('只有书屋的管理党组织可以查看逾期名单')
  const at = now()
  const today = shanghaiDate(at)
  const _ = database().command
  const { rows, nextCursor } = await pageAfter<CopyDoc>({
    collection: COLLECTIONS.libraryCopies, where: [{ siteId: site._id, state: 'lent', due: _.lt(at) }],
    order: 'due', dir: 'asc', size: PAGE_SIZE, cursor: input.cursor,
  })
  const items = rows.map((c): OverdueLoan => ({
    ...currentLoan(c, today),
    holderName: c.holderName ?? '',
    daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${c.dueDate}T00:00:00Z`)) / DAY_MS),
  }))
  return { items, nextCursor }
}

// Monthly 书屋 figures, pre-counted as loans happen: `libraryMonths` `${siteId}_${YYYY-MM}` holds the month's loans,
// and loans by book and by reader (so active readers, loans per copy, the most-borrowed and the never-borrowed books
// are read from one document and the catalogue). A borrow adds to them in one update (as common/figures.ts `bump`
// does, with nested counters).
// The site's usage page joins this document by the same id, so loans count as the 书屋's use in the site ranking;
// the site's own figures and recount are untouched.
//
// The recount (the daily timer, or the admin) rebuilds a month from the loans begun in it — the history of ended
// loans and the loans the copies are on — and sets every document that differs, conditional on the `loans` it read
// (a borrow counted meanwhile makes it miss, and that document is counted again).
import type { LibraryFigures, LibraryInput } from '../../contract/library'
import { database, Database, isDuplicateWrite } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { Figures, recentMonths, round3 } from '../common/figures'
import type { PersonDoc } from '../common/people'
import { readAll } from '../common/query'
import { shanghaiMonth } from '../common/time'
import { whenAll } from '../common/whenAll'
import { loadLibrary, manages } from './catalogue'
import { BookDoc, CopyDoc, libraryMonthId, LibraryMonthDoc, LoanDoc } from './model'
import { sendReminders } from './reminders'

/** One loan begun: its 书屋, month, book and reader. */
export interface LoanEvent { siteId: string; month: string; bookId: string; openid: string }

const fresh = (siteId: string, month: string): Omit<LibraryMonthDoc, '_id'> => ({ siteId, month, loans: 0, books: {}, readers: {} })

async function record(db: Database, e: LoanEvent) {
  const id = libraryMonthId(e.siteId, e.month)
  const _ = db.command
  const coll = db.collection(COLLECTIONS.libraryMonths)
  const inc = { loans: _.inc(1), books: { [e.bookId]: _.inc(1) }, readers: { [e.openid]: _.inc(1) } }
  if ((await coll.doc(id).update(inc)).updated > 0) return
  try {
    await coll.add({ _id: id, siteId: e.siteId, month: e.month, loans: 1, books: { [e.bookId]: 1 }, readers: { [e.openid]: 1 } })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    await coll.doc(id).update(inc)
  }
}

/** The month's documents as the loans begun in it count them. */
async function countMonth(db: Database, month: string): Promise<Map<string, LibraryMonthDoc>> {
  const [ended, onCopies] = await whenAll([
    readAll<LoanDoc>(db, COLLECTIONS.libraryLoans, { borrowMonth: month }, { _id: true, siteId: true, bookId: true, openid: true }),
    readAll<CopyDoc>(db, COLLECTIONS.libraryCopies, { borrowMonth: month }, { _id: true, loanId: true, siteId: true, bookId: true, holder: true }),
  ])
  const loans = new Map<string, LoanEvent>()
  for (const l of ended) loans.set(l._id, { siteId: l.siteId, month, bookId: l.bookId, openid: l.openid })
  // A copy's last loan is counted from the copy until its history record exists (a return cut short in between).
  for (const c of onCopies) if (c.loanId && !loans.has(c.loanId)) loans.set(c.loanId, { siteId: c.siteId, month, bookId: c.bookId, openid: c.holder! })
  const out = new Map<string, LibraryMonthDoc>()
  for (const e of loans.values()) {
    const id = libraryMonthId(e.siteId, month)
    const doc = out.get(id) ?? { _id: id, ...fresh(e.siteId, month) }
    doc.loans += 1
    doc.books[e.bookId] = (doc.books[e.bookId] ?? 0) + 1
    doc.readers[e.openid] = (doc.readers[e.openid] ?? 0) + 1
    out.set(id, doc)
  }
  return out
}

const same = (a: Record<string, number> = {}, b: Record<string, number> = {}) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

const ROUNDS = 5

async function recountMonth(db: Database, month: string): Promise<{ repaired: number }> {
  const _ = db.command
  const coll = db.collection(COLLECTIONS.libraryMonths)
  let repaired = 0
  let pending: Set<string> | null = null
  for (let round = 0; round < ROUNDS; round++) {
    const live = new Map((await readAll<LibraryMonthDoc>(db, COLLECTIONS.libraryMonths, { month })).map((d) => [d._id, d]))
    const want = await countMonth(db, month)
    const missed = new Set<string>()
    const ids = [...new Set([...live.keys(), ...want.keys()])].filter((id) => !pending || pending.has(id))
    await whenAll(ids.map(async (id) => {
      const have = live.get(id)
      const right = want.get(id) ?? { _id: id, ...fresh(have!.siteId, month) }
      if (have && have.loans === right.loans && same(have.books, right.books) && same(have.readers, right.readers)) return
      let wrote: boolean
      if (have) {
        wrote = (await coll.where({ _id: id, loans: have.loans })
          .update({ loans: right.loans, books: _.set(right.books), readers: _.set(right.readers) })).updated > 0
      } else {
        try {
          await coll.add(right)
          wrote = true
        } catch (err) {
          if (!isDuplicateWrite(err)) throw err
          wrote = false
        }
      }
      if (wrote) repaired += 1
      else missed.add(id)
    }))
    if (missed.size === 0) return { repaired }
    pending = missed
  }
  throw new Error(`${COLLECTIONS.libraryMonths}: figures kept changing under ${ROUNDS} rounds of recounting`)
}

/** The 书屋's figures: recorded at each borrow; the daily timer recounts this month and the last and sends reminders. */
export const libraryFigures: Figures<LoanEvent, { repaired: number }> = {
  record,
  recountMonth: (db, month) => recountMonth(db, month),
  async timer(db, at) {
    const [month, previous] = recentMonths(at)
    const reminders = await sendReminders(db, at)
    return { [month]: await recountMonth(db, month), [previous]: await recountMonth(db, previous), reminders }
  },
}

const TOP = 5

/** A month's figures of one 书屋, for its managers: the month's document and the catalogue. */
export async function figuresOf(input: LibraryInput['figures'], person: PersonDoc): Promise<LibraryFigures> {
  const site = await loadLibrary(input.siteId)
  if (!manages(person, site)) throw fail.forbidden('只能查看您管理的书屋的统计')
  const month = input.month ?? shanghaiMonth(now())
  const db = database()
  const [doc, books, lost] = await whenAll([
    db.collection(COLLECTIONS.libraryMonths).doc(libraryMonthId(site._id, month)).get(),
    readAll<BookDoc>(db, COLLECTIONS.libraryBooks, { siteId: site._id }, { _id: true, title: true, copies: true }),
    db.collection(COLLECTIONS.libraryCopies).where({ siteId: site._id, state: 'lost' }).count(),
  ])
  const m = (doc.data?.[0] as LibraryMonthDoc | undefined) ?? { _id: '', ...fresh(site._id, month) }
  const titles = new Map(books.map((b) => [b._id, b.title]))
  const copies = books.reduce((n, b) => n + b.copies, 0) - (lost.total ?? 0)
  const byLoans = Object.entries(m.books).filter(([, n]) => n > 0).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
  return {
    siteId: site._id,
    month,
    loans: m.loans,
    activeReaders: Object.values(m.readers).filter((n) => n > 0).length,
    copies,
    loansPerCopy: copies > 0 ? round3(m.loans / copies) : null,
    mostBorrowed: byLoans.slice(0, TOP).map(([bookId, loans]) => ({ bookId, title: titles.get(bookId) ?? '（已删除的书）', loans })),
    notBorrowed: books.filter((b) => !m.books[b._id]).map((b) => ({ bookId: b._id, title: b.title })),
  }
}

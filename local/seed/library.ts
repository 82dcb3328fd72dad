// The demo 书屋: books with numbered copies in both 党建书屋, six weeks of loans (returned ones, two on loan now, one
// of them overdue), a damaged copy, and the monthly figures set by the library's own recount, so they agree with it.
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { previousMonth, shanghaiDate, shanghaiMonth } from '../../cloudfunctions/common/time'
import { libraryFigures } from '../../cloudfunctions/library/figures'
import { BookDoc, bookIdOf, CopyDoc, copyIdOf, dueAfter, LoanDoc, loanIdOf, NO_LOAN } from '../../cloudfunctions/library/model'
import { putAll, SeedDatabase } from './put'

const DAY = 24 * 60 * 60 * 1000

/** ISBN-13 from its first twelve digits (the check digit computed as the catalogue checks it). */
function isbn13(twelve: string): string {
  const sum = [...twelve].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0)
  return twelve + String((10 - (sum % 10)) % 10)
}

interface SeedBook { key: string; siteId: string; isbn?: string; title: string; author: string; publisher: string; shelf: string; copies: number }

const BOOKS: SeedBook[] = [
  { key: 'hongyan', siteId: 'site-xingfuli-books', isbn: isbn13('978702000001'), title: '红岩', author: '罗广斌、杨益言', publisher: '人民文学出版社', shelf: 'A-1', copies: 3 },
  { key: 'pingfan', siteId: 'site-xingfuli-books', isbn: isbn13('978702000002'), title: '平凡的世界', author: '路遥', publisher: '人民文学出版社', shelf: 'A-1', copies: 2 },
  { key: 'juexing', siteId: 'site-xingfuli-books', title: '觉醒年代', author: '龙平平', publisher: '北京十月文艺出版社', shelf: 'A-2', copies: 2 },
  { key: 'jianshi', siteId: 'site-xingfuli-books', isbn: isbn13('978701000003'), title: '中国共产党简史', author: '本书编写组', publisher: '人民出版社', shelf: 'B-1', copies: 4 },
  { key: 'xiangtu', siteId: 'site-xingfuli-books', title: '乡土中国', author: '费孝通', publisher: '北京大学出版社', shelf: 'B-2', copies: 1 },
  { key: 'hongxing', siteId: 'site-changqing-books', isbn: isbn13('978702000004'), title: '红星照耀中国', author: '埃德加·斯诺', publisher: '人民文学出版社', shelf: '1号架', copies: 2 },
  { key: 'shengtu', siteId: 'site-changqing-books', title: '可爱的中国', author: '方志敏', publisher: '人民文学出版社', shelf: '1号架', copies: 1 },
]

const SITE_NAMES: Record<string, string> = { 'site-xingfuli-books': '幸福里党建书屋', 'site-changqing-books': '长青社区党建书屋' }

/** Loans: the book, its copy, the reader, borrowed this many days before the seed date, returned after `keptDays`. */
const LOANS: Array<{ book: string; n: number; openid: string; daysAgo: number; keptDays?: number; renewed?: boolean }> = [
  { book: 'jianshi', n: 1, openid: 'demo-retired', daysAgo: 44, keptDays: 20 },
  { book: 'pingfan', n: 2, openid: 'demo-member', daysAgo: 40, keptDays: 12 },
  { book: 'hongyan', n: 2, openid: 'demo-member-b', daysAgo: 38, keptDays: 25 },
  { book: 'jianshi', n: 2, openid: 'demo-member', daysAgo: 33, keptDays: 9 },
  { book: 'juexing', n: 1, openid: 'demo-retired', daysAgo: 21, keptDays: 14 },
  { book: 'jianshi', n: 1, openid: 'demo-member-b', daysAgo: 12, keptDays: 6 },
  { book: 'hongxing', n: 1, openid: 'demo-member', daysAgo: 16, keptDays: 10 },
  // On loan now: 红岩 with demo-member, five days overdue; 平凡的世界 with demo-retired.
  { book: 'hongyan', n: 1, openid: 'demo-member', daysAgo: 35 },
  { book: 'pingfan', n: 1, openid: 'demo-retired', daysAgo: 10 },
]

const NAMES: Record<string, string> = { 'demo-member': '张明', 'demo-retired': '陈秀英', 'demo-member-b': '刘洋' }

export async function seedLibrary(db: SeedDatabase, now: Date) {
  const { data: sites } = await db.collection(COLLECTIONS.sites).where({ type: 'library' }).get()
  const pathOf = new Map((sites as Array<{ _id: string; managingOrgPath: string[] }>).map((s) => [s._id, s.managingOrgPath]))
  const books = new Map<string, BookDoc>()
  const copies = new Map<string, CopyDoc>()
  for (const b of BOOKS) {
    const id = bookIdOf(b.siteId, b.isbn ?? `demo${b.key}`)
    const book: BookDoc = {
      _id: id, siteId: b.siteId, siteName: SITE_NAMES[b.siteId], managingOrgPath: pathOf.get(b.siteId) ?? [],
      isbn: b.isbn ?? null, title: b.title, author: b.author, publisher: b.publisher, shelf: b.shelf, copies: b.copies,
      createdAt: new Date(now.getTime() - 60 * DAY),
    }
    books.set(b.key, book)
    for (let n = 1; n <= b.copies; n++) {
      copies.set(`${b.key}-${n}`, {
        _id: copyIdOf(id, n), bookId: id, siteId: b.siteId, siteName: book.siteName, managingOrgPath: book.managingOrgPath,
        title: b.title, shelf: b.shelf, n, state: 'shelf', ...NO_LOAN,
      })
    }
  }
  copies.get('juexing-2')!.state = 'damaged'

  const history: LoanDoc[] = []
  for (const l of LOANS) {
    const copy = copies.get(`${l.book}-${l.n}`)!
    const borrowedAt = new Date(now.getTime() - l.daysAgo * DAY)
    const { due, dueDate } = dueAfter(shanghaiDate(borrowedAt), 30)
    const loan = {
      loanId: loanIdOf(copy._id, borrowedAt), holder: l.openid, holderName: NAMES[l.openid], borrowedAt,
      borrowMonth: shanghaiMonth(borrowedAt), due, dueDate, renewed: false, remind: false, remindedSoon: false, remindedDue: false,
    }
    if (l.keptDays === undefined) {
      Object.assign(copy, loan, { state: 'lent', returnedAt: null })
      continue
    }
    const returnedAt = new Date(borrowedAt.getTime() + l.keptDays * DAY)
    Object.assign(copy, loan, { returnedAt })
    history.push({
      _id: loan.loanId, copyId: copy._id, bookId: copy.bookId, siteId: copy.siteId, siteName: copy.siteName, title: copy.title,
      openid: l.openid, name: NAMES[l.openid], borrowedAt, borrowMonth: loan.borrowMonth, due, dueDate, renewed: false,
      returnedAt, ended: 'returned',
    })
  }
  await putAll(db, COLLECTIONS.libraryBooks, [...books.values()] as unknown as Array<{ _id: string }>)
  await putAll(db, COLLECTIONS.libraryCopies, [...copies.values()] as unknown as Array<{ _id: string }>)
  await putAll(db, COLLECTIONS.libraryLoans, history as unknown as Array<{ _id: string }>)
  // The figures come from the recount the daily timer runs: the seed cannot disagree with it.
  const month = shanghaiMonth(now)
  for (const m of [month, previousMonth(month), previousMonth(previousMonth(month))]) {
    await libraryFigures.recountMonth(db as never, m, now)
  }
}

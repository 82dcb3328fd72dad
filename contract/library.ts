// The 党建书屋 contract: a 书屋 (a site of type `library`) keeps a catalogue of books, each with numbered copies that
// carry a printed label; a member scans a copy's label to borrow, return or renew it without staff; the managers
// (the secretary whose scope holds the site's organisation, and the district office) add books, print labels, mark
// copies lost or damaged, follow the overdue list and read the monthly figures.
import { z } from 'zod'
import { cursor, flag, id, oneOf, text, valuesOf } from './common'
import { LIBRARY_BORROW_PAGE } from './pages'
import { month } from './site'

export { LIBRARY_BORROW_PAGE }

export const LIBRARY_RULES = {
  /** A loan is due at the end of this many days after the day it is borrowed (Asia/Shanghai). */
  loanDays: 30,
  /** A renewal adds this many days to the due date; once per loan, and not once the loan is overdue. */
  renewDays: 30,
  /** Reminders (subscribe messages): this many days before the due date, and on the day. */
  remindDaysBefore: 3,
  maxCopies: 20,
  title: 60,
  author: 40,
  publisher: 40,
  shelf: 20,
  reason: 100,
} as const

/**
 * The two reminder templates (借阅到期提醒: 3 days before, and on the day) the borrow tap asks for at once. The
 * functions take the environment's real ids from WX_TEMPLATE_LIBRARY_DUE_SOON / WX_TEMPLATE_LIBRARY_DUE; the app's
 * build sets the same ones here.
 */
export const LIBRARY_REMINDER_TEMPLATES = { soon: 'library-due-soon', due: 'library-due-today' } as const

export const COPY_STATE_LABELS = { shelf: '在架', lent: '已借出', lost: '遗失', damaged: '损坏' } as const
export type CopyState = keyof typeof COPY_STATE_LABELS
/** What a manager may set a copy to: lost, damaged, or back on the shelf (found, repaired, returned at the desk). */
export const COPY_MARKS = ['lost', 'damaged', 'shelf'] as const

/**
 * An ISBN as printed or scanned (ISBN-10 or ISBN-13, hyphens and spaces allowed), as its ISBN-13 digits; null when it
 * is not a valid ISBN. The check digit is verified, so a mistyped digit is caught before anything is stored.
 */
export function normalizeIsbn(raw: string): string | null {
  const s = raw.replace(/[\s-]/g, '').toUpperCase()
  if (/^\d{9}[\dX]$/.test(s)) {
    const sum = [...s].reduce((acc, ch, i) => acc + (ch === 'X' ? 10 : Number(ch)) * (10 - i), 0)
    if (sum % 11 !== 0 || s.slice(0, 9).includes('X')) return null
    const body = `978${s.slice(0, 9)}`
    return body + isbn13Check(body)
  }
  if (/^97[89]\d{10}$/.test(s)) return isbn13Check(s.slice(0, 12)) === s[12] ? s : null
  return null
}

function isbn13Check(twelve: string): string {
  const sum = [...twelve].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0)
  return String((10 - (sum % 10)) % 10)
}

export const isbn = z.string({ invalid_type_error: 'ISBN 格式不正确' }).max(20, 'ISBN 格式不正确')
  .transform((v, ctx) => {
    const n = normalizeIsbn(v)
    if (!n) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'ISBN 不正确：请核对书背条形码下方的 10 位或 13 位数字（末位是校验位）' })
      return z.NEVER
    }
    return n
  })

const offsetCursor = z.string({ invalid_type_error: '翻页位置格式不正确' }).regex(/^\d{1,6}$/, '翻页位置格式不正确')

export const librarySchemas = {
  /** A 书屋's books, by shelf then title (public: the catalogue is shown to anyone). */
  catalogue: z.object({ siteId: id('书屋'), cursor: offsetCursor.optional() }).strict(),
  /** One book with its copies and their states (who holds a copy: its managers only). */
  book: z.object({ id: id('图书') }).strict(),
  /** What scanning a copy's label shows: the book, the copy's state, the due date a loan now would have. */
  copy: z.object({ id: id('图书编号') }).strict(),
  /** `remind`: the borrower agreed to the two reminders (subscribe messages) at this tap. */
  borrow: z.object({ copyId: id('图书编号'), remind: flag('到期提醒').optional() }).strict(),
  return: z.object({ copyId: id('图书编号') }).strict(),
  renew: z.object({ copyId: id('图书编号') }).strict(),
  /** The caller's loans: those held now, and the returned ones, latest first, a page at a time. */
  mine: z.object({ cursor: cursor.optional() }).strict(),
  addBook: z.object({
    siteId: id('书屋'),
    isbn: isbn.optional(),
    title: text('书名', { max: LIBRARY_RULES.title }),
    author: text('作者', { max: LIBRARY_RULES.author }).optional(),
    publisher: text('出版社', { max: LIBRARY_RULES.publisher }).optional(),
    copies: z.number({ required_error: '请填写册数', invalid_type_error: '册数应为数字' }).int('册数应为整数')
      .min(1, '册数至少为 1').max(LIBRARY_RULES.maxCopies, `一次最多添加 ${LIBRARY_RULES.maxCopies} 册`),
    shelf: text('书架位置', { max: LIBRARY_RULES.shelf }),
  }).strict(),
  /** A book's labels to print: each copy with the URL its QR code carries. */
  labels: z.object({ bookId: id('图书') }).strict(),
  markCopy: z.object({
    copyId: id('图书编号'),
    state: oneOf('图书状态', COPY_MARKS),
    reason: text('说明', { max: LIBRARY_RULES.reason }).optional(),
  }).strict(),
  /** The 书屋's overdue loans, the longest overdue first. */
  overdue: z.object({ siteId: id('书屋'), cursor: cursor.optional() }).strict(),
  figures: z.object({ siteId: id('书屋'), month: month.optional() }).strict(),
  recount: z.object({ month: month.optional() }).strict(),
}

export type LibraryInput = { [K in keyof typeof librarySchemas]: z.input<(typeof librarySchemas)[K]> }

export const COPY_STATES = valuesOf(COPY_STATE_LABELS)

export interface Book {
  id: string
  siteId: string
  siteName: string
  isbn: string | null
  title: string
  author: string | null
  publisher: string | null
  shelf: string
  /** Copies on the books, lost ones included; those on the shelf now. */
  copies: number
  available: number
}

export interface CopyView {
  id: string
  /** The number printed on the label: 第 n 册. */
  n: number
  state: CopyState
  /** When lent: the due date `YYYY-MM-DD` (Asia/Shanghai). */
  dueDate: string | null
  /** When lent: whether the caller holds it. */
  mine: boolean
  /** When lent and the caller manages the 书屋: who holds it. */
  holderName?: string
}

export interface Loan {
  id: string
  copyId: string
  bookId: string
  siteId: string
  siteName: string
  title: string
  borrowedAt: string
  dueDate: string
  renewed: boolean
  returnedAt: string | null
  /** Still held after its due date. */
  overdue: boolean
  /** How the loan ended: returned, or the copy was marked lost or damaged while lent. */
  ended: 'returned' | 'lost' | 'damaged' | null
}

export interface OverdueLoan extends Loan { holderName: string; daysOverdue: number }

export interface LibraryFigures {
  siteId: string
  month: string
  loans: number
  activeReaders: number
  /** Copies in circulation (lost ones left out) and loans per copy (three decimals; null without copies). */
  copies: number
  loansPerCopy: number | null
  mostBorrowed: Array<{ bookId: string; title: string; loans: number }>
  /** Books of the catalogue nobody borrowed this month. */
  notBorrowed: Array<{ bookId: string; title: string }>
}

export interface LibraryOutput {
  catalogue: { siteName: string; items: Book[]; nextCursor: string | null }
  book: Book & { copyList: CopyView[]; manages: boolean }
  copy: { book: Book; copy: CopyView; dueIfBorrowedNow: string; canRenew: boolean; manages: boolean }
  borrow: Loan
  return: Loan
  renew: Loan
  mine: { current: Loan[]; past: Loan[]; nextCursor: string | null }
  addBook: { id: string; copyIds: string[] }
  labels: { book: Book; labels: Array<{ copyId: string; n: number; url: string }> }
  markCopy: { copyId: string; state: CopyState }
  overdue: { items: OverdueLoan[]; nextCursor: string | null }
  figures: LibraryFigures
  recount: { month: string; repaired: number }
}

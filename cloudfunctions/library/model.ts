// What the 书屋 stores. A copy's document is the truth of who holds it: its current loan lives on it (so a borrow, a
// return and a renewal are each one conditional write of the copy, and a copy can never be lent twice); a loan that
// ended is copied into `libraryLoans` as history. Monthly figures are `libraryMonths` (figures.ts).
import type { Book, CopyState, CopyView, Loan } from '../../contract/library'
import { LIBRARY_RULES } from '../../contract/library'
import { addDays, shanghaiDate, shanghaiInstant } from '../common/time'

export interface BookDoc {
  _id: string
  siteId: string
  siteName: string
  /** The site's managing organisation's path: the scope rule reads it without reading the site. */
  managingOrgPath: string[]
  isbn: string | null
  title: string
  author: string | null
  publisher: string | null
  shelf: string
  /** Copies numbered 1..copies (lost ones keep their number). */
  copies: number
  createdAt: Date
}

/** The loan a copy is on, or the last one it was on (then `returnedAt` is set and the copy is back on the shelf). */
export interface CurrentLoan {
  loanId: string | null
  holder: string | null
  holderName: string | null
  borrowedAt: Date | null
  borrowMonth: string | null
  /** The end of the due date (Asia/Shanghai), and the date itself. */
  due: Date | null
  dueDate: string | null
  renewed: boolean
  remind: boolean
  remindedSoon: boolean
  remindedDue: boolean
  returnedAt: Date | null
}

export interface CopyDoc extends CurrentLoan {
  _id: string
  bookId: string
  siteId: string
  siteName: string
  managingOrgPath: string[]
  title: string
  shelf: string
  n: number
  state: CopyState
  /** Back on the shelf from a return whose history record is not written yet (loans.ts recordReturn). */
  unrecorded?: true
}

export type LoanEnd = 'returned' | 'lost' | 'damaged'

export interface LoanDoc {
  _id: string
  copyId: string
  bookId: string
  siteId: string
  siteName: string
  title: string
  openid: string
  name: string
  borrowedAt: Date
  borrowMonth: string
  due: Date
  dueDate: string
  renewed: boolean
  returnedAt: Date
  ended: LoanEnd
}

export interface LibraryMonthDoc {
  _id: string
  siteId: string
  month: string
  loans: number
  /** Loans this month by book id and by reader's openid. */
  books: Record<string, number>
  readers: Record<string, number>
}

export const bookIdOf = (siteId: string, key: string) => `${siteId}_${key}`
export const copyIdOf = (bookId: string, n: number) => `${bookId}-${n}`
/** A copy is on one loan at a time, and borrowed at most once per millisecond: the pair names the loan. */
export const loanIdOf = (copyId: string, at: Date) => `${copyId}-${at.getTime().toString(36)}`
export const libraryMonthId = (siteId: string, month: string) => `${siteId}_${month}`

export const NO_LOAN: CurrentLoan = {
  loanId: null, holder: null, holderName: null, borrowedAt: null, borrowMonth: null, due: null, dueDate: null,
  renewed: false, remind: false, remindedSoon: false, remindedDue: false, returnedAt: null,
}

/** The due date of a loan begun on `date` (or renewed from it), and the instant it ends: 23:59:59.999 in Shanghai. */
export function dueAfter(date: string, days: number): { dueDate: string; due: Date } {
  const dueDate = addDays(date, days)
  return { dueDate, due: new Date(shanghaiInstant(addDays(dueDate, 1)).getTime() - 1) }
}

export const loanDue = (at: Date) => dueAfter(shanghaiDate(at), LIBRARY_RULES.loanDays)

/** Whether a loan due on `dueDate` is overdue on `today` (both Asia/Shanghai dates). */
export const isOverdue = (dueDate: string, today: string) => today > dueDate

export function toBook(b: BookDoc, available: number): Book {
  return {
    id: b._id, siteId: b.siteId, siteName: b.siteName, isbn: b.isbn, title: b.title, author: b.author,
    publisher: b.publisher, shelf: b.shelf, copies: b.copies, available,
  }
}

export function toCopyView(c: CopyDoc, openid: string, manages: boolean): CopyView {
  const lent = c.state === 'lent'
  return {
    id: c._id,
    n: c.n,
    state: c.state,
    dueDate: lent ? c.dueDate : null,
    mine: lent && !!openid && c.holder === openid,
    ...(lent && manages && c.holderName ? { holderName: c.holderName } : {}),
  }
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

/** The loan a copy is on now (or ended just now, when `ended`). */
export function currentLoan(c: CopyDoc, today: string, ended: LoanEnd | null = null): Loan {
  return {
    id: c.loanId!, copyId: c._id, bookId: c.bookId, siteId: c.siteId, siteName: c.siteName, title: c.title,
    borrowedAt: iso(c.borrowedAt)!, dueDate: c.dueDate!, renewed: c.renewed, returnedAt: iso(c.returnedAt),
    overdue: !ended && isOverdue(c.dueDate!, today), ended,
  }
}

export function pastLoan(l: LoanDoc): Loan {
  return {
    id: l._id, copyId: l.copyId, bookId: l.bookId, siteId: l.siteId, siteName: l.siteName, title: l.title,
    borrowedAt: iso(l.borrowedAt)!, dueDate: l.dueDate, renewed: l.renewed, returnedAt: iso(l.returnedAt),
    overdue: false, ended: l.ended,
  }
}

/** The history record of the loan a copy was on, ended as `ended` at `at`. */
export function endedLoan(c: CopyDoc, ended: LoanEnd, at: Date): LoanDoc {
  return {
    _id: c.loanId!, copyId: c._id, bookId: c.bookId, siteId: c.siteId, siteName: c.siteName, title: c.title,
    openid: c.holder!, name: c.holderName ?? '', borrowedAt: c.borrowedAt!, borrowMonth: c.borrowMonth!,
    due: c.due!, dueDate: c.dueDate!, renewed: c.renewed, returnedAt: at, ended,
  }
}

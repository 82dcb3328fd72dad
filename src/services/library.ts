// The `library` function (党建书屋), typed by its contract: the public catalogue, a copy's borrow page (borrow,
// return, renew), the member's loans, and the managers' books, labels, copy states, overdue list and figures.
import type { LibraryInput } from '../../contract/library'
import { callerFor, type CallOptions } from './callFunction'

const call = callerFor('library')
const PUBLIC: CallOptions = { public: true }

export const libraryService = {
  catalogue: (siteId: string, cursor?: string) => call('catalogue', cursor ? { siteId, cursor } : { siteId }, PUBLIC),
  book: (id: string) => call('book', { id }, PUBLIC),
  copy: (id: string) => call('copy', { id }),
  borrow: (copyId: string, remind: boolean) => call('borrow', { copyId, remind }),
  giveBack: (copyId: string) => call('return', { copyId }),
  renew: (copyId: string) => call('renew', { copyId }),
  mine: (cursor?: string) => call('mine', cursor ? { cursor } : {}),
  addBook: (input: LibraryInput['addBook']) => call('addBook', input),
  labels: (bookId: string) => call('labels', { bookId }),
  markCopy: (input: LibraryInput['markCopy']) => call('markCopy', input),
  overdue: (siteId: string, cursor?: string) => call('overdue', cursor ? { siteId, cursor } : { siteId }),
  figures: (siteId: string, month?: string) => call('figures', month ? { siteId, month } : { siteId }),
}

export { COPY_STATE_LABELS, LIBRARY_BORROW_PAGE, LIBRARY_REMINDER_TEMPLATES, LIBRARY_RULES, normalizeIsbn } from '../../contract/library'
export type { Book, CopyView, LibraryFigures, LibraryOutput, Loan, OverdueLoan } from '../../contract/library'

// 党建书屋: the catalogue and labels (catalogue.ts), borrowing without staff (loans.ts), reminders (reminders.ts) and
// the monthly figures (figures.ts). Any approved member borrows; the 书屋's managers (the secretary whose scope holds
// the site's organisation, and the district office) run the catalogue, the overdue list and the figures.
import type { LibraryOutput } from '../../contract/library'
import { librarySchemas } from '../../contract/library'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { defineActions } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { addBook, bookOf, catalogue, labels, markCopy } from './catalogue'
import { figuresOf, libraryFigures } from './figures'
import { borrow, copyOf, giveBack, mine, overdue, renew } from './loans'

export const libraryActions = defineActions<typeof librarySchemas, LibraryOutput>({
  catalogue: { who: 'anyone', input: librarySchemas.catalogue, handler: (input) => catalogue(input) },
  book: { who: 'anyone', input: librarySchemas.book, handler: (input, { caller }) => bookOf(input, caller) },
  copy: { who: 'member', input: librarySchemas.copy, handler: (input, { person }) => copyOf(input, person) },
  borrow: { who: 'member', input: librarySchemas.borrow, handler: (input, { person }) => borrow(input, person) },
  // Whoever holds the copy returns it: the holder is the caller's openid, so the router need not read their record
  // (a return stays within 3 database operations; a member who has since left can still bring the book back).
  return: { who: 'signedIn', input: librarySchemas.return, handler: (input, { openid }) => giveBack(input, openid) },
  renew: { who: 'member', input: librarySchemas.renew, handler: (input, { person }) => renew(input, person) },
  mine: { who: 'member', input: librarySchemas.mine, handler: (input, { person }) => mine(input, person) },
  addBook: { who: 'secretary', input: librarySchemas.addBook, handler: (input, { person }) => addBook(input, person) },
  labels: { who: 'secretary', input: librarySchemas.labels, handler: (input, { person }) => labels(input, person) },
  markCopy: { who: 'secretary', input: librarySchemas.markCopy, handler: (input, { person }) => markCopy(input, person) },
  overdue: { who: 'secretary', input: librarySchemas.overdue, handler: (input, { person }) => overdue(input, person) },
  figures: { who: 'secretary', input: librarySchemas.figures, handler: (input, { person }) => figuresOf(input, person) },
  recount: {
    who: 'admin',
    input: librarySchemas.recount,
    handler: async (input) => {
      const month = input.month ?? shanghaiMonth(now())
      return { month, ...(await libraryFigures.recountMonth(database(), month, now())) }
    },
  },
})

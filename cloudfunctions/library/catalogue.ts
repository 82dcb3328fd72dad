// The catalogue: books added by their managers (by ISBN or by hand) with numbered copies, read by anyone; each copy's
// printable label; a manager marking a copy lost, damaged or back on the shelf. Every manager change writes its audit
// entry in the same transaction, under the 书屋 (site), so the site's 操作记录 shows it.
import type { LibraryInput, LibraryOutput } from '../../contract/library'
import { LIBRARY_BORROW_PAGE } from '../../contract/library'
import { audited, Tx } from '../common/audit'
import { newShortId } from '../common/checkInToken'
import { database, isDuplicateWrite } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { inScope, PersonDoc } from '../common/people'
import { publicH5Url } from '../common/publicUrl'
import { findDoc, loadDoc, pageAtOffset } from '../common/query'
import { shanghaiDate } from '../common/time'
import { whenAll } from '../common/whenAll'
import { BookDoc, bookIdOf, CopyDoc, copyIdOf, endedLoan, NO_LOAN, toBook, toCopyView } from './model'

const PAGE_SIZE = 20

interface LibrarySite { _id: string; name: string; type: string; managingOrgPath: string[]; active: boolean }

export const manages = (person: PersonDoc | null, thing: { managingOrgPath: string[] }) =>
  !!person && inScope(person, thing.managingOrgPath)

/** A 书屋: a site of type `library`. */
export async function loadLibrary(siteId: string): Promise<LibrarySite> {
  const site = await findDoc<LibrarySite>(COLLECTIONS.sites, siteId)
  if (!site || site.type !== 'library') throw fail.notFound('这个书屋')
  return site
}

export const loadBook = (id: string) => loadDoc<BookDoc>(COLLECTIONS.libraryBooks, id, () => fail.notFound('这本书'))
export const loadCopy = (id: string) => loadDoc<CopyDoc>(COLLECTIONS.libraryCopies, id, () => fail.notFound('这本书的编号'))

export const borrowUrl = (copyId: string) => `${publicH5Url()}/#/${LIBRARY_BORROW_PAGE}?t=${copyId}`

async function copiesOf(bookIds: string[]): Promise<CopyDoc[]> {
  if (bookIds.length === 0) return []
  const _ = database().command
  const { data } = await database().collection(COLLECTIONS.libraryCopies).where({ bookId: _.in(bookIds) })
    .orderBy('n', 'asc').limit(1000).get()
  return data as CopyDoc[]
}

const onShelf = (copies: CopyDoc[], bookId: string) => copies.filter((c) => c.bookId === bookId && c.state === 'shelf').length

export async function addBook(input: LibraryInput['addBook'] & { isbn?: string }, person: PersonDoc): Promise<LibraryOutput['addBook']> {
  const site = await loadLibrary(input.siteId)
  if (!manages(person, site)) throw fail.forbidden('只有书屋的管理党组织可以添加图书')
  const at = now()
  // One ISBN is one book of the 书屋 (adding it again is refused, not doubled); a book without one gets a fresh id.
  const id = bookIdOf(site._id, input.isbn ?? newShortId())
  const book: BookDoc = {
    _id: id, siteId: site._id, siteName: site.name, managingOrgPath: site.managingOrgPath, isbn: input.isbn ?? null,
    title: input.title, author: input.author ?? null, publisher: input.publisher ?? null, shelf: input.shelf,
    copies: input.copies, createdAt: at,
  }
  const copyIds = Array.from({ length: input.copies }, (_, i) => copyIdOf(id, i + 1))
  try {
    await audited(async (t) => {
      await t.collection(COLLECTIONS.libraryBooks).add(book)
      for (const [i, copyId] of copyIds.entries()) {
        const copy: CopyDoc = {
          _id: copyId, bookId: id, siteId: site._id, siteName: site.name, managingOrgPath: site.managingOrgPath,
          title: book.title, shelf: book.shelf, n: i + 1, state: 'shelf', ...NO_LOAN,
        }
        await t.collection(COLLECTIONS.libraryCopies).add(copy)
      }
      return {
        result: null,
        entry: {
          actor: person._id, actorName: person.name, action: 'library.addBook', targetType: 'site', targetId: site._id,
          detail: { bookId: id, title: book.title, copies: input.copies, isbn: book.isbn },
        },
      }
    })
  } catch (err) {
    if (isDuplicateWrite(err)) throw fail.alreadyDone(`《${input.title}》（ISBN ${input.isbn}）已在${site.name}的馆藏中`, { id })
    throw err
  }
  return { id, copyIds }
}

export async function catalogue(input: LibraryInput['catalogue']): Promise<LibraryOutput['catalogue']> {
  const site = await loadLibrary(input.siteId)
  const query = database().collection(COLLECTIONS.libraryBooks).where({ siteId: site._id })
    .orderBy('shelf', 'asc').orderBy('title', 'asc').orderBy('_id', 'asc')
  const { rows, nextCursor } = await pageAtOffset<BookDoc>(query, PAGE_SIZE, input.cursor)
  const copies = await copiesOf(rows.map((b) => b._id))
  return { siteName: site.name, items: rows.map((b) => toBook(b, onShelf(copies, b._id))), nextCursor }
}

export async function bookOf(input: LibraryInput['book'], caller: () => Promise<PersonDoc | null>): Promise<LibraryOutput['book']> {
  const [book, copies] = await whenAll([loadBook(input.id), copiesOf([input.id])])
  const person = await caller()
  const canManage = manages(person, book)
  return {
    ...toBook(book, onShelf(copies, book._id)),
    copyList: copies.map((c) => toCopyView(c, person?._id ?? '', canManage)),
    manages: canManage,
  }
}

export async function labels(input: LibraryInput['labels'], person: PersonDoc): Promise<LibraryOutput['labels']> {
  const [book, copies] = await whenAll([loadBook(input.bookId), copiesOf([input.bookId])])
  if (!manages(person, book)) throw fail.forbidden('只有书屋的管理党组织可以打印标签')
  return {
    book: toBook(book, onShelf(copies, book._id)),
    labels: copies.map((c) => ({ copyId: c._id, n: c.n, url: borrowUrl(c._id) })),
  }
}

const MARK_WORDS = { lost: '遗失', damaged: '损坏', shelf: '在架' } as const

/**
 * A manager sets a copy lost, damaged or back on the shelf. A copy on loan ends its loan (lost/damaged with the
 * borrower, or handed back at the desk) into the history, in the same transaction as the copy and the audit entry.
 */
export async function markCopy(input: LibraryInput['markCopy'], person: PersonDoc): Promise<LibraryOutput['markCopy']> {
  const at = now()
  return audited(async (t: Tx) => {
    const ref = t.collection(COLLECTIONS.libraryCopies).doc(input.copyId)
    const { data } = await ref.get()
    const copy = data as CopyDoc | null
    if (!copy) throw fail.notFound('这本书的编号')
    if (!manages(person, copy)) throw fail.forbidden('只有书屋的管理党组织可以登记图书状态')
    if (copy.state === input.state) throw fail.alreadyDone(`《${copy.title}》第 ${copy.n} 册已经是“${MARK_WORDS[input.state]}”`)
    if (copy.state === 'lent') {
      await t.collection(COLLECTIONS.libraryLoans).add(endedLoan(copy, input.state === 'shelf' ? 'returned' : input.state, at))
    }
    await ref.update(copy.state === 'lent' ? { state: input.state, returnedAt: at } : { state: input.state })
    return {
      result: { copyId: copy._id, state: input.state },
      entry: {
        actor: person._id, actorName: person.name, action: 'library.markCopy', targetType: 'site', targetId: copy.siteId,
        reason: input.reason,
        detail: { copyId: copy._id, title: copy.title, n: copy.n, from: copy.state, to: input.state,
          ...(copy.state === 'lent' ? { holder: copy.holderName, dueDate: copy.dueDate, on: shanghaiDate(at) } : {}) },
      },
    }
  })
}

/** A refusal naming what the copy is doing, for a scan that could not borrow, return or renew it. */
export function notAvailable(copy: CopyDoc, openid: string): ApiFailure {
  const name = `《${copy.title}》第 ${copy.n} 册`
  if (copy.state === 'lent' && copy.holder === openid) return fail.alreadyDone(`${name}已在您手上，应还日期 ${copy.dueDate}`)
  if (copy.state === 'lent') return fail.conflict(`${name}已被借出，应还日期 ${copy.dueDate}，可以先看看书架上的其他书`)
  return new ApiFailure('NOT_OPEN', `${name}已登记为${MARK_WORDS[copy.state as 'lost' | 'damaged']}，暂不能借阅，请联系书屋管理员`)
}

// Who may do what in the 书屋: every action of the library function by every kind of caller (the router's `who`
// rule), and the scope rule — the secretary of another community cannot add books to, print labels of, mark copies
// of, or read the overdue list and figures of a 书屋 of community A; its own secretary and the district office can.
import { libraryActions } from '../../cloudfunctions/library/actions'
import { Manager, managerOf, managerOutcome, MANAGERS, runAccessMatrix } from '../helpers/accessMatrix'
import { outcome } from '../helpers/bed'
import { BOOKS_A, freshIsbn, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

let shared: { id: string; copyIds: string[] }
beforeAll(async () => { shared = await bed.book({ copies: 1 }) })

/** A fresh copy lent to `openid`'s caller, for return and renew. */
async function lentTo(kind: { openid: string | null }) {
  const { copyIds: [copyId] } = await bed.book({ copies: 1 })
  if (kind.openid) await bed.demo[kind.openid as 'demo-member'].call('library', 'borrow', { copyId })
  return copyId
}

runAccessMatrix({
  bed,
  fn: 'library',
  // A return is open to whoever holds the copy (the holder is the caller's openid); anyone else reaches it and is told
  // the copy is already back on the shelf, as nobody lent it to them.
  alsoServed: ['ALREADY_DONE'],
  actions: libraryActions,
  access: {
    catalogue: 'anyone', book: 'anyone', copy: 'member', borrow: 'member', return: 'signedIn', renew: 'member', mine: 'member',
    addBook: 'secretary', labels: 'secretary', markCopy: 'secretary', overdue: 'secretary', figures: 'secretary', recount: 'admin',
  },
  async inputFor(action, caller) {
    switch (action) {
      case 'catalogue': case 'overdue': case 'figures': return { siteId: BOOKS_A }
      case 'book': return { id: shared.id }
      case 'copy': return { id: shared.copyIds[0] }
      case 'borrow': return { copyId: (await bed.book({ copies: 1 })).copyIds[0] }
      case 'return': case 'renew': return { copyId: await lentTo(caller) }
      case 'addBook': return { siteId: BOOKS_A, isbn: freshIsbn(), title: '权限测试用书', copies: 1, shelf: 'C-1' }
      case 'labels': return { bookId: shared.id }
      case 'markCopy': return { copyId: (await bed.book({ copies: 1 })).copyIds[0], state: 'damaged' }
      default: return {}
    }
  },
})

describe('a 书屋 is run by its organisation\'s secretary and the district office only', () => {
  const who = (role: Manager) => managerOf(bed, role)

  test.each(MANAGERS)('add a book: %s', async (role) => {
    const r = await who(role).call('library', 'addBook', { siteId: BOOKS_A, isbn: freshIsbn(), title: '范围测试', copies: 1, shelf: 'C-1' })
    expect(outcome(r)).toBe(managerOutcome(role))
  })

  test.each(MANAGERS)('labels, copy marks, overdue list and figures: %s', async (role) => {
    const { id, copyIds: [copyId] } = await bed.book({ copies: 1 })
    expect(outcome(await who(role).call('library', 'labels', { bookId: id }))).toBe(managerOutcome(role))
    expect(outcome(await who(role).call('library', 'markCopy', { copyId, state: 'damaged' }))).toBe(managerOutcome(role))
    expect((await bed.stored('libraryCopies', copyId)).state).toBe(role === 'otherCommunitySecretary' ? 'shelf' : 'damaged')
    expect(outcome(await who(role).call('library', 'overdue', { siteId: BOOKS_A }))).toBe(managerOutcome(role))
    expect(outcome(await who(role).call('library', 'figures', { siteId: BOOKS_A }))).toBe(managerOutcome(role))
  })

  test('who holds a copy is shown to its managers only', async () => {
    const { id, copyIds: [copyId] } = await bed.book({ copies: 1 })
    await bed.demo['demo-retired'].call('library', 'borrow', { copyId })
    const holderSeenBy = async (role: Manager | 'member') =>
      (await (role === 'member' ? bed.demo['demo-member'] : who(role)).call('library', 'book', { id })).data.copyList[0].holderName
    expect(await holderSeenBy('secretary')).toBe('陈秀英')
    expect(await holderSeenBy('admin')).toBe('陈秀英')
    expect(await holderSeenBy('otherCommunitySecretary')).toBeUndefined()
    expect(await holderSeenBy('member')).toBeUndefined()
    expect((await bed.anonymous.call('library', 'book', { id })).data.copyList[0]).toEqual({ id: copyId, n: 1, state: 'lent', dueDate: expect.any(String), mine: false })
  })
})

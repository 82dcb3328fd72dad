// Honest records: a book added and a copy marked lost, damaged or back on the shelf are audited in the same
// transaction as the change, under the 书屋, so the site's 操作记录 shows them.
import { libraryActions } from '../../cloudfunctions/library/actions'
import { runAuditTable } from '../helpers/auditTable'
import { BOOKS_A, freshIsbn, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const A = () => bed.demo['demo-secretary']

runAuditTable({
  bed,
  fn: 'library',
  actions: libraryActions,
  cases: {
    addBook: {
      by: A,
      input: async () => ({ siteId: BOOKS_A, isbn: freshIsbn(), title: '审计测试用书', copies: 2, shelf: 'D-1' }),
      action: 'library.addBook',
      targetType: 'site',
      targetId: (input) => input.siteId,
    },
    markCopy: {
      by: () => bed.demo['demo-admin'],
      input: async () => ({ copyId: (await bed.book({ copies: 1 })).copyIds[0], state: 'damaged', reason: '封面破损' }),
      action: 'library.markCopy',
      targetType: 'site',
      targetId: () => BOOKS_A,
    },
  },
  notAudited: {
    labels: 'reads a book and its copies to print their labels; writes nothing',
    overdue: 'reads the loans past their due date; writes nothing',
    figures: 'reads the pre-counted monthly figures; writes nothing',
    recount: 'sets the monthly figures to what the loans say (the timer runs the same); changes no record',
  },
})

test('a copy marked lost while lent: its loan, its mark and the entry commit together, naming the borrower', async () => {
  const { copyIds: [copyId] } = await bed.book({ copies: 1 })
  await bed.demo['demo-member'].call('library', 'borrow', { copyId })
  expect((await A().call('library', 'markCopy', { copyId, state: 'lost', reason: '读者报失' })).ok).toBe(true)
  const { data } = await bed.db().collection('audit').where({ subjects: `site:${BOOKS_A}`, action: 'library.markCopy', 'detail.copyId': copyId }).get()
  expect(data).toEqual([expect.objectContaining({ reason: '读者报失', detail: expect.objectContaining({ from: 'lent', to: 'lost', holder: '张明' }) })])
  const copy = await bed.stored('libraryCopies', copyId)
  expect(await bed.stored('libraryLoans', copy.loanId)).toMatchObject({ ended: 'lost', openid: 'demo-member' })
})

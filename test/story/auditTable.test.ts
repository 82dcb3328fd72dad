// Honest records (issue 9): every change a secretary or the district office makes to a story is audited in the same
// transaction as the change; a review killed after any of its steps leaves the story moved and its entry, or neither.
import { storyActions } from '../../cloudfunctions/story/actions'
import { crashEverywhere, runAuditTable } from '../helpers/auditTable'
import { useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

runAuditTable({
  bed,
  fn: 'story',
  actions: storyActions,
  cases: {
    review: {
      by: () => bed.demo['demo-secretary'],
      input: async () => ({ id: await bed.storyIn('pending'), decision: 'approve', featured: true }),
      action: 'story.approve',
      targetType: 'story',
      targetId: (input) => input.id,
    },
  },
  notAudited: {
    queue: 'reads the review queue; writes nothing',
    stats: 'reads the pre-counted monthly figures; writes nothing',
  },
})

test('a review killed after any of its steps: the story is moved with its audit entry, or neither happened', async () => {
  const outcome = await crashEverywhere({
    bed,
    fn: 'story',
    name: 'review',
    prepare: () => bed.storyIn('pending'),
    act: (id) => bed.demo['demo-secretary'].call('story', 'review', { id, decision: 'reject', reason: '内容与事实不符' }),
    changed: async (id) => (await bed.stored('stories', id)).status === 'rejected',
    entries: async (id) => (await bed.db().collection('audit').where({ targetId: id, action: 'story.reject' }).get()).data,
  })
  // Killed before the commit, nothing; after it (the author's message and the figures still to come), both.
  expect(outcome.kept).toBeGreaterThan(0)
  expect(outcome.lost).toBeGreaterThan(0)
})

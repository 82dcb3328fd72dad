// The review state machine: which event moves a story from which state to which, and the one way a transition is
// written — read and updated in one transaction with its audit entry (two reviewers at once: the first writer wins,
// the other reads the moved story again and gets CONFLICT), the history entry in the same write. And the review.
import type { StoryEvent, StoryInput, StoryOutput, StoryStatus } from '../../contract/story'
import { STORY_STATUS_LABELS } from '../../contract/story'
import { updateAudited } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { inScope, PersonDoc } from '../common/people'
import { storyFigures } from './figures'
import { feedRank, StoredHistoryEntry, StoryDoc } from './model'
import { tellAuthor } from './messages'

// A photo removed by the media check changes no state: it is history only (photoChecks.ts).
type Transitionable = Exclude<StoryEvent, 'submit' | 'photoRemoved'>

export const TRANSITIONS: Record<Transitionable, { from: StoryStatus[]; to: StoryStatus }> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  return: { from: ['pending'], to: 'returned' },
  revise: { from: ['returned'], to: 'pending' },
  withdraw: { from: ['pending', 'approved', 'rejected', 'returned'], to: 'withdrawn' },
}

/** Why `event` cannot happen to a story in `status`, in words the person can act on. */
function refusal(event: Transitionable, status: StoryStatus): ApiFailure {
  if (event === 'withdraw') return fail.alreadyDone('这篇故事已经撤回')
  if (status === 'withdrawn') return fail.conflict('作者已撤回这篇故事')
  if (event === 'revise') return fail.conflict(`这篇故事${STORY_STATUS_LABELS[status]}，只有退回修改的故事可以修改`)
  return fail.conflict(`这篇故事已经审核过（${STORY_STATUS_LABELS[status]}），请刷新后查看`)
}

/** Refuses early (before any write, before the content check) when the event cannot happen in the story's state. */
export function assertCan(event: Transitionable, story: StoryDoc) {
  if (!TRANSITIONS[event].from.includes(story.status)) throw refusal(event, story.status)
}

export interface TransitionArgs {
  event: Transitionable
  id: string
  actor: PersonDoc
  /** The version the caller read and checked before (a revision's content check): moved since, it answers CONFLICT. */
  version?: number
  /** Checks the story as read in the transaction (the reviewer's scope); a throw refuses, writing nothing. */
  check?: (story: StoryDoc) => void
  reason?: string
  featured?: boolean
  /** Further fields the transition sets (content of a revision, publication of an approval ...). */
  fields?: (at: Date, story: StoryDoc) => Record<string, unknown>
}

/**
 * Moves the story along `event`, its history entry in the same write and its audit entry in the same transaction;
 * throws CONFLICT when someone else moved it first. Returns the story as it was and the time it happened.
 */
export async function transition({ event, id, actor, version, check, reason, featured, fields }: TransitionArgs) {
  const _ = database().command
  const at = now()
  const entry: StoredHistoryEntry = { event, by: actor._id, byName: actor.name, at }
  if (reason) entry.reason = reason
  if (featured !== undefined) entry.featured = featured
  const { to } = TRANSITIONS[event]
  const story = await updateAudited<StoryDoc, StoryDoc>(COLLECTIONS.stories, id, () => fail.notFound('这篇故事'), (s) => {
    if (version !== undefined && s.version !== version) throw fail.conflict('有人刚刚处理过这篇故事，请刷新后再试')
    check?.(s)
    assertCan(event, s)
    return {
      patch: { ...(fields ? fields(at, s) : {}), status: to, version: _.inc(1), updatedAt: at, history: _.push([entry]) },
      entry: {
        actor: actor._id,
        actorName: actor.name,
        action: `story.${event}`,
        targetType: 'story',
        targetId: s._id,
        ...(reason ? { reason } : {}),
        detail: { from: s.status, to, title: s.title, ...(featured !== undefined ? { featured } : {}) },
      },
      result: s,
    }
  })
  return { at, story }
}

/** A reviewer in scope (never the author) approves (featured or not), rejects or returns a pending story. */
export async function review(input: StoryInput['review'], person: PersonDoc): Promise<StoryOutput['review']> {
  const featured = input.decision === 'approve' ? input.featured === true : false
  const db = database()
  const { at, story } = await transition({
    event: input.decision,
    id: input.id,
    actor: person,
    check: (s) => {
      if (!inScope(person, s.orgPath)) throw fail.forbidden('这篇故事不在您管理的党组织内')
      if (s.author === person._id) throw fail.forbidden('不能审核自己写的故事，请由上级党组织审核')
    },
    reason: input.reason,
    featured: input.decision === 'approve' ? featured : undefined,
    fields: (when, s) => ({
      reviewedAt: when,
      reviewedBy: person._id,
      // One subscribe message per consent: this one is used now.
      subscribe: false,
      ...(input.decision === 'approve'
        ? { featured, publishedAt: when, feedRank: feedRank(featured, when, s._id) }
        : { reviewNote: input.reason }),
    }),
  })
  await tellAuthor(db, story, input.decision, at, input.reason, featured)
  if (input.decision === 'approve') {
    await storyFigures.record(db, { orgPath: story.orgPath, at, events: featured ? ['approved', 'featured'] : ['approved'] })
  }
  const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'returned'
  return { id: story._id, status, featured }
}

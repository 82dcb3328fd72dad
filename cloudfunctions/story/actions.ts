// 党员微故事: submit, review, publish and spread. Writing is in writing.ts, the state machine and the review in
// review.ts, reading in reading.ts, messages in messages.ts, photos in photoChecks.ts, the figures in figures.ts.
import type { StoryOutput } from '../../contract/story'
import { storySchemas } from '../../contract/story'
import { RATE_LIMITS } from '../common/rateLimit'
import { defineActions } from '../common/router'
import { stats } from './figures'
import { markRead, messages } from './messages'
import { uploadPhoto } from './photoChecks'
import { feed, like, mine, queue, read, share } from './reading'
import { review } from './review'
import { revise, submit, withdraw } from './writing'

export const storyActions = defineActions<typeof storySchemas, StoryOutput>({
  submit: { who: 'member', input: storySchemas.submit, limit: RATE_LIMITS.submit, handler: (input, { person }) => submit(input, person) },
  revise: { who: 'member', input: storySchemas.revise, handler: (input, { person }) => revise(input, person) },
  withdraw: { who: 'member', input: storySchemas.withdraw, handler: (input, { person }) => withdraw(input, person) },
  review: { who: 'secretary', input: storySchemas.review, handler: (input, { person }) => review(input, person) },
  feed: { who: 'anyone', input: storySchemas.feed, handler: (input) => feed(input) },
  get: { who: 'anyone', input: storySchemas.get, handler: (input, { openid, caller }) => read(input, openid, caller) },
  like: { who: 'signedIn', input: storySchemas.like, limit: RATE_LIMITS.like, handler: (input, { openid }) => like(input.id, openid, input.liked) },
  share: { who: 'anyone', input: storySchemas.share, limit: RATE_LIMITS.share, handler: (input, { openid }) => share(input.id, openid) },
  queue: { who: 'secretary', input: storySchemas.queue, handler: (input, { person }) => queue(input, person) },
  mine: { who: 'member', input: storySchemas.mine, handler: (input, { openid }) => mine(input, openid) },
  messages: { who: 'signedIn', input: storySchemas.messages, handler: (input, { openid }) => messages(input, openid) },
  readMessages: { who: 'signedIn', input: storySchemas.readMessages, handler: (input, { openid }) => markRead(input, openid) },
  stats: { who: 'secretary', input: storySchemas.stats, handler: (input, { person }) => stats(input, person) },
  uploadPhoto: { who: 'member', input: storySchemas.uploadPhoto, limit: RATE_LIMITS.uploadPhoto, handler: (_input, { openid }) => uploadPhoto(openid) },
})

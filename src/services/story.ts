// The `story` function, typed by its contract: the feed and story page (open to anyone), writing and revising,
// likes and shares, my stories and messages, the secretary's review queue.
import Taro from '@tarojs/taro'
import type { StoryCategory, StoryInput } from '../../contract/story'
import { callerFor, type CallOptions } from './callFunction'

const call = callerFor('story')

const PUBLIC: CallOptions = { public: true }

const DEVICE_KEY = 'ps-reader-device'

/** An id this device made once and keeps: a reader without sign-in has their view counted once a day, like anyone. */
function readerDevice(): string {
  const kept: unknown = Taro.getStorageSync(DEVICE_KEY)
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(kept)) return kept
  const made = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  Taro.setStorageSync(DEVICE_KEY, made)
  return made
}
const page = (cursor?: string | null) => (cursor ? { cursor } : {})

export type StoryDraftInput = StoryInput['submit']
export type StoryReviewInput = StoryInput['review']

export const storyService = {
  feed: (input: { cursor?: string | null; category?: StoryCategory } = {}) =>
    call('feed', { ...page(input.cursor), ...(input.category ? { category: input.category } : {}) }, PUBLIC),
  get: (id: string) => call('get', { id, device: readerDevice() }, PUBLIC),
  share: (id: string) => call('share', { id }, PUBLIC),
  /** Sets the caller's like to `liked` (what they saw and tapped), so a repeat changes nothing. */
  like: (id: string, liked: boolean) => call('like', { id, liked }),
  submit: (input: StoryInput['submit']) => call('submit', input),
  revise: (input: StoryInput['revise']) => call('revise', input),
  withdraw: (id: string) => call('withdraw', { id }),
  mine: (cursor?: string | null) => call('mine', page(cursor)),
  messages: (cursor?: string | null) => call('messages', page(cursor)),
  readMessages: (ids: string[]) => call('readMessages', { ids }),
  queue: (cursor?: string | null) => call('queue', page(cursor)),
  review: (input: StoryInput['review']) => call('review', input),
  uploadPhoto: () => call('uploadPhoto', {}),
}

// What a person reads for the contract's story enums and limits: the contract's own values.
export {
  PHOTO_CHECK_LABELS, STORY_CATEGORIES, STORY_CATEGORY_LABELS, STORY_DETAIL_PAGE, STORY_LIMITS, STORY_STATUS_LABELS,
} from '../../contract/story'

/**
 * 审核结果通知: the subscribe-message template the author is asked to accept at submission (weapp). The same id is
 * set on the function as WX_TEMPLATE_STORY_REVIEWED; replace both with the district's own template id.
 */
export const STORY_REVIEW_TEMPLATE_ID = 'story-review-result'

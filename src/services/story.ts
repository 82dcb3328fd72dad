// The `story` function, typed by its contract: the feed and story page (open to anyone), writing and revising,
// likes and shares, my stories and messages, the secretary's review queue.
import type { ApiResult } from '../../contract/common'
import type { StoryCategory, StoryInput, StoryOutput, StoryStatus } from '../../contract/story'
import { callFunction, type CallOptions } from './callFunction'

type StoryAction = keyof StoryOutput

function call<A extends StoryAction>(action: A, input: StoryInput[A], options?: CallOptions): Promise<ApiResult<StoryOutput[A]>> {
  return callFunction<StoryOutput[A]>('story', action, input, options)
}

const PUBLIC: CallOptions = { public: true }
const page = (cursor?: string | null) => (cursor ? { cursor } : {})

export type StoryDraftInput = StoryInput['submit']
export type StoryReviewInput = StoryInput['review']

export const storyService = {
  feed: (input: { cursor?: string | null; category?: StoryCategory } = {}) =>
    call('feed', { ...page(input.cursor), ...(input.category ? { category: input.category } : {}) }, PUBLIC),
  get: (id: string) => call('get', { id }, PUBLIC),
  share: (id: string) => call('share', { id }, PUBLIC),
  like: (id: string) => call('like', { id }),
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

// What a person reads for the contract's story enums and limits. The contract's own copies live in a module that
// imports zod, which must stay out of the app bundle; test/app/storyLabels.test.tsx keeps these equal to them.
export const STORY_CATEGORIES: readonly StoryCategory[] = ['ordinaryPost', 'veteran', 'volunteer', 'frontline', 'other']

export const STORY_CATEGORY_LABELS: Record<StoryCategory, string> = {
  ordinaryPost: '平凡岗位', veteran: '离退休老党员', volunteer: '志愿服务', frontline: '急难险重', other: '其他',
}

export const STORY_STATUS_LABELS: Record<StoryStatus, string> = {
  pending: '待审核', approved: '已发布', rejected: '未通过', returned: '退回修改', withdrawn: '已撤回',
}

export const STORY_LIMITS = { title: 30, content: 2000, images: 9, reason: 500, subjectName: 20, feedPage: 20 } as const

/** The mini-program page of one story (`?id=`), as the contract names it for subscribe messages. */
export const STORY_DETAIL_PAGE = 'pages/story/detail'

/**
 * 审核结果通知: the subscribe-message template the author is asked to accept at submission (weapp). The same id is
 * set on the function as WX_TEMPLATE_STORY_REVIEWED; replace both with the district's own template id.
 */
export const STORY_REVIEW_TEMPLATE_ID = 'story-review-result'

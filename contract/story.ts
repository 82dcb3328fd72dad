// 党员微故事: the `story` function's actions, their input schemas and the shapes they answer.
//
// A story's life (one explicit state machine, kept in cloudfunctions/story/review.ts):
//   pending ──approve──▶ approved (published; featured or not)
//   pending ──reject───▶ rejected (reason required)
//   pending ──return───▶ returned ──revise (author)──▶ pending
//   any state but withdrawn ──withdraw (author)──▶ withdrawn
import { z } from 'zod'
import { cursor, flag, id, oneOf, text, valuesOf } from './common'

export const STORY_CATEGORY_LABELS = {
  ordinaryPost: '平凡岗位', veteran: '离退休老党员', volunteer: '志愿服务', frontline: '急难险重', other: '其他',
}
export type StoryCategory = keyof typeof STORY_CATEGORY_LABELS
export const STORY_CATEGORIES = valuesOf(STORY_CATEGORY_LABELS)

export const STORY_STATUS_LABELS = {
  pending: '待审核', approved: '已发布', rejected: '未通过', returned: '退回修改', withdrawn: '已撤回',
}
export type StoryStatus = keyof typeof STORY_STATUS_LABELS
export const STORY_STATUSES = valuesOf(STORY_STATUS_LABELS)

export const REVIEW_DECISIONS = ['approve', 'reject', 'return'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]

/** What happened to a story, as kept in its history. */
export type StoryEvent = 'submit' | ReviewDecision | 'revise' | 'withdraw' | 'photoRemoved'

export { STORY_DETAIL_PAGE } from './pages'

export const STORY_LIMITS = { title: 30, content: 2000, images: 9, reason: 500, subjectName: 20, feedPage: 20 } as const

/** A photo already uploaded to cloud storage: its fileID, `cloud://<env>.<bucket>/<path>`. */
export const fileId = z.string({ invalid_type_error: '照片格式不正确' })
  .max(256, '照片地址太长')
  .regex(/^cloud:\/\/[^/\s]+\/[^\s?#]+$/, '照片应先上传到云存储')

const images = z.array(fileId, { invalid_type_error: '照片格式不正确' })
  .max(STORY_LIMITS.images, `最多 ${STORY_LIMITS.images} 张照片`)

/**
 * Whom the story is about: `{ self: true }` (the author), or another member (`self` absent or false), named, with
 * the author's confirmation that the person agreed to be written about.
 */
const subject = z.object({
  self: flag('是否写自己').optional(),
  name: text('被讲述人姓名', { max: STORY_LIMITS.subjectName }).optional(),
  orgId: id('被讲述人所在党组织').optional(),
  retired: flag('被讲述人是否离退休').optional(),
  consent: z.literal(true, { errorMap: () => ({ message: '请确认被讲述人已同意讲述他/她的故事' }) }).optional(),
}, { required_error: '请选择故事的主人公', invalid_type_error: '故事的主人公格式不正确' }).strict().superRefine((s, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
  if (s.self) {
    for (const k of ['name', 'orgId', 'retired', 'consent'] as const) {
      if (s[k] !== undefined) issue(k, '写自己的故事时不需要填写主人公信息')
    }
    return
  }
  if (s.name === undefined) issue('name', '请填写被讲述人姓名')
  if (s.retired === undefined) issue('retired', '请选择被讲述人是否离退休')
  if (s.consent === undefined) issue('consent', '请确认被讲述人已同意讲述他/她的故事')
}).transform((s): SubjectInput => (s.self ? { self: true } : {
  name: s.name!, retired: s.retired!, consent: true, ...(s.orgId ? { orgId: s.orgId } : {}),
}))

export type SubjectInput = { self: true } | { name: string; orgId?: string; retired: boolean; consent: true }

const storyFields = {
  title: text('标题', { max: STORY_LIMITS.title }),
  content: text('正文', { max: STORY_LIMITS.content }),
  category: oneOf('故事类别', STORY_CATEGORIES),
  images: images.optional(),
  subject,
  /** The author agreed (one tap, on weapp) to one subscribe message telling them the review result. */
  subscribe: flag('是否接收审核结果通知').optional(),
  /** A 读书心得: the book it is about (a 党建书屋 loan's 写读书心得 starts the draft with it). */
  book: text('书名', { max: 60 }).optional(),
}

const month = z.string({ invalid_type_error: '月份格式不正确' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2026-11')

export const storySchemas = {
  submit: z.object({
    ...storyFields,
    /**
     * Made by the device when a draft starts: submitting the same draft again (a retry after a lost answer, a
     * double tap) answers the story it already made instead of making a second one.
     */
    draftId: id('草稿').optional(),
  }).strict(),
  revise: z.object({ id: id('故事'), ...storyFields }).strict(),
  withdraw: z.object({ id: id('故事') }).strict(),
  review: z.object({
    id: id('故事'),
    decision: oneOf('审核结果', REVIEW_DECISIONS),
    reason: text('原因', { max: STORY_LIMITS.reason }).optional(),
    featured: flag('是否精选').optional(),
  }).strict().superRefine((r, ctx) => {
    if (r.decision === 'reject' && !r.reason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: '请填写不通过的原因' })
    }
    if (r.decision === 'return' && !r.reason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: '请填写修改意见' })
    }
    if (r.decision !== 'approve' && r.featured !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['featured'], message: '只有通过的故事可以设为精选' })
    }
  }),
  feed: z.object({
    cursor: cursor.optional(),
    limit: z.number({ invalid_type_error: '每页条数应为数字' }).int('每页条数应为整数')
      .min(1, '每页至少 1 条').max(STORY_LIMITS.feedPage, `每页最多 ${STORY_LIMITS.feedPage} 条`).optional(),
    category: oneOf('故事类别', STORY_CATEGORIES).optional(),
  }).strict(),
  get: z.object({
    id: id('故事'),
    /** A reader without sign-in: an id the device made once, so their view counts once a day like anyone's. */
    device: id('设备').optional(),
  }).strict(),
  /**
   * The like as the person wants it (`liked: false` takes it back): a retry or a double tap repeats the wish instead
   * of flipping it again.
   */
  like: z.object({ id: id('故事'), liked: z.boolean({ required_error: '请说明点赞还是取消点赞', invalid_type_error: '点赞状态格式不正确' }) }).strict(),
  share: z.object({ id: id('故事') }).strict(),
  queue: z.object({ cursor: cursor.optional() }).strict(),
  mine: z.object({ cursor: cursor.optional() }).strict(),
  messages: z.object({ cursor: cursor.optional() }).strict(),
  readMessages: z.object({
    ids: z.array(id('消息'), { required_error: '请选择消息', invalid_type_error: '消息格式不正确' })
      .min(1, '请选择消息').max(50, '一次最多 50 条消息'),
  }).strict(),
  stats: z.object({ month: month.optional(), orgId: id('党组织').optional() }).strict(),
  /** A one-time upload of one compressed photo into the caller's own folder (the only photos a story accepts). */
  uploadPhoto: z.object({}).strict(),
}

export type StoryInput = { [K in keyof typeof storySchemas]: z.input<(typeof storySchemas)[K]> }

/** Whom a story is about, as shown. */
export interface StorySubject {
  self: boolean
  name: string
  orgName?: string
  retired: boolean
}

/**
 * A photo of a story. Only photos cleared by WeChat's media check are shown to readers; the author and the reviewers
 * also get the others, with `check`: `pending` (being checked, not shown yet) or `failed` (the check could not be
 * done, it stays hidden).
 */
export interface StoryImage { fileID: string; url: string; check?: PhotoCheckState }

/** A photo not cleared by the media check yet: being checked, or the check could not be done (it stays hidden). */
export type PhotoCheckState = 'pending' | 'failed'

/** What the author reads on a photo not cleared yet. */
export const PHOTO_CHECK_LABELS: Record<PhotoCheckState, string> = {
  pending: '安全检查中，通过后其他人才能看到',
  failed: '未能完成安全检查，其他人看不到这张照片',
}

/**
 * One photo's place in the caller's own folder, good for one upload: H5 PUTs the JPEG bytes to `url` with `headers`,
 * weapp uploads to `cloudPath` (Taro.cloud.uploadFile); then the fileID is sent with the story (or site).
 */
export interface PhotoUpload { fileID: string; cloudPath: string; url: string; headers: Record<string, string> }

/** A card in the feed. */
export interface StoryCard {
  id: string
  title: string
  excerpt: string
  category: StoryCategory
  /** A temporary URL of the first photo, '' when it has none. */
  cover: string
  imageCount: number
  subject: StorySubject
  authorName: string
  orgName: string
  featured: boolean
  publishedAt: string
  likes: number
  views: number
  shares: number
  /** A 读书心得: the book it is about. */
  book?: string
}

export interface HistoryEntry {
  event: StoryEvent
  by: string
  byName: string
  at: string
  reason?: string
  featured?: boolean
}

/** The story page. `history`, `reviewNote` and `mine` are for its author and its reviewers only. */
export interface StoryDetail extends StoryCard {
  content: string
  images: StoryImage[]
  status: StoryStatus
  submittedAt: string
  liked: boolean
  /** The caller wrote it. */
  mine: boolean
  /** Why it was rejected or returned (author and reviewers). */
  reviewNote?: string
  history?: HistoryEntry[]
}

/** A story in the author's list or a reviewer's queue. */
export interface StorySummary {
  id: string
  title: string
  excerpt: string
  category: StoryCategory
  status: StoryStatus
  featured: boolean
  subject: StorySubject
  authorName: string
  orgName: string
  submittedAt: string
  /** When it entered its current state. */
  updatedAt: string
  reviewNote?: string
  likes: number
  views: number
  shares: number
}

/** A pending story as its reviewer sees it: the whole text and photos, so it can be decided from the list. */
export interface QueueItem extends StorySummary {
  content: string
  images: StoryImage[]
  /** The content check said "review" (doubtful, not refused): look twice. */
  flagged: boolean
}

export interface Message {
  id: string
  title: string
  body: string
  /** What the message is about, opened from it: a story (a review), a site (a booking), a 民情 (studio case), or nothing (a registration). */
  storyId?: string
  siteId?: string
  caseId?: string
  at: string
  read: boolean
}

export interface StoryFigures { submitted: number; approved: number; featured: number; aboutRetired: number }

export interface OrgFigures extends StoryFigures {
  orgId: string
  orgName: string
  orgType: string
  parentId: string | null
}

export interface StoryOutput {
  /** `status` is the story's current one when the same draft was submitted before. */
  submit: { id: string; status: StoryStatus }
  revise: { id: string; status: 'pending' }
  withdraw: { id: string; status: 'withdrawn' }
  review: { id: string; status: 'approved' | 'rejected' | 'returned'; featured: boolean }
  feed: { items: StoryCard[]; nextCursor: string | null }
  /** A published story's view counts once a day per person, or per device without sign-in. */
  get: StoryDetail
  like: { liked: boolean; likes: number }
  /** The shares after this one, counted once a day per person (a share without sign-in is not counted). */
  share: { shares: number }
  queue: { items: QueueItem[]; total: number; nextCursor: string | null }
  mine: { items: StorySummary[]; nextCursor: string | null }
  messages: { items: Message[]; nextCursor: string | null }
  readMessages: { updated: number }
  /** The organisation asked for (first) and every organisation under it, with its figures for the month. */
  stats: { month: string; orgId: string; items: OrgFigures[] }
  uploadPhoto: PhotoUpload
}

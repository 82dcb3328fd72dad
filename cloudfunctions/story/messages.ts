// What a person is told about their story (a review result, a photo taken off it) or their 民情 (the studio function
// writes those, with `caseId`), listed on 我的 (both platforms)
// and marked read there; on weapp a review result is also a subscribe message when they accepted one at submission.
// The same list carries what the site function tells a booker and the user function an applicant.
import type { Message, StoryInput, StoryOutput } from '../../contract/story'
import { STORY_DETAIL_PAGE } from '../../contract/story'
import { asSentence } from '../../contract/common'
import { database, Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { pageAfter } from '../common/query'
import { subscribeTime } from '../common/time'
import { wechat } from '../common/wechat'
import type { StoryDoc } from './model'

const PAGE_SIZE = 20

interface MessageDoc { _id: string; title: string; body: string; storyId?: string; siteId?: string; caseId?: string; at: Date; read: boolean }

/** A message to the story's author. */
export async function tell(db: Database, story: StoryDoc, title: string, body: string, at: Date) {
  await db.collection(COLLECTIONS.messages).add({ openid: story.author, title, body, storyId: story._id, at, read: false })
}

/** 审核结果通知 (thing1 标题, phrase2 结果, thing3 说明, time4 时间); the real id is set per environment. */
const REVIEW_TEMPLATE_ID = process.env.WX_TEMPLATE_STORY_REVIEWED || 'story-review-result'

export type ReviewOutcome = 'approve' | 'reject' | 'return'

const RESULT: Record<ReviewOutcome, { title: string; phrase: string }> = {
  approve: { title: '您的故事已发布', phrase: '已发布' },
  reject: { title: '您的故事未通过审核', phrase: '未通过' },
  return: { title: '您的故事需要修改', phrase: '待修改' },
}

function body(story: StoryDoc, outcome: ReviewOutcome, reason: string | undefined, featured: boolean): string {
  if (outcome === 'approve') return `《${story.title}》已通过审核并发布${featured ? '，被评为精选故事' : ''}。感谢您的分享！`
  if (outcome === 'reject') return `《${story.title}》未通过审核。原因：${asSentence(reason ?? '')}`
  return `《${story.title}》需要修改后再提交。修改意见：${asSentence(reason ?? '')}请在“我的故事”中修改。`
}

/** Tells the author the review result: a message, and a subscribe message when they accepted one. */
export async function tellAuthor(db: Database, story: StoryDoc, outcome: ReviewOutcome, at: Date, reason?: string, featured = false) {
  await tell(db, story, RESULT[outcome].title, body(story, outcome, reason, featured), at)
  if (!story.subscribe) return
  await wechat.sendSubscribeMessage({
    touser: story.author,
    templateId: REVIEW_TEMPLATE_ID,
    page: `${STORY_DETAIL_PAGE}?id=${story._id}`,
    data: {
      thing1: story.title,
      phrase2: RESULT[outcome].phrase,
      thing3: reason ?? (featured ? '被评为精选故事' : '感谢您的分享'),
      time4: subscribeTime(at),
    },
  })
}

const toMessage = (m: MessageDoc): Message => ({
  id: m._id, title: m.title, body: m.body, ...(m.storyId ? { storyId: m.storyId } : {}), ...(m.siteId ? { siteId: m.siteId } : {}),
  ...(m.caseId ? { caseId: m.caseId } : {}), at: new Date(m.at).toISOString(), read: m.read,
})

/** A person's messages, latest first. */
export async function messages(input: StoryInput['messages'], openid: string): Promise<StoryOutput['messages']> {
  const { rows, nextCursor } = await pageAfter<MessageDoc>({
    collection: COLLECTIONS.messages, where: [{ openid }], order: 'at', dir: 'desc', size: PAGE_SIZE, cursor: input.cursor,
  })
  return { items: rows.map(toMessage), nextCursor }
}

export async function markRead(input: StoryInput['readMessages'], openid: string): Promise<StoryOutput['readMessages']> {
  const _ = database().command
  const res = await database().collection(COLLECTIONS.messages).where({ openid, _id: _.in(input.ids), read: false }).update({ read: true })
  return { updated: res.updated ?? 0 }
}

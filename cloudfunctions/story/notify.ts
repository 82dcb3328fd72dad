// Telling the author the review result: always a message in their list on 我的 (both platforms), and on weapp a
// subscribe message when they accepted one at submission.
import { STORY_DETAIL_PAGE } from '../../contract/story'
import { COLLECTIONS } from '../common/collections'
import { wechat } from '../common/wechat'
import type { StoryDoc } from './model'

/** 审核结果通知 (thing1 标题, phrase2 结果, thing3 说明, time4 时间); the real id is set per environment. */
const REVIEW_TEMPLATE_ID = process.env.WX_TEMPLATE_STORY_REVIEWED || 'story-review-result'

export type ReviewOutcome = 'approve' | 'reject' | 'return'

const RESULT: Record<ReviewOutcome, { title: string; phrase: string }> = {
  approve: { title: '你的故事已发布', phrase: '已发布' },
  reject: { title: '你的故事未通过审核', phrase: '未通过' },
  return: { title: '你的故事需要修改', phrase: '待修改' },
}

function body(story: StoryDoc, outcome: ReviewOutcome, reason: string | undefined, featured: boolean): string {
  if (outcome === 'approve') return `《${story.title}》已通过审核并发布${featured ? '，被评为精选故事' : ''}。感谢你的分享！`
  if (outcome === 'reject') return `《${story.title}》未通过审核。原因：${reason}`
  return `《${story.title}》需要修改后再提交。修改意见：${reason}。请在“我的故事”中修改。`
}

/** A subscribe message `time` keyword, `2026年11月27日 10:30`, in Asia/Shanghai (UTC+8 all year). */
function subscribeTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export async function tellAuthor(db: any, story: StoryDoc, outcome: ReviewOutcome, at: Date, reason?: string, featured = false) {
  const { title } = RESULT[outcome]
  await db.collection(COLLECTIONS.messages).add({
    openid: story.author,
    title,
    body: body(story, outcome, reason, featured),
    storyId: story._id,
    at,
    read: false,
  })
  if (!story.subscribe) return
  await wechat.sendSubscribeMessage({
    touser: story.author,
    templateId: REVIEW_TEMPLATE_ID,
    page: `${STORY_DETAIL_PAGE}?id=${story._id}`,
    data: {
      thing1: story.title,
      phrase2: RESULT[outcome].phrase,
      thing3: reason ?? (featured ? '被评为精选故事' : '感谢你的分享'),
      time4: subscribeTime(at),
    },
  })
}

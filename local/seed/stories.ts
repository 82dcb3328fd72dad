// Stories in every state (pending, published, featured, rejected, returned, withdrawn) by demo-member, demo-retired
// and demo-member-b, with likes, the authors' messages, audit entries and the monthly figures they add up to.
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { shanghaiMonth } from '../../cloudfunctions/common/time'
import { emptyStats, FigureEvent, StatsDoc } from '../../cloudfunctions/story/figures'
import { feedRank, StoredHistoryEntry, StoryDoc } from '../../cloudfunctions/story/model'
import type { StoryCategory, StoryStatus } from '../../contract/story'
import { putAll, SeedDatabase } from './put'

const HOUR = 3600 * 1000

interface SeedStory {
  id: string
  author: string
  title: string
  content: string
  category: StoryCategory
  /** Omitted: the author writes about themselves. */
  about?: { name: string; orgId?: string; retired: boolean }
  submittedHoursAgo: number
  /** The review (by the author's community secretary), hours after submission. */
  review?: { decision: 'approve' | 'reject' | 'return'; afterHours: number; featured?: boolean; reason?: string }
  withdrawnHoursAgo?: number
  likedBy?: string[]
  views?: number
  shares?: number
}

const SEED_STORIES: SeedStory[] = [
  {
    id: 'story-seed-barber',
    author: 'demo-retired',
    title: '三十年义务理发，街坊都叫她“陈阿姨”',
    content: '每个月的第一个星期六，幸福里社区活动室门口总会排起小队。陈秀英退休前是国营理发店的师傅，'
      + '退休后把手艺带进了社区，三十年来为行动不便的老人上门理发两千多次。她说：“党员的本分，就是别人需要的时候你在。”',
    category: 'veteran',
    submittedHoursAgo: 240,
    review: { decision: 'approve', afterHours: 20, featured: true },
    likedBy: ['demo-member', 'demo-member-b', 'demo-secretary'],
    views: 128,
    shares: 17,
  },
  {
    id: 'story-seed-ledger',
    author: 'demo-member',
    title: '楼道长老李：一本台账记下全楼的冷暖',
    content: '李振华是我们楼的楼道长，也是有四十年党龄的老党员。他有一本手写台账，记着全楼独居老人的用药时间、'
      + '子女电话和每家的难处。去年冬天停暖，他挨家挨户敲门，把电暖器送到最需要的人家里。',
    category: 'veteran',
    about: { name: '李振华', orgId: 'org-branch-a2', retired: true },
    submittedHoursAgo: 150,
    review: { decision: 'approve', afterHours: 6 },
    likedBy: ['demo-retired', 'demo-admin'],
    views: 64,
    shares: 5,
  },
  {
    id: 'story-seed-storm',
    author: 'demo-member-b',
    title: '暴雨夜，他在涵洞口守了五个小时',
    content: '七月那场暴雨，和平路涵洞积水过膝。刘洋下班路过，立刻联系社区设置警示，又和志愿者一起在涵洞口'
      + '劝返车辆、搀扶行人，一直守到凌晨两点积水退去。',
    category: 'frontline',
    submittedHoursAgo: 100,
    review: { decision: 'approve', afterHours: 4, featured: true },
    likedBy: ['demo-member'],
    views: 45,
    shares: 9,
  },
  {
    id: 'story-seed-canteen',
    author: 'demo-member-b',
    title: '社区食堂的“编外帮厨”',
    content: '和平社区长者食堂开张以来，每天中午都能看到几位党员志愿者的身影：洗菜、分餐、把饭送到行动不便的老人家里。'
      + '他们说，这是离群众最近的地方。',
    category: 'volunteer',
    submittedHoursAgo: 52,
    review: { decision: 'approve', afterHours: 3 },
    views: 12,
  },
  {
    id: 'story-seed-calligraphy',
    author: 'demo-retired',
    title: '教孙辈写毛笔字，也教邻居家的孩子',
    content: '每周三下午，我在社区书屋教孩子们写毛笔字。从横平竖直开始，也讲字里的故事。现在已经有十几个孩子固定来上课了。',
    category: 'veteran',
    submittedHoursAgo: 26,
  },
  {
    id: 'story-seed-courier',
    author: 'demo-member',
    title: '快递站里的党员先锋岗',
    content: '我们快递站设了党员先锋岗，帮老人取件、代收药品、雨天送货上门。一年下来，街坊们都认识了这块小牌子。',
    category: 'ordinaryPost',
    submittedHoursAgo: 3,
  },
  {
    id: 'story-seed-market',
    author: 'demo-member-b',
    title: '菜市场里的流动党课',
    content: '周末我们在菜市场门口摆了个小摊，用快板和顺口溜讲垃圾分类和反诈知识，来往的街坊都停下来听。',
    category: 'volunteer',
    submittedHoursAgo: 8,
  },
  {
    id: 'story-seed-weekend',
    author: 'demo-member',
    title: '我的周末',
    content: '周末陪家人去公园散步，天气很好，心情也很好。',
    category: 'other',
    submittedHoursAgo: 200,
    review: { decision: 'reject', afterHours: 10, reason: '内容与党员事迹关系不大，建议围绕为群众办实事的具体经历来写。' },
  },
  {
    id: 'story-seed-garden',
    author: 'demo-retired',
    title: '楼顶小菜园',
    content: '我们几位老党员把楼顶的空地收拾出来，种了菜，收获的时候分给楼里的独居老人。',
    category: 'veteran',
    submittedHoursAgo: 80,
    review: { decision: 'return', afterHours: 5, reason: '故事很温暖，请补充具体的时间、参与的人和一两个细节，标题可以更生动一些。' },
  },
  {
    id: 'story-seed-draft',
    author: 'demo-member-b',
    title: '夜校里的党员老师',
    content: '社区夜校开了电脑课，我报名当了老师，教叔叔阿姨们用手机挂号、视频通话。',
    category: 'volunteer',
    submittedHoursAgo: 60,
    withdrawnHoursAgo: 58,
  },
]

const SECRETARY_OF: Record<string, string> = { 'org-community-a': 'demo-secretary', 'org-community-b': 'demo-secretary-b' }
const STATUS_OF = { approve: 'approved', reject: 'rejected', return: 'returned' } as const
const MESSAGE_TITLES = { approve: '您的故事已发布', reject: '您的故事未通过审核', return: '您的故事需要修改' }

type Doc = { _id: string } & Record<string, any>

export async function seedStories(db: SeedDatabase, now: Date) {
  const { data: orgs } = await db.collection(COLLECTIONS.orgs).limit(1000).get()
  const { data: people } = await db.collection(COLLECTIONS.users).limit(1000).get()
  const orgById = new Map((orgs as Doc[]).map((o) => [o._id, o]))
  const personById = new Map((people as Doc[]).map((p) => [p._id, p]))

  const stories: Doc[] = []
  const likes: Doc[] = []
  const messages: Doc[] = []
  const audit: Doc[] = []
  const stats = new Map<string, StatsDoc>()
  const count = (orgPath: string[], at: Date, events: FigureEvent[]) => {
    orgPath.forEach((_org, i) => {
      const empty = emptyStats(orgPath.slice(0, i + 1), shanghaiMonth(at))
      const doc = stats.get(empty._id) ?? empty
      for (const e of events) doc[e] += 1
      stats.set(doc._id, doc)
    })
  }

  for (const s of SEED_STORIES) {
    const author = personById.get(s.author)!
    const submittedAt = new Date(now.getTime() - s.submittedHoursAgo * HOUR)
    const subject: StoryDoc['subject'] = s.about
      ? {
          self: false, name: s.about.name, retired: s.about.retired, consent: true,
          ...(s.about.orgId ? { orgId: s.about.orgId, orgName: orgById.get(s.about.orgId)!.name } : {}),
        }
      : { self: true, name: author.name, orgId: author.orgId, orgName: author.orgName, retired: author.retired }
    const history: StoredHistoryEntry[] = [{ event: 'submit', by: author._id, byName: author.name, at: submittedAt }]
    const story: StoryDoc = {
      _id: s.id,
      author: author._id,
      authorName: author.name,
      orgId: author.orgId,
      orgPath: author.orgPath,
      orgName: author.orgName,
      title: s.title,
      content: s.content,
      category: s.category,
      images: [],
      subject,
      status: 'pending',
      featured: false,
      version: 1,
      likes: s.likedBy?.length ?? 0,
      views: s.views ?? 0,
      shares: s.shares ?? 0,
      aboutRetired: subject.retired,
      flagged: false,
      subscribe: false,
      submittedAt,
      queuedAt: submittedAt,
      updatedAt: submittedAt,
      history,
    }
    count(author.orgPath, submittedAt, subject.retired ? ['submitted', 'aboutRetired'] : ['submitted'])

    if (s.review) {
      const at = new Date(submittedAt.getTime() + s.review.afterHours * HOUR)
      const community = author.orgPath.find((o: string) => SECRETARY_OF[o])
      const reviewer = personById.get(SECRETARY_OF[community])!
      const featured = s.review.decision === 'approve' ? s.review.featured === true : undefined
      history.push({
        event: s.review.decision, by: reviewer._id, byName: reviewer.name, at,
        ...(s.review.reason ? { reason: s.review.reason } : {}), ...(featured !== undefined ? { featured } : {}),
      })
      Object.assign(story, {
        status: STATUS_OF[s.review.decision] as StoryStatus, version: 2, updatedAt: at, reviewedAt: at, reviewedBy: reviewer._id,
      })
      if (s.review.decision === 'approve') {
        Object.assign(story, { featured, publishedAt: at, feedRank: feedRank(featured!, at, s.id) })
        count(author.orgPath, at, featured ? ['approved', 'featured'] : ['approved'])
      } else {
        story.reviewNote = s.review.reason
      }
      messages.push({
        _id: `msg-${s.id}`, openid: author._id, title: MESSAGE_TITLES[s.review.decision],
        body: s.review.decision === 'approve'
          ? `《${s.title}》已通过审核并发布${featured ? '，被评为精选故事' : ''}。感谢您的分享！`
          : `《${s.title}》${s.review.decision === 'reject' ? '未通过审核。原因' : '需要修改后再提交。修改意见'}：${s.review.reason}`,
        storyId: s.id, at, read: false,
      })
      audit.push({
        _id: `audit-${s.id}-review`, actor: reviewer._id, actorName: reviewer.name, action: `story.${s.review.decision}`,
        targetType: 'story', targetId: s.id, ...(s.review.reason ? { reason: s.review.reason } : {}),
        detail: { from: 'pending', to: story.status, title: s.title, ...(featured !== undefined ? { featured } : {}) }, at,
      })
    }
    if (s.withdrawnHoursAgo !== undefined) {
      const at = new Date(now.getTime() - s.withdrawnHoursAgo * HOUR)
      history.push({ event: 'withdraw', by: author._id, byName: author.name, at })
      audit.push({
        _id: `audit-${s.id}-withdraw`, actor: author._id, actorName: author.name, action: 'story.withdraw',
        targetType: 'story', targetId: s.id, detail: { from: story.status, to: 'withdrawn', title: s.title }, at,
      })
      Object.assign(story, { status: 'withdrawn', version: story.version + 1, updatedAt: at })
      delete story.feedRank
    }
    for (const openid of s.likedBy ?? []) {
      likes.push({ _id: `${s.id}_${openid}`, storyId: s.id, openid, at: new Date(story.updatedAt.getTime() + HOUR) })
    }
    stories.push(story as unknown as Doc)
  }

  await putAll(db, COLLECTIONS.stories, stories)
  await putAll(db, COLLECTIONS.storyLikes, likes)
  await putAll(db, COLLECTIONS.messages, messages)
  await putAll(db, COLLECTIONS.audit, audit)
  await putAll(db, COLLECTIONS.storyStats, [...stats.values()] as unknown as Doc[])
}

// 党员微故事: submit, review, publish and spread. The state machine is in review.ts, the figures in figures.ts.
import crypto from 'crypto'
import type { Message, OrgFigures, StoryOutput, SubjectInput } from '../../contract/story'
import { storySchemas } from '../../contract/story'
import type { Org } from '../../contract/user'
import { writeAudit } from '../common/audit'
import { cloud, database, isDuplicateWrite } from '../common/cloud'
import { now } from '../common/clock'
import { decodeCursor, encodeCursor } from '../common/cursor'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { inScope, PersonDoc } from '../common/people'
import { action, ActionTable } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { wechat } from '../common/wechat'
import { countEvents, FIGURE_EVENTS, StatsDoc } from './figures'
import {
  checkFeedCursor, feedRank, StoryDoc, toCard, toDetail, toQueueItem, toSummary,
} from './model'
import { tellAuthor } from './notify'
import { startPhotoChecks } from './photoChecks'
import { assertCan, transition } from './review'

const PAGE_SIZE = 20
const FEED_DEFAULT = 10
const MAX_ORGS = 1000
/** Lists never carry a story's history: it is read on the story page only. */
const LIST_FIELDS = { history: false }

type OrgDoc = { _id: string; name: string; type: Org['type']; parentId: string | null; path: string[] }

const stories = () => database().collection(COLLECTIONS.stories)

async function loadStory(id: string): Promise<StoryDoc> {
  const { data } = await stories().doc(id).get()
  const story = data?.[0] as StoryDoc | undefined
  if (!story) throw fail.notFound('这篇故事')
  return story
}

/** The author's own story, or FORBIDDEN — read before anything is checked or written. */
async function ownStory(id: string, openid: string): Promise<StoryDoc> {
  const story = await loadStory(id)
  if (story.author !== openid) throw fail.forbidden('只能修改或撤回自己写的故事')
  return story
}

async function resolveSubject(input: SubjectInput, person: PersonDoc): Promise<StoryDoc['subject']> {
  if ('self' in input) {
    return { self: true, name: person.name, orgId: person.orgId, orgName: person.orgName, retired: person.retired }
  }
  const subject: StoryDoc['subject'] = { self: false, name: input.name, retired: input.retired, consent: true }
  if (input.orgId) {
    const { data } = await database().collection(COLLECTIONS.orgs).doc(input.orgId).get()
    const org = data?.[0] as OrgDoc | undefined
    if (!org) throw fail.invalid('subject.orgId', '没有找到被讲述人所在的党组织，请重新选择')
    subject.orgId = org._id
    subject.orgName = org.name
  }
  return subject
}

/**
 * Every text a person typed goes through WeChat's content check before anything is stored. Refused text answers
 * CONTENT_REJECTED naming the field(s); a doubtful verdict is stored as `flagged` for the reviewer.
 */
async function checkTexts(openid: string, texts: Array<{ field: string; label: string; text: string }>): Promise<boolean> {
  const verdicts = await Promise.all(texts.map((t) => wechat.msgSecCheck(t.text, openid, 'forum')))
  const refused = texts.filter((_t, i) => verdicts[i] === 'risky')
  if (refused.length > 0) {
    throw new ApiFailure('CONTENT_REJECTED', `${refused[0].label}含有不宜发布的内容，请修改后再提交`,
      refused.map((t) => ({ field: t.field, message: `${t.label}含有不宜发布的内容` })))
  }
  return verdicts.includes('review')
}

const textsOf = (input: { title: string; content: string; subject: SubjectInput }) => [
  { field: 'title', label: '标题', text: input.title },
  { field: 'content', label: '正文', text: input.content },
  ...('self' in input.subject ? [] : [{ field: 'subject.name', label: '被讲述人姓名', text: input.subject.name }]),
]

/** The story id of a person's draft: the same draft submitted twice is the same story. */
const draftStoryId = (openid: string, draftId: string) =>
  crypto.createHash('sha256').update(`${openid}\n${draftId}`).digest('hex').slice(0, 32)

export const storyActions: ActionTable = {
  submit: action('member', storySchemas.submit, async (input, { openid, person }): Promise<StoryOutput['submit']> => {
    const subject = await resolveSubject(input.subject, person)
    const flagged = await checkTexts(openid, textsOf(input))
    const photoChecks = await startPhotoChecks(openid, input.images ?? [])
    const db = database()
    const at = now()
    const doc: Omit<StoryDoc, '_id'> = {
      author: openid,
      authorName: person.name,
      orgId: person.orgId,
      orgPath: person.orgPath,
      orgName: person.orgName,
      title: input.title,
      content: input.content,
      category: input.category,
      images: input.images ?? [],
      subject,
      status: 'pending',
      featured: false,
      version: 1,
      likes: 0,
      views: 0,
      shares: 0,
      aboutRetired: subject.retired,
      flagged,
      subscribe: input.subscribe === true,
      submittedAt: at,
      queuedAt: at,
      updatedAt: at,
      history: [{ event: 'submit', by: openid, byName: person.name, at }],
      photoChecks,
    }
    let id: string
    if (input.draftId) {
      id = draftStoryId(openid, input.draftId)
      try {
        await stories().add({ _id: id, ...doc })
      } catch (err) {
        if (!isDuplicateWrite(err)) throw err
        const existing = await loadStory(id)
        return { id, status: existing.status }
      }
    } else {
      id = (await stories().add(doc)).id as string
    }
    await writeAudit(db, {
      actor: openid, actorName: person.name, action: 'story.submit', targetType: 'story', targetId: id,
      detail: { to: 'pending', title: input.title },
    })
    await countEvents(db, person.orgPath, at, subject.retired ? ['submitted', 'aboutRetired'] : ['submitted'])
    return { id, status: 'pending' }
  }),

  revise: action('member', storySchemas.revise, async (input, { openid, person }): Promise<StoryOutput['revise']> => {
    const story = await ownStory(input.id, openid)
    assertCan('revise', story)
    const subject = await resolveSubject(input.subject, person)
    const flagged = await checkTexts(openid, textsOf(input))
    const photoChecks = await startPhotoChecks(openid, input.images ?? [], story.images)
    await transition({
      event: 'revise',
      story,
      actor: person,
      fields: (at) => ({
        title: input.title,
        content: input.content,
        category: input.category,
        images: input.images ?? [],
        // `set`: replace the whole sub-document, not merge into the previous subject.
        subject: database().command.set(subject),
        flagged,
        subscribe: story.subscribe || input.subscribe === true,
        queuedAt: at,
        ...(photoChecks.length ? { photoChecks: database().command.push(photoChecks) } : {}),
      }),
    })
    return { id: story._id, status: 'pending' }
  }),

  withdraw: action('member', storySchemas.withdraw, async (input, { openid, person }): Promise<StoryOutput['withdraw']> => {
    const story = await ownStory(input.id, openid)
    const _ = database().command
    await transition({ event: 'withdraw', story, actor: person, fields: () => ({ feedRank: _.remove() }) })
    return { id: story._id, status: 'withdrawn' }
  }),

  review: action('secretary', storySchemas.review, async (input, { openid, person }): Promise<StoryOutput['review']> => {
    const story = await loadStory(input.id)
    if (!inScope(person, story.orgPath)) throw fail.forbidden('这篇故事不在你管理的党组织内')
    if (story.author === openid) throw fail.forbidden('不能审核自己写的故事，请由上级党组织审核')
    const featured = input.decision === 'approve' ? input.featured === true : false
    const db = database()
    const at = await transition({
      event: input.decision,
      story,
      actor: person,
      reason: input.reason,
      featured: input.decision === 'approve' ? featured : undefined,
      fields: (when) => ({
        reviewedAt: when,
        reviewedBy: openid,
        // One subscribe message per consent: this one is used now.
        subscribe: false,
        ...(input.decision === 'approve'
          ? { featured, publishedAt: when, feedRank: feedRank(featured, when, story._id) }
          : { reviewNote: input.reason }),
      }),
    })
    await tellAuthor(db, story, input.decision, at, input.reason, featured)
    if (input.decision === 'approve') {
      await countEvents(db, story.orgPath, at, featured ? ['approved', 'featured'] : ['approved'])
    }
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'returned'
    return { id: story._id, status, featured }
  }),

  feed: action('anyone', storySchemas.feed, async (input): Promise<StoryOutput['feed']> => {
    const limit = input.limit ?? FEED_DEFAULT
    const _ = database().command
    const where: Record<string, unknown> = { status: 'approved' }
    if (input.category) where.category = input.category
    if (input.cursor) where.feedRank = _.lt(checkFeedCursor(input.cursor))
    const { data } = await stories().where(where).orderBy('feedRank', 'desc').limit(limit + 1).field(LIST_FIELDS).get()
    const rows = (data as StoryDoc[]).slice(0, limit)
    const urls = await tempUrls(rows.filter((s) => s.images.length > 0).map((s) => s.images[0]))
    return {
      items: rows.map((s) => toCard(s, urls)),
      nextCursor: data.length > limit ? rows[rows.length - 1].feedRank ?? null : null,
    }
  }),

  get: action('anyone', storySchemas.get, async (input, { openid, caller }): Promise<StoryOutput['get']> => {
    const db = database()
    const _ = db.command
    // A published story is read and its view counted in one operation; whether I liked it is read alongside.
    const [counted, like, person] = await Promise.all([
      stories().where({ _id: input.id, status: 'approved' }).updateAndReturn({ views: _.inc(1) }),
      openid ? db.collection(COLLECTIONS.storyLikes).doc(`${input.id}_${openid}`).get() : Promise.resolve({ data: [] }),
      caller(),
    ])
    const story = (counted.doc as StoryDoc | undefined) ?? await loadStory(input.id)
    const mine = !!openid && story.author === openid
    const privileged = mine || (!!person && inScope(person, story.orgPath))
    if (story.status !== 'approved' && !privileged) throw fail.notFound('这篇故事')
    const urls = await tempUrls(story.images)
    return toDetail(story, urls, { liked: story.status === 'approved' && like.data.length > 0, mine, privileged })
  }),

  like: action('signedIn', storySchemas.like, async (input, { openid }): Promise<StoryOutput['like']> => {
    const db = database()
    const _ = db.command
    const likeId = `${input.id}_${openid}`
    const likes = db.collection(COLLECTIONS.storyLikes)
    // The like's deterministic id makes the database the judge: an insert that collides means "already liked".
    try {
      await likes.add({ _id: likeId, storyId: input.id, openid, at: now() })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      const { deleted } = await likes.doc(likeId).remove()
      if (!deleted) {
        // A tap of mine running alongside took it back first (and counted it): report what is there now.
        return { liked: false, likes: (await loadStory(input.id)).likes }
      }
      const res = await stories().where({ _id: input.id }).updateAndReturn({ likes: _.inc(-1) })
      return { liked: false, likes: (res.doc as StoryDoc | undefined)?.likes ?? 0 }
    }
    const res = await stories().where({ _id: input.id, status: 'approved' }).updateAndReturn({ likes: _.inc(1) })
    if (!res.doc) {
      await likes.doc(likeId).remove()
      throw fail.notFound('这篇故事')
    }
    return { liked: true, likes: (res.doc as StoryDoc).likes }
  }),

  share: action('anyone', storySchemas.share, async (input): Promise<StoryOutput['share']> => {
    const _ = database().command
    const res = await stories().where({ _id: input.id, status: 'approved' }).updateAndReturn({ shares: _.inc(1) })
    if (!res.doc) throw fail.notFound('这篇故事')
    return { shares: (res.doc as StoryDoc).shares }
  }),

  queue: action('secretary', storySchemas.queue, async (input, { person }): Promise<StoryOutput['queue']> => {
    const _ = database().command
    const scope: Record<string, unknown> = { status: 'pending' }
    if (person.role !== 'admin') scope.orgPath = person.scopeOrgId
    let page: object = scope
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor)
      page = _.and([scope, _.or([{ queuedAt: _.gt(at) }, { queuedAt: at, _id: _.gt(id) }])])
    }
    const [{ data }, { total }] = await Promise.all([
      stories().where(page).orderBy('queuedAt', 'asc').orderBy('_id', 'asc').limit(PAGE_SIZE + 1).field(LIST_FIELDS).get(),
      stories().where(scope).count(),
    ])
    const rows = (data as StoryDoc[]).slice(0, PAGE_SIZE)
    const urls = await tempUrls(rows.flatMap((s) => s.images))
    const last = rows[rows.length - 1]
    return {
      items: rows.map((s) => toQueueItem(s, urls)),
      total,
      nextCursor: data.length > PAGE_SIZE && last ? encodeCursor(last.queuedAt, last._id) : null,
    }
  }),

  mine: action('member', storySchemas.mine, async (input, { openid }): Promise<StoryOutput['mine']> => {
    const _ = database().command
    let where: object = { author: openid }
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor)
      where = _.and([where, _.or([{ submittedAt: _.lt(at) }, { submittedAt: at, _id: _.lt(id) }])])
    }
    const { data } = await stories().where(where).orderBy('submittedAt', 'desc').orderBy('_id', 'desc')
      .limit(PAGE_SIZE + 1).field(LIST_FIELDS).get()
    const rows = (data as StoryDoc[]).slice(0, PAGE_SIZE)
    const last = rows[rows.length - 1]
    return {
      items: rows.map(toSummary),
      nextCursor: data.length > PAGE_SIZE && last ? encodeCursor(last.submittedAt, last._id) : null,
    }
  }),

  messages: action('signedIn', storySchemas.messages, async (input, { openid }): Promise<StoryOutput['messages']> => {
    const _ = database().command
    let where: object = { openid }
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor)
      where = _.and([where, _.or([{ at: _.lt(at) }, { at, _id: _.lt(id) }])])
    }
    const { data } = await database().collection(COLLECTIONS.messages).where(where)
      .orderBy('at', 'desc').orderBy('_id', 'desc').limit(PAGE_SIZE + 1).get()
    const rows = (data as Array<{ _id: string; title: string; body: string; storyId: string; at: Date; read: boolean }>)
      .slice(0, PAGE_SIZE)
    const last = rows[rows.length - 1]
    return {
      items: rows.map((m): Message => ({
        id: m._id, title: m.title, body: m.body, storyId: m.storyId, at: new Date(m.at).toISOString(), read: m.read,
      })),
      nextCursor: data.length > PAGE_SIZE && last ? encodeCursor(last.at, last._id) : null,
    }
  }),

  readMessages: action('signedIn', storySchemas.readMessages, async (input, { openid }): Promise<StoryOutput['readMessages']> => {
    const _ = database().command
    const res = await database().collection(COLLECTIONS.messages)
      .where({ openid, _id: _.in(input.ids), read: false }).update({ read: true })
    return { updated: res.updated ?? 0 }
  }),

  stats: action('secretary', storySchemas.stats, async (input, { person }): Promise<StoryOutput['stats']> => {
    const month = input.month ?? shanghaiMonth(now())
    const orgId = input.orgId ?? (person.role === 'admin' ? person.orgPath[0] : person.scopeOrgId)
    if (!orgId) throw fail.forbidden('你还没有被指定管理的党组织')
    const db = database()
    // Two reads whatever the tree's size: the organisations under orgId, and their figures for the month.
    const [{ data: orgs }, { data: figures }] = await Promise.all([
      db.collection(COLLECTIONS.orgs).where({ path: orgId }).limit(MAX_ORGS).get(),
      db.collection(COLLECTIONS.storyStats).where({ month, orgPath: orgId }).limit(MAX_ORGS).get(),
    ])
    const root = (orgs as OrgDoc[]).find((o) => o._id === orgId)
    if (!root) throw fail.notFound('这个党组织')
    if (!inScope(person, root.path)) throw fail.forbidden('这个党组织不在你管理的范围内')
    const byOrg = new Map((figures as StatsDoc[]).map((f) => [f.orgId, f]))
    const children = new Map<string, OrgDoc[]>()
    for (const o of orgs as OrgDoc[]) {
      if (o._id === orgId || !o.parentId) continue
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
    }
    const items: OrgFigures[] = []
    // Tree order: each organisation followed by the organisations under it.
    const visit = (o: OrgDoc) => {
      const f = byOrg.get(o._id)
      const row: OrgFigures = { orgId: o._id, orgName: o.name, orgType: o.type, parentId: o.parentId } as OrgFigures
      for (const e of FIGURE_EVENTS) row[e] = f?.[e] ?? 0
      items.push(row)
      for (const c of children.get(o._id) ?? []) visit(c)
    }
    visit(root)
    return { month, orgId, items }
  }),

  uploadPhoto: action('member', storySchemas.uploadPhoto, async (_input, { openid }): Promise<StoryOutput['uploadPhoto']> => {
    // The path is chosen here, under the caller's own folder, so a browser can neither pick nor overwrite another's.
    const folder = crypto.createHash('sha256').update(openid).digest('hex').slice(0, 16)
    const cloudPath = `stories/${folder}/${now().getTime()}-${crypto.randomBytes(8).toString('hex')}.jpg`
    const { data } = await cloud().getUploadMetadata({ cloudPath })
    return {
      fileID: data.fileId,
      url: data.url,
      // What the SDK itself sends with the PUT (CloudBase's COS upload protocol).
      headers: {
        authorization: data.authorization,
        'x-cos-security-token': data.token,
        'x-cos-meta-fileid': data.cosFileId,
        key: encodeURIComponent(cloudPath),
      },
    }
  }),
}

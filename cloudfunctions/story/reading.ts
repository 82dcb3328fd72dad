// Reading stories: the public feed, a story page (counting its view), likes and shares, the author's own list and a
// reviewer's queue. Lists never carry a story's history: it is read on the story page only.
import type { StoryInput, StoryOutput } from '../../contract/story'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { scopeMatch } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import { insertOnce, loadDoc, pageAfter } from '../common/query'
import { shanghaiDate } from '../common/time'
import { whenAll } from '../common/whenAll'
import { checkFeedCursor, shownImages, StoryDoc, toCard, toDetail, toQueueItem, toSummary } from './model'

const PAGE_SIZE = 20
const FEED_DEFAULT = 10
const LIST_FIELDS = { history: false }

const stories = () => database().collection(COLLECTIONS.stories)

export const loadStory = (id: string) => loadDoc<StoryDoc>(COLLECTIONS.stories, id, () => fail.notFound('这篇故事'))

export async function feed(input: StoryInput['feed']): Promise<StoryOutput['feed']> {
  const limit = input.limit ?? FEED_DEFAULT
  const _ = database().command
  const where: Record<string, unknown> = { status: 'approved' }
  if (input.category) where.category = input.category
  if (input.cursor) where.feedRank = _.lt(checkFeedCursor(input.cursor))
  const { data } = await stories().where(where).orderBy('feedRank', 'desc').limit(limit + 1).field(LIST_FIELDS).get()
  const rows = (data as StoryDoc[]).slice(0, limit)
  const urls = await tempUrls(rows.flatMap((s) => shownImages(s).slice(0, 1)))
  return {
    items: rows.map((s) => toCard(s, urls)),
    nextCursor: data.length > limit ? rows[rows.length - 1].feedRank ?? null : null,
  }
}

/** The reader a view or share is counted for: a person, a device (a reader without sign-in), or nobody. */
const readerOf = (openid: string, device?: string) => (openid ? `p-${openid}` : device ? `d-${device}` : '')

/**
 * Counts what a reader did to a published story (kind v: viewed, s: shared) once per Asia/Shanghai day: the mark's
 * deterministic id makes the database the judge. Called only with a story read as published, so a request for a
 * missing or unpublished story writes nothing. Answers the story after the count, or `story` itself when this reader
 * was counted today already (or is nobody).
 */
async function countOnce(kind: 'v' | 's', story: StoryDoc, reader: string, field: 'views' | 'shares'): Promise<StoryDoc> {
  const at = now()
  const day = shanghaiDate(at)
  const mark = `${kind}_${story._id}_${day}_${reader}`
  if (!reader || !(await insertOnce(COLLECTIONS.storyMarks, { _id: mark, storyId: story._id, day, at }))) return story
  const res = await stories().where({ _id: story._id, status: 'approved' }).updateAndReturn({ [field]: database().command.inc(1) })
  if (res.doc) return res.doc as StoryDoc
  // Taken off the feed since it was read: the mark goes, so it counts the day the story is published again.
  await database().collection(COLLECTIONS.storyMarks).doc(mark).remove()
  throw fail.notFound('这篇故事')
}

/**
 * A story page. The story, whether I liked it and who I am are read together; a published story's view then counts
 * once a day per reader (its mark, then the count with the story as counted).
 */
export async function read(input: StoryInput['get'], openid: string, caller: () => Promise<PersonDoc | null>): Promise<StoryOutput['get']> {
  const { id } = input
  const [found, like, person] = await whenAll([
    loadStory(id),
    openid ? database().collection(COLLECTIONS.storyLikes).doc(`${id}_${openid}`).get() : Promise.resolve({ data: [] }),
    caller(),
  ])
  const mine = !!openid && found.author === openid
  const privileged = mine || (!!person && inScope(person, found.orgPath))
  if (found.status !== 'approved' && !privileged) throw fail.notFound('这篇故事')
  const story = found.status === 'approved' ? await countOnce('v', found, readerOf(openid, input.device), 'views') : found
  const urls = await tempUrls(privileged ? story.images : shownImages(story))
  return toDetail(story, urls, { liked: story.status === 'approved' && like.data.length > 0, mine, privileged })
}

/**
 * Makes the person's like what they want it to be: the like's deterministic id makes the database the judge, and the
 * count moves only when the like itself came or went (a repeated wish changes nothing). The story is read first, so a
 * like of a missing or unpublished story writes nothing.
 */
export async function like(id: string, openid: string, liked: boolean): Promise<StoryOutput['like']> {
  const story = await loadStory(id)
  if (story.status !== 'approved') throw fail.notFound('这篇故事')
  const _ = database().command
  const likeId = `${id}_${openid}`
  const likes = database().collection(COLLECTIONS.storyLikes)
  if (!liked) {
    const { deleted } = await likes.doc(likeId).remove()
    // Not liked (or a tap of mine alongside took it back first, and counted it): as it stands.
    if (!deleted) return { liked: false, likes: story.likes }
    const res = await stories().where({ _id: id }).updateAndReturn({ likes: _.inc(-1) })
    return { liked: false, likes: (res.doc as StoryDoc | undefined)?.likes ?? 0 }
  }
  if (!(await insertOnce(COLLECTIONS.storyLikes, { _id: likeId, storyId: id, openid, at: now() }))) return { liked: true, likes: story.likes }
  const res = await stories().where({ _id: id, status: 'approved' }).updateAndReturn({ likes: _.inc(1) })
  if (!res.doc) {
    // Taken off the feed since it was read.
    await likes.doc(likeId).remove()
    throw fail.notFound('这篇故事')
  }
  return { liked: true, likes: (res.doc as StoryDoc).likes }
}

/** A share counts once a day per person; a reader without sign-in is told the count without adding to it. */
export async function share(id: string, openid: string): Promise<StoryOutput['share']> {
  const story = await loadStory(id)
  if (story.status !== 'approved') throw fail.notFound('这篇故事')
  return { shares: (await countOnce('s', story, readerOf(openid), 'shares')).shares }
}

/** The pending stories of the reviewer's subtree, oldest in the queue first, with how many there are. */
export async function queue(input: StoryInput['queue'], person: PersonDoc): Promise<StoryOutput['queue']> {
  const scope = { status: 'pending', ...scopeMatch(person) }
  const [{ rows, nextCursor }, { total }] = await whenAll([
    pageAfter<StoryDoc>({
      collection: COLLECTIONS.stories, where: [scope], order: 'queuedAt', dir: 'asc', size: PAGE_SIZE, cursor: input.cursor,
      fields: LIST_FIELDS,
    }),
    stories().where(scope).count(),
  ])
  const urls = await tempUrls(rows.flatMap((s) => s.images))
  return { items: rows.map((s) => toQueueItem(s, urls)), total, nextCursor }
}

/** The author's own stories, latest first. */
export async function mine(input: StoryInput['mine'], openid: string): Promise<StoryOutput['mine']> {
  const { rows, nextCursor } = await pageAfter<StoryDoc>({
    collection: COLLECTIONS.stories, where: [{ author: openid }], order: 'submittedAt', dir: 'desc', size: PAGE_SIZE,
    cursor: input.cursor, fields: LIST_FIELDS,
  })
  return { items: rows.map(toSummary), nextCursor }
}

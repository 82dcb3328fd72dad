// Writing a story: submitting it (the same draft twice is the same story), revising a returned one, withdrawing it.
// Every text a person typed goes through WeChat's content check and every new photo starts its media check before
// anything is stored.
import crypto from 'crypto'
import type { z } from 'zod'
import type { StoryInput, StoryOutput, storySchemas, SubjectInput } from '../../contract/story'
import { holdsMembers, NOT_A_MEMBER_ORG } from '../../contract/user'
import { writeAudit } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { loadOrg } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { startPhotoChecks } from '../common/photoChecks'
import { insertOnce } from '../common/query'
import { wechat } from '../common/wechat'
import { storyFigures } from './figures'
import type { StoryDoc } from './model'
import { loadStory } from './reading'
import { assertCan, transition } from './review'
import { whenAll } from '../common/whenAll'

type Submission = z.output<typeof storySchemas.submit>
type Revision = z.output<typeof storySchemas.revise>

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
    const org = await loadOrg(input.orgId, () => fail.invalid('subject.orgId', '没有找到被讲述人所在的党组织，请重新选择'))
    if (!holdsMembers(org.type)) throw fail.invalid('subject.orgId', NOT_A_MEMBER_ORG)
    subject.orgId = org._id
    subject.orgName = org.name
  }
  return subject
}

/**
 * Every text a person typed goes through WeChat's content check before anything is stored. Refused text answers
 * CONTENT_REJECTED naming the field(s); a doubtful verdict is stored as `flagged` for the reviewer.
 */
async function checkTexts(openid: string, input: Pick<Submission, 'title' | 'content' | 'subject'>): Promise<boolean> {
  const texts = [
    { field: 'title', label: '标题', text: input.title },
    { field: 'content', label: '正文', text: input.content },
    ...('self' in input.subject ? [] : [{ field: 'subject.name', label: '被讲述人姓名', text: input.subject.name }]),
  ]
  const verdicts = await whenAll(texts.map((t) => wechat.msgSecCheck(t.text, openid, 'forum')))
  const refused = texts.filter((_t, i) => verdicts[i] === 'risky')
  if (refused.length > 0) {
    throw new ApiFailure('CONTENT_REJECTED', `${refused[0].label}含有不宜发布的内容，请修改后再提交`,
      refused.map((t) => ({ field: t.field, message: `${t.label}含有不宜发布的内容` })))
  }
  return verdicts.includes('review')
}

/** The story id of a person's draft: the same draft submitted twice is the same story. */
const draftStoryId = (openid: string, draftId: string) =>
  crypto.createHash('sha256').update(`${openid}\n${draftId}`).digest('hex').slice(0, 32)

export async function submit(input: Submission, person: PersonDoc): Promise<StoryOutput['submit']> {
  const openid = person._id
  const subject = await resolveSubject(input.subject, person)
  const flagged = await checkTexts(openid, input)
  const photoChecks = await startPhotoChecks('stories', openid, input.images ?? [], 'images')
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
    ...(input.book ? { book: input.book } : {}),
    submittedAt: at,
    queuedAt: at,
    updatedAt: at,
    history: [{ event: 'submit', by: openid, byName: person.name, at }],
    photoChecks,
  }
  let id: string
  if (input.draftId) {
    id = draftStoryId(openid, input.draftId)
    if (!(await insertOnce(COLLECTIONS.stories, { _id: id, ...doc }))) return { id, status: (await loadStory(id)).status }
  } else {
    id = (await db.collection(COLLECTIONS.stories).add(doc)).id as string
  }
  await writeAudit(db, {
    actor: openid, actorName: person.name, action: 'story.submit', targetType: 'story', targetId: id,
    detail: { to: 'pending', title: input.title },
  })
  await storyFigures.record(db, { orgPath: person.orgPath, at, events: subject.retired ? ['submitted', 'aboutRetired'] : ['submitted'] })
  return { id, status: 'pending' }
}

export async function revise(input: Revision, person: PersonDoc): Promise<StoryOutput['revise']> {
  const openid = person._id
  const story = await ownStory(input.id, openid)
  assertCan('revise', story)
  const subject = await resolveSubject(input.subject, person)
  const flagged = await checkTexts(openid, input)
  const photoChecks = await startPhotoChecks('stories', openid, input.images ?? [], 'images', story.images)
  const _ = database().command
  await transition({
    event: 'revise',
    id: story._id,
    version: story.version,
    actor: person,
    fields: (at) => ({
      title: input.title,
      content: input.content,
      category: input.category,
      images: input.images ?? [],
      // `set`: replace the whole sub-document, not merge into the previous subject.
      subject: _.set(subject),
      flagged,
      subscribe: story.subscribe || input.subscribe === true,
      queuedAt: at,
      ...(photoChecks.length ? { photoChecks: _.push(photoChecks) } : {}),
    }),
  })
  return { id: story._id, status: 'pending' }
}

export async function withdraw(input: StoryInput['withdraw'], person: PersonDoc): Promise<StoryOutput['withdraw']> {
  const story = await ownStory(input.id, person._id)
  await transition({ event: 'withdraw', id: story._id, version: story.version, actor: person, fields: () => ({ feedRank: database().command.remove() }) })
  return { id: story._id, status: 'withdrawn' }
}

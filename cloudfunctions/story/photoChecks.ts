// A story's photos: the signed upload into the author's own folder, and WeChat's media check (common/photoChecks.ts).
// The story function is the mini-program's message-push function, so it receives every `wxa_media_check` verdict:
// a story's (a risky photo leaves the story with a history entry, and the author is told), a site's, a 民情's and a
// representative's.
import type { StoryOutput } from '../../contract/story'
import type { PlatformEvent } from '../common/router'
import { database, Database } from '../common/cloud'
import { now } from '../common/clock'
import { applyVerdict, OTHER_PHOTO_HOLDERS, PHOTO_HOLDERS, recheckPhotos } from '../common/photoChecks'
import { uploadTicket } from '../common/photos'
import { tell } from './messages'
import type { StoryDoc } from './model'

const SYSTEM = { by: 'wechat-media-check', byName: '内容安全检查' }

/** The `wxa_media_check` push. Acts only on a trace id a check was started with: anything else finds nothing. */
export async function photoCheckResult(event: PlatformEvent) {
  const traceId = event.trace_id
  if (typeof traceId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(traceId)) return { ignored: true }
  const story = await applyVerdict<StoryDoc>(PHOTO_HOLDERS.stories, traceId, event, (at) => ({
    history: database().command.push([{ event: 'photoRemoved', ...SYSTEM, at, reason: '一张照片未通过内容安全检查，已从故事中移除' }]),
    updatedAt: at,
  }))
  if (story?.verdict === 'removed') {
    await tell(database(), story.doc, '有一张照片未通过内容安全检查',
      `您的故事《${story.doc.title}》中有一张照片未通过微信内容安全检查，已被移除，其余内容不受影响。`, now())
  }
  let outcome = story
  for (const holder of OTHER_PHOTO_HOLDERS) outcome ??= await applyVerdict(holder, traceId, event)
  return outcome ? { photo: outcome.verdict ?? 'removed' } : { ignored: true }
}

/** The timer's part: photos of stories, sites, 民情 and representatives whose check gave no verdict are checked again. */
export async function recheckAllPhotos(db: Database, at: Date) {
  let rechecked = 0
  for (const holder of [PHOTO_HOLDERS.stories, ...OTHER_PHOTO_HOLDERS]) rechecked += await recheckPhotos(db, at, holder)
  return { rechecked }
}

/** A one-time signed upload of one photo into the caller's own folder. */
export async function uploadPhoto(openid: string): Promise<StoryOutput['uploadPhoto']> {
  return uploadTicket('stories', openid)
}

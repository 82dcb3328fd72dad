// A story's photos: the signed upload (H5), and WeChat's media check. The check answers later (within 30 minutes) by a
// message push, so each check is kept on the story by its trace id; a risky verdict takes that photo off the story
// and tells the author.
import crypto from 'crypto'
import type { StoryOutput } from '../../contract/story'
import type { PlatformEvent } from '../common/router'
import { cloud, database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { tempUrls } from '../common/files'
import { wechat } from '../common/wechat'
import { tell } from './messages'
import type { PhotoCheck, StoryDoc } from './model'

const SYSTEM = { by: 'wechat-media-check', byName: '内容安全检查' }

/**
 * Starts a check of each photo not checked before, before the story is stored (a check that cannot start refuses
 * the submission, so nothing unchecked is kept). The caller stores the checks with the story.
 */
export async function startPhotoChecks(author: string, images: string[], alreadyChecked: string[] = []): Promise<PhotoCheck[]> {
  const fresh = images.filter((f) => !alreadyChecked.includes(f))
  if (fresh.length === 0) return []
  const urls = await tempUrls(fresh)
  const checks: PhotoCheck[] = []
  for (const fileID of fresh) {
    const url = urls.get(fileID)
    // No file behind the id: there is nothing to check, and nothing a reader will ever be shown.
    if (!url) continue
    checks.push({ traceId: await wechat.mediaCheckAsync(url, author, 'socialLog'), fileID })
  }
  return checks
}

/** The `wxa_media_check` push. Acts only on a trace id this function started: an event posted by anyone else finds nothing. */
export async function photoCheckResult(event: PlatformEvent) {
  const traceId = event.trace_id
  if (typeof traceId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(traceId)) return { ignored: true }
  const db = database()
  const _ = db.command
  const stories = db.collection(COLLECTIONS.stories)
  const { data } = await stories.where({ 'photoChecks.traceId': traceId }).limit(1).get()
  const story = data[0] as StoryDoc | undefined
  const check = story?.photoChecks?.find((c) => c.traceId === traceId)
  if (!story || !check) return { ignored: true }
  const suggest = (event.result as { suggest?: string } | undefined)?.suggest
  if (suggest !== 'risky') {
    await stories.doc(story._id).update({ photoChecks: _.pull({ traceId }) })
    return { photo: 'kept' }
  }
  const at = now()
  const { updated } = await stories.where({ _id: story._id, 'photoChecks.traceId': traceId }).update({
    images: _.pull(check.fileID),
    photoChecks: _.pull({ traceId }),
    history: _.push([{ event: 'photoRemoved', ...SYSTEM, at, reason: '一张照片未通过内容安全检查，已从故事中移除' }]),
    updatedAt: at,
  })
  if (updated) {
    await tell(db, story, '有一张照片未通过内容安全检查',
      `你的故事《${story.title}》中有一张照片未通过微信内容安全检查，已被移除，其余内容不受影响。`, at)
  }
  return { photo: 'removed' }
}

/** A one-time signed upload of one photo. The path is chosen here, under the caller's own folder, so a browser can
 * neither pick nor overwrite another's. */
export async function uploadPhoto(openid: string): Promise<StoryOutput['uploadPhoto']> {
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
}

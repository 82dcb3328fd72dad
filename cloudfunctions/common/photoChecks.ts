// WeChat's media check of the photos people upload, for every document that shows photos (a story, a site). Only
// photos from the uploader's own folder that are stored are accepted (photos.ts), and each starts a check before the
// document is written (a check that cannot start refuses the write, so nothing unchecked is kept). The verdict comes
// later (within 30 minutes) by a message push; until a `pass` verdict a photo is shown to nobody but those who manage
// the document (fail closed). A risky verdict takes the photo off; any other verdict (an error, a doubt), or none
// within 30 minutes, leaves it hidden and the timer checks it again, up to MAX_TRIES checks.
import { database, Database } from './cloud'
import { now } from './clock'
import { COLLECTIONS } from './collections'
import { tempUrls } from './files'
import { ownPhotos, PhotoArea } from './photos'
import { readAll } from './query'
import { wechat } from './wechat'

/** How many checks a photo gets before it stays hidden for good (its managers see it marked failed). */
export const MAX_TRIES = 3
/** WeChat answers a media check within 30 minutes; a check older than that lost its verdict. */
const VERDICT_WITHIN_MS = 30 * 60 * 1000

/** A check awaiting WeChat's verdict, by its trace id; `by` uploaded the photo, `tries` counts this check. */
export interface PhotoCheck { traceId: string; fileID: string; by: string; at: Date; tries: number }
/** A photo whose check gave no verdict: the timer checks it again. */
export interface PhotoRetry { fileID: string; by: string; tries: number }
/** The checks a document keeps beside its photos. */
export interface CheckedPhotos { photoChecks?: PhotoCheck[]; photoRetries?: PhotoRetry[] }
/** A photo not cleared yet: being checked, or given up on after MAX_TRIES checks with no verdict. */
export type PhotoState = 'pending' | 'failed'

/** Where checked photos live: a collection and the field listing a document's photos. */
export interface PhotoHolder { collection: string; field: string }
export const PHOTO_HOLDERS = {
  stories: { collection: COLLECTIONS.stories, field: 'images' },
  sites: { collection: COLLECTIONS.sites, field: 'photos' },
  cases: { collection: COLLECTIONS.studioCases, field: 'photos' },
} satisfies Record<PhotoArea, PhotoHolder>
/** Representatives' photos are uploaded by their studio's managers into the sites area. */
export const REP_PHOTO_HOLDER: PhotoHolder = { collection: COLLECTIONS.studioReps, field: 'photos' }
/** Every holder but stories (whose verdicts the story function handles with its own history). */
export const OTHER_PHOTO_HOLDERS: PhotoHolder[] = [PHOTO_HOLDERS.sites, PHOTO_HOLDERS.cases, REP_PHOTO_HOLDER]

/** The photos of a document not cleared by a `pass` verdict yet, with their state. */
export function unchecked(doc: CheckedPhotos): Map<string, PhotoState> {
  const out = new Map<string, PhotoState>()
  for (const c of doc.photoChecks ?? []) out.set(c.fileID, 'pending')
  for (const r of doc.photoRetries ?? []) out.set(r.fileID, r.tries >= MAX_TRIES ? 'failed' : 'pending')
  return out
}

/** The photos cleared by the media check: all anyone but the document's managers is shown. */
export function shownPhotos(photos: string[], doc: CheckedPhotos): string[] {
  const hidden = unchecked(doc)
  return photos.filter((f) => !hidden.has(f))
}

/** The photos as shown: all of them with the state of those not cleared yet (`privileged`), or the cleared ones. */
export function photosAsShown(photos: string[], doc: CheckedPhotos, urls: Map<string, string>, privileged: boolean) {
  const hidden = unchecked(doc)
  return (privileged ? photos : shownPhotos(photos, doc)).map((fileID) => {
    const check = hidden.get(fileID)
    return { fileID, url: urls.get(fileID) ?? '', ...(check ? { check } : {}) }
  })
}

/**
 * Accepts the photos not kept from before only from the uploader's own folder of `area` and when stored (refused
 * on `field` otherwise), and starts a check of each. The caller stores the checks with the document.
 */
export async function startPhotoChecks(area: PhotoArea, by: string, photos: string[], field: string, kept: string[] = []): Promise<PhotoCheck[]> {
  const { fresh, urls } = await ownPhotos(area, by, photos, field, kept)
  const at = now()
  const checks: PhotoCheck[] = []
  for (const fileID of fresh) {
    checks.push({ traceId: await wechat.mediaCheckAsync(urls.get(fileID)!, by, 'socialLog'), fileID, by, at, tries: 1 })
  }
  return checks
}

export type Verdict = 'shown' | 'hidden' | 'removed'

/**
 * Applies a `wxa_media_check` verdict to the document of `holder` holding the check `traceId` (a trace id this
 * function started: an event posted by anyone else finds nothing). A risky photo leaves the document, with `onRisky`'s
 * fields set in the same write. Answers the document as it was read, the check and what became of the photo (null
 * when no document holds the check); `removed` only when this call removed it.
 */
export async function applyVerdict<T extends CheckedPhotos & { _id: string }>(
  holder: PhotoHolder, traceId: string, event: Record<string, unknown>, onRisky: (at: Date) => Record<string, unknown> = () => ({}),
): Promise<{ doc: T; check: PhotoCheck; verdict: Verdict | null } | null> {
  const db = database()
  const _ = db.command
  const coll = db.collection(holder.collection)
  const { data } = await coll.where({ 'photoChecks.traceId': traceId }).limit(1).get()
  const doc = data[0] as T | undefined
  const check = doc?.photoChecks?.find((c) => c.traceId === traceId)
  if (!doc || !check) return null
  const result = event.result as { suggest?: unknown } | undefined
  const suggest = event.errcode === 0 || event.errcode === undefined ? result?.suggest : undefined
  const pending = coll.where({ _id: doc._id, 'photoChecks.traceId': traceId })
  if (suggest === 'pass') {
    await pending.update({ photoChecks: _.pull({ traceId }) })
    return { doc, check, verdict: 'shown' }
  }
  if (suggest !== 'risky') {
    await pending.update({ photoChecks: _.pull({ traceId }), photoRetries: _.push([retryOf(check)]) })
    return { doc, check, verdict: 'hidden' }
  }
  const at = now()
  const { updated } = await pending.update({ [holder.field]: _.pull(check.fileID), photoChecks: _.pull({ traceId }), ...onRisky(at) })
  return { doc, check, verdict: updated ? 'removed' : null }
}

const retryOf = (c: PhotoCheck): PhotoRetry => ({ fileID: c.fileID, by: c.by, tries: c.tries })

/**
 * The timer's re-check of `holder`'s photos: a check with no verdict after 30 minutes joins the photos to check
 * again (still hidden), and each photo to check again under MAX_TRIES gets a new check. Answers how many it started.
 */
export async function recheckPhotos(db: Database, at: Date, holder: PhotoHolder): Promise<number> {
  const _ = db.command
  const coll = db.collection(holder.collection)
  const cutoff = at.getTime() - VERDICT_WITHIN_MS
  const stale = await readAll<CheckedPhotos & { _id: string }>(db, holder.collection, { 'photoChecks.at': _.lt(new Date(cutoff)) }, { photoChecks: true })
  for (const doc of stale) {
    for (const c of (doc.photoChecks ?? []).filter((x) => new Date(x.at).getTime() < cutoff)) {
      await coll.where({ _id: doc._id, 'photoChecks.traceId': c.traceId })
        .update({ photoChecks: _.pull({ traceId: c.traceId }), photoRetries: _.push([retryOf(c)]) })
    }
  }
  const due = await readAll<CheckedPhotos & { _id: string }>(db, holder.collection, { photoRetries: _.elemMatch({ tries: _.lt(MAX_TRIES) }) },
    { photoRetries: true })
  let started = 0
  for (const doc of due) {
    const retries = (doc.photoRetries ?? []).filter((r) => r.tries < MAX_TRIES)
    const urls = await tempUrls(retries.map((r) => r.fileID))
    for (const r of retries) {
      const url = urls.get(r.fileID)
      const traceId = url ? await wechat.mediaCheckAsync(url, r.by, 'socialLog').catch(() => null) : null
      if (!traceId) continue
      const { updated } = await coll.where({ _id: doc._id, photoRetries: _.elemMatch({ fileID: r.fileID, tries: r.tries }) }).update({
        photoRetries: _.pull({ fileID: r.fileID }),
        photoChecks: _.push([{ traceId, fileID: r.fileID, by: r.by, at, tries: r.tries + 1 }]),
      })
      started += updated
    }
  }
  return started
}

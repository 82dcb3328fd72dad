// Photos people upload: each person has one upload folder per area (`stories/<folder>/`), filled only through
// one-time signed uploads the functions hand out (storage refuses a second upload to a path). A photo named in an
// input is accepted only when it lies in the caller's own folder and is really there, so nobody can attach a file
// they did not upload (an exported attendance sheet, another person's photo) or a photo still to come.
import crypto from 'crypto'
import { cloud } from './cloud'
import { now } from './clock'
import { fail } from './errors'
import { tempUrls } from './files'
import { FOLDER_HASH_LENGTH, PHOTO_NAME_PATTERN, PhotoArea } from './storageRules'

export type { PhotoArea }

/** The caller's own folder in an area: a hash of the openid, so the path does not reveal it. */
export const uploadFolder = (area: PhotoArea, openid: string) =>
  `${area}/${crypto.createHash('sha256').update(openid).digest('hex').slice(0, FOLDER_HASH_LENGTH)}/`

const PHOTO_NAME = new RegExp(`^${PHOTO_NAME_PATTERN}$`)

/** The cloud path of a fileID `cloud://<env>.<bucket>/<path>`, or '' when it is not one. */
const pathOf = (fileID: string) => /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1] ?? ''

export interface UploadTicket {
  fileID: string
  /** Where the photo goes: weapp uploads there itself (Taro.cloud.uploadFile). */
  cloudPath: string
  /** H5: PUT the bytes to `url` with `headers`. */
  url: string
  headers: Record<string, string>
}

/** A one-time signed upload of one photo to a new path in the caller's own folder (the path is chosen here). */
export async function uploadTicket(area: PhotoArea, openid: string): Promise<UploadTicket> {
  const cloudPath = `${uploadFolder(area, openid)}${now().getTime()}-${crypto.randomBytes(8).toString('hex')}.jpg`
  const { data } = await cloud().getUploadMetadata({ cloudPath })
  return {
    fileID: data.fileId,
    cloudPath,
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

/**
 * Checks that every photo in `fileIDs` (but those in `kept`, already accepted before) lies in the caller's own
 * folder of `area` and is stored; refuses on `field` otherwise. Answers the temporary URLs of the new photos (one
 * storage call, no database operation).
 */
export async function ownPhotos(area: PhotoArea, openid: string, fileIDs: string[], field: string, kept: string[] = []) {
  const fresh = [...new Set(fileIDs.filter((f) => !kept.includes(f)))]
  const folder = uploadFolder(area, openid)
  if (fresh.some((f) => !pathOf(f).startsWith(folder) || !PHOTO_NAME.test(pathOf(f).slice(folder.length)))) {
    throw fail.invalid(field, '只能使用您自己上传的照片，请重新上传')
  }
  const urls = await tempUrls(fresh)
  if (fresh.some((f) => !urls.has(f))) throw fail.invalid(field, '有照片还没有上传完成，请重新上传')
  return { fresh, urls }
}

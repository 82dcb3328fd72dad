// A story's photos: chosen on the device, compressed there (long side ≤ 1600 px, ≤ 1 MB) and uploaded to cloud
// storage at once, so the draft keeps only fileIDs that outlive the app being closed.
// The story function hands out each photo's path, in the person's own folder. weapp: Taro.compressImage +
// Taro.cloud.uploadFile to that path. H5: a canvas, then a PUT to the one-time signed URL of that path (the browser
// holds no CloudBase credentials).
import Taro from '@tarojs/taro'
import type { ApiResult } from '../../contract/common'
import { NETWORK_ERROR } from './errors'
import { storyService } from './story'

export const PHOTO_LONG_SIDE = 1600
export const PHOTO_MAX_BYTES = 1024 * 1024
/** The small copy kept in the draft on H5, so a reopened draft still shows its photos. */
const THUMB_LONG_SIDE = 240

export interface StoryPhoto {
  fileID: string
  /** What the form shows: a data-URL thumbnail (H5) or a local/temporary file path (weapp). */
  preview: string
}

const UPLOAD_FAILED: ApiResult<never> = { ok: false, code: 'INTERNAL', message: '照片上传没有成功，请再试一次' }
const UNREADABLE: ApiResult<never> = { ok: false, code: 'INVALID_INPUT', message: '这张照片打不开，请换一张' }

/** Lets the person pick up to `count` photos; [] when they cancel. */
async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['original', 'compressed'], sourceType: ['album', 'camera'] })
    return res.tempFilePaths ?? []
  } catch {
    return []
  }
}

/** The one-time upload address of a photo, from the function whose records take it (a story's by default). */
export type PhotoTicket = () => Promise<ApiResult<{ fileID: string; cloudPath: string; url: string; headers: Record<string, string> }>>

async function uploadStoryPhoto(localPath: string, ticket: PhotoTicket = storyService.uploadPhoto): Promise<ApiResult<StoryPhoto>> {
  return process.env.TARO_ENV === 'weapp' ? uploadOnWeapp(localPath, ticket) : uploadOnH5(localPath, ticket)
}

/** Fresh previews for photos restored from a draft (weapp's temporary files may be gone after a restart). */
async function refreshPreviews(photos: StoryPhoto[]): Promise<StoryPhoto[]> {
  if (process.env.TARO_ENV !== 'weapp' || photos.length === 0) return photos
  try {
    const { fileList } = await Taro.cloud.getTempFileURL({ fileList: photos.map((p) => p.fileID) })
    const urls = new Map(fileList.map((f) => [f.fileID, f.tempFileURL]))
    return photos.map((p) => ({ ...p, preview: urls.get(p.fileID) || p.preview }))
  } catch {
    return photos
  }
}

/** One object, so a page's tests can stand in for the device's photo picker and the upload. */
export const storyPhotos = { choose: choosePhotos, upload: uploadStoryPhoto, refreshPreviews }

// ---- weapp ----

async function fileSize(filePath: string): Promise<number> {
  const { size } = await Taro.getFileInfo({ filePath }) as unknown as { size: number }
  return size
}

async function uploadOnWeapp(localPath: string, photoTicket: PhotoTicket): Promise<ApiResult<StoryPhoto>> {
  let filePath = localPath
  try {
    const { width, height } = await Taro.getImageInfo({ src: localPath })
    const landscape = width >= height
    const tooLong = Math.max(width, height) > PHOTO_LONG_SIDE
    for (const quality of [80, 60, 40]) {
      if (!tooLong && quality === 80 && await fileSize(filePath) <= PHOTO_MAX_BYTES) break
      const res = await Taro.compressImage({
        src: localPath,
        quality,
        ...(tooLong ? (landscape ? { compressedWidth: PHOTO_LONG_SIDE } : { compressedHeight: PHOTO_LONG_SIDE }) : {}),
      } as Taro.compressImage.Option)
      filePath = res.tempFilePath
      if (await fileSize(filePath) <= PHOTO_MAX_BYTES) break
    }
  } catch {
    return UNREADABLE
  }
  // The path is the function's: a new one in the person's own folder, the only photos a story accepts.
  const ticket = await photoTicket()
  if (!ticket.ok) return ticket
  try {
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath: ticket.data.cloudPath, filePath })
    return { ok: true, data: { fileID, preview: filePath } }
  } catch {
    return UPLOAD_FAILED
  }
}

// ---- H5 ----

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('unreadable image'))
    img.src = src
  })
}

function draw(img: HTMLImageElement, longSide: number): HTMLCanvasElement {
  const scale = Math.min(1, longSide / Math.max(img.naturalWidth, img.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
  const ctx = canvas.getContext('2d')!
  // JPEG has no transparency: a transparent PNG would turn black without a white ground.
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  return canvas
}

const toJpeg = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))

/** A JPEG of at most PHOTO_LONG_SIDE and PHOTO_MAX_BYTES: lower quality first, then a smaller picture. */
async function compressForUpload(img: HTMLImageElement): Promise<Blob | null> {
  for (let longSide = PHOTO_LONG_SIDE; longSide >= 400; longSide = Math.round(longSide * 0.75)) {
    const canvas = draw(img, longSide)
    for (const quality of [0.85, 0.7, 0.55]) {
      const blob = await toJpeg(canvas, quality)
      if (blob && blob.size <= PHOTO_MAX_BYTES) return blob
    }
  }
  return null
}

async function uploadOnH5(localPath: string, photoTicket: PhotoTicket): Promise<ApiResult<StoryPhoto>> {
  let blob: Blob | null
  let preview: string
  try {
    const img = await loadImage(localPath)
    blob = await compressForUpload(img)
    preview = draw(img, THUMB_LONG_SIDE).toDataURL('image/jpeg', 0.7)
  } catch {
    return UNREADABLE
  }
  if (!blob) return UNREADABLE
  const ticket = await photoTicket()
  if (!ticket.ok) return ticket
  try {
    const res = await fetch(ticket.data.url, { method: 'PUT', headers: ticket.data.headers, body: blob })
    if (!res.ok) return UPLOAD_FAILED
  } catch {
    return NETWORK_ERROR
  }
  return { ok: true, data: { fileID: ticket.data.fileID, preview } }
}

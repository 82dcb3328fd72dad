// The storage service: cloud storage as @cloudbase/node-sdk sees it.
//   storage.getUploadMetadata   → a signed upload URL on this hub (the SDK PUTs the bytes there, as it would to COS)
//   storage.batchGetDownloadUrl → signed, expiring temporary URLs (per-file code SUCCESS / STORAGE_FILE_NONEXIST)
//   storage.batchDeleteFile     → per-file results
//   PUT  /__storage/upload/<path>     stores the bytes under <dataDir>/storage/files/; each signed upload URL stores
//                                     once (a second PUT with it is refused, so checked bytes cannot be swapped)
//   GET  /__storage/download/<path>?sign=…&t=…   streams the file (HEAD too), refusing forged or expired links
// File IDs look like CloudBase's: cloud://<envId>.<bucket>/<path>.
import crypto from 'crypto'
import fs from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import path from 'path'
import { pipeline } from 'stream/promises'
import { AdminError } from './errors'
import type { HubContext } from './context'
import type { EmulatedService } from './service'

/** Temporary download URLs live this long unless the caller gives max_age (seconds). */
const DEFAULT_MAX_AGE_S = 2 * 60 * 60
const MAX_MAX_AGE_S = 365 * 24 * 60 * 60
/** An upload URL from getUploadMetadata is good for this long. */
const UPLOAD_URL_LIFETIME_S = 15 * 60
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
/** CloudBase limits a cloud path to 850 bytes. */
const MAX_PATH_BYTES = 850

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.heic': 'image/heic',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * A cloud path made safe, or null: relative, '/'-separated, no empty, '.' or '..' segments, no backslashes, control
 * characters, '?' or '#' (they would not survive a URL), at most 850 bytes.
 */
export function cleanCloudPath(p: unknown): string | null {
  if (typeof p !== 'string' || p.length === 0) return null
  if (Buffer.byteLength(p) > MAX_PATH_BYTES) return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\?#]/.test(p)) return null
  if (p.startsWith('/')) return null
  const segments = p.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null
  return segments.join('/')
}

/** `cloud://<env>.<bucket>/<path>` → the cleaned path, or null when the file ID is malformed or unsafe. */
export function pathOfFileId(fileId: unknown): string | null {
  if (typeof fileId !== 'string') return null
  const m = /^cloud:\/\/([^/]+)\/(.+)$/.exec(fileId)
  if (!m || !m[1].includes('.')) return null
  return cleanCloudPath(m[2])
}

function xmlEscape(s: string) {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[c]!))
}

/** An error the way COS answers an upload: XML, which the SDK parses (it reads Code, Message, RequestId, TraceId). */
function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string) {
  const id = crypto.randomBytes(12).toString('hex')
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${xmlEscape(code)}</Code>\n` +
    `  <Message>${xmlEscape(message)}</Message>\n  <Resource>${xmlEscape(resource)}</Resource>\n` +
    `  <RequestId>${id}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>\n`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

function sendPlain(res: ServerResponse, status: number, code: string, message: string) {
  const body = JSON.stringify({ code, message })
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

function loadSecret(file: string): Buffer {
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8')
}

export function createStorageService(ctx: HubContext): EmulatedService {
  const root = path.join(ctx.config.dataDir, 'storage')
  const filesRoot = path.join(root, 'files')
  const tmpRoot = path.join(root, 'tmp')
  // One marker per upload URL that has stored its file, named `<expiry>-<signature>`: the URL is spent.
  const spentRoot = path.join(root, 'spent-uploads')
  fs.mkdirSync(filesRoot, { recursive: true })
  fs.mkdirSync(tmpRoot, { recursive: true })
  fs.mkdirSync(spentRoot, { recursive: true })
  // Kept beside the files (not inside files/), so links stay valid across a restart and no download reaches it.
  const secret = loadSecret(path.join(root, 'url-secret'))

  const envId = ctx.config.envId
  // CloudBase buckets are named <hex of the env id's first two characters>-<env id>-<app id number>.
  const bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`
  const nowS = () => Math.floor((Date.now() + ctx.clockOffsetMs()) / 1000)
  // Markers of expired URLs say nothing more (an expired URL is refused anyway): cleared at start.
  for (const name of fs.readdirSync(spentRoot)) {
    if (Number(name.split('-')[0]) < nowS()) fs.rmSync(path.join(spentRoot, name), { force: true })
  }

  const sign = (purpose: 'GET' | 'PUT', p: string, t: number) =>
    crypto.createHmac('sha256', secret).update(`${purpose}\n${p}\n${t}`).digest('hex').slice(0, 40)

  /** Why a signed request is refused, or null when the signature is good and unexpired. */
  function checkSignature(purpose: 'GET' | 'PUT', p: string, sig: string | null, t: string | null) {
    if (!sig || !t) return { code: 'CDN_SIGNATURE_MISSING', message: '访问链接缺少签名' }
    const expiry = Number(t)
    const expected = Buffer.from(sign(purpose, p, Number.isInteger(expiry) ? expiry : -1))
    const given = Buffer.from(sig)
    if (!/^\d+$/.test(t) || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return { code: 'CDN_INVALID_SIGNATURE', message: '访问链接签名不正确' }
    }
    if (expiry < nowS()) return { code: 'CDN_SIGNATURE_EXPIRED', message: '访问链接已过期' }
    return null
  }

  /** The absolute file for a cleaned cloud path, checked to stay inside files/. */
  function fileFor(p: string): string {
    const file = path.resolve(filesRoot, ...p.split('/'))
    if (!file.startsWith(filesRoot + path.sep)) throw new Error(`path escapes storage: ${p}`)
    return file
  }

  function isFile(file: string) {
    try {
      return fs.statSync(file).isFile()
    } catch {
      return false
    }
  }

  const fileIdOf = (p: string) => `cloud://${envId}.${bucket}/${p}`
  // Like CloudBase's, the temporary URL carries the path unencoded (the SDK's downloadFile runs encodeURI on it).
  const downloadUrl = (p: string, expiry: number) =>
    `${ctx.url()}/__storage/download/${p}?sign=${sign('GET', p, expiry)}&t=${expiry}`
  const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/')

  function getUploadMetadata(body: Record<string, any>) {
    const p = cleanCloudPath(body.path)
    if (!p) throw new AdminError('INVALID_PARAM', `cloudPath 不合法：${String(body.path)}（不能以 / 开头，不能含 .. 或 ?#\\）`)
    const expiry = nowS() + UPLOAD_URL_LIFETIME_S
    // Each URL is its own (a nonce), so each stores once even when two are made for one path in the same second.
    const nonce = crypto.randomBytes(8).toString('hex')
    const sig = sign('PUT', `${p}\n${nonce}`, expiry)
    return {
      data: {
        url: `${ctx.url()}/__storage/upload/${encodePath(p)}?sign=${sig}&t=${expiry}&n=${nonce}`,
        token: crypto.randomBytes(16).toString('hex'),
        authorization: `EMU-HMAC-SHA256 t=${expiry};n=${nonce};sign=${sig}`,
        fileId: fileIdOf(p),
        cosFileId: `emu-${crypto.createHash('sha1').update(p).digest('hex').slice(0, 24)}`,
        download_url: `${ctx.url()}/__storage/download/${p}`,
      },
    }
  }

  function batchGetDownloadUrl(body: Record<string, any>) {
    const list = body.file_list
    if (!Array.isArray(list)) throw new AdminError('INVALID_PARAM', 'file_list 必须是数组')
    const now = nowS()
    const download_list = list.map((item: any) => {
      const fileID = typeof item?.fileid === 'string' ? item.fileid : String(item?.fileid ?? '')
      const p = pathOfFileId(fileID)
      if (!p) return { code: 'INVALID_PARAM', fileID, tempFileURL: '', message: 'fileID 不合法' }
      if (!isFile(fileFor(p))) return { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '', message: '文件不存在' }
      const asked = Number(item?.max_age)
      const maxAge = Number.isFinite(asked) && asked > 0 ? Math.min(Math.floor(asked), MAX_MAX_AGE_S) : DEFAULT_MAX_AGE_S
      return { code: 'SUCCESS', fileID, tempFileURL: downloadUrl(p, now + maxAge), maxAge }
    })
    return { data: { download_list } }
  }

  function batchDeleteFile(body: Record<string, any>) {
    const list = body.fileid_list
    if (!Array.isArray(list)) throw new AdminError('INVALID_PARAM', 'fileid_list 必须是数组')
    const delete_list = list.map((fileID: any) => {
      const p = pathOfFileId(fileID)
      if (!p) return { code: 'INVALID_PARAM', fileID, message: 'fileID 不合法' }
      const file = fileFor(p)
      if (!isFile(file)) return { code: 'STORAGE_FILE_NONEXIST', fileID, message: '文件不存在' }
      fs.unlinkSync(file)
      // Tidy empty folders back up to files/ (COS has no folders; an empty one here would be noise).
      for (let dir = path.dirname(file); dir.startsWith(filesRoot + path.sep); dir = path.dirname(dir)) {
        try {
          fs.rmdirSync(dir)
        } catch {
          break
        }
      }
      return { code: 'SUCCESS', fileID }
    })
    return { data: { delete_list } }
  }

  /** The cloud path after a route prefix, decoded and cleaned; null when unsafe. */
  function routePath(url: URL, prefix: string): string | null {
    try {
      return cleanCloudPath(decodeURIComponent(url.pathname.slice(prefix.length)))
    } catch {
      return null
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL) {
    const p = routePath(url, '/__storage/upload/')
    if (!p) return sendCosError(res, 400, 'InvalidURI', '文件路径不合法', url.pathname)
    let sig = url.searchParams.get('sign')
    let t = url.searchParams.get('t')
    let nonce = url.searchParams.get('n') ?? ''
    if (!sig || !t) {
      const m = /t=(\d+);n=([0-9a-f]*);sign=([0-9a-f]+)/.exec(String(req.headers.authorization ?? ''))
      if (m) [t, nonce, sig] = [m[1], m[2], m[3]]
    }
    const refused = checkSignature('PUT', `${p}\n${nonce}`, sig, t)
    if (refused) {
      req.resume()
      return sendCosError(res, 403, refused.code === 'CDN_SIGNATURE_EXPIRED' ? 'RequestTimeTooSkewed' : 'SignatureDoesNotMatch', refused.message, p)
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) {
      req.resume()
      return sendCosError(res, 400, 'EntityTooLarge', '文件超过 50 MB', p)
    }
    // The URL is claimed before the bytes arrive (two PUTs at once: one stores), and given back if this one fails.
    const spent = path.join(spentRoot, `${t}-${sig}`)
    try {
      fs.closeSync(fs.openSync(spent, 'wx'))
    } catch {
      req.resume()
      return sendCosError(res, 403, 'AccessDenied', '这个上传链接已经用过，请重新获取', p)
    }
    const tmp = path.join(tmpRoot, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`)
    let size = 0
    try {
      await pipeline(req, async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length
          if (size > MAX_UPLOAD_BYTES) throw Object.assign(new Error('too large'), { tooLarge: true })
          yield chunk
        }
      }, fs.createWriteStream(tmp))
      const fd = fs.openSync(tmp, 'r')
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      const file = fileFor(p)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.renameSync(tmp, file)
    } catch (err: any) {
      fs.rmSync(tmp, { force: true })
      fs.rmSync(spent, { force: true })
      if (err?.tooLarge) return sendCosError(res, 400, 'EntityTooLarge', '文件超过 50 MB', p)
      if (['ENOTDIR', 'EISDIR', 'EEXIST'].includes(err?.code)) {
        return sendCosError(res, 409, 'PathConflict', '文件路径与已有文件或目录冲突', p)
      }
      if (res.headersSent || req.destroyed) return
      throw err
    }
    res.writeHead(200, { 'content-length': 0, etag: `"${crypto.randomBytes(8).toString('hex')}"` })
    res.end()
  }

  async function download(req: IncomingMessage, res: ServerResponse, url: URL) {
    const p = routePath(url, '/__storage/download/')
    if (!p) return sendPlain(res, 400, 'INVALID_PARAM', '文件路径不合法')
    const refused = checkSignature('GET', p, url.searchParams.get('sign'), url.searchParams.get('t'))
    if (refused) return sendPlain(res, 403, refused.code, refused.message)
    const file = fileFor(p)
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
      if (!stat.isFile()) throw new Error('not a file')
    } catch {
      return sendPlain(res, 404, 'STORAGE_FILE_NONEXIST', '文件不存在')
    }
    const remaining = Math.max(0, Number(url.searchParams.get('t')) - nowS())
    res.writeHead(200, {
      'content-type': contentTypeFor(p),
      'content-length': stat.size,
      'cache-control': `private, max-age=${remaining}`,
      'last-modified': stat.mtime.toUTCString(),
      // The files share the H5 app's origin here (unlike CloudBase's CDN domain): never let one run as a page.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    })
    if (req.method === 'HEAD') return res.end()
    await pipeline(fs.createReadStream(file), res).catch(() => res.destroy())
  }

  return {
    prefixes: ['storage.'],
    handle({ action, body }) {
      switch (action) {
        case 'storage.getUploadMetadata': return getUploadMetadata(body)
        case 'storage.batchGetDownloadUrl': return batchGetDownloadUrl(body)
        case 'storage.batchDeleteFile': return batchDeleteFile(body)
        default: throw new AdminError('INVALID_ACTION', `${action} is not supported by the emulator`)
      }
    },
    async route(req, res, url) {
      if (url.pathname.startsWith('/__storage/upload/') && req.method === 'PUT') return await upload(req, res, url), true
      if (url.pathname.startsWith('/__storage/download/') && (req.method === 'GET' || req.method === 'HEAD')) {
        return await download(req, res, url), true
      }
      return false
    },
  }
}

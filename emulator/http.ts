// Small HTTP helpers shared by the hub and the services' own routes.
import type { IncomingMessage, ServerResponse } from 'http'

export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** A request refused before it reached a service (too large, not JSON): answered with this status. */
export class HttpError extends Error {
  constructor(public status: number, message: string) { super(message) }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) return reject(new HttpError(413, '请求内容过大'))
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new HttpError(413, '请求内容过大'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * How deep a request's JSON may nest. An event or an SDK request is a few levels deep; one nested thousands deep
 * overflows the stack of whatever walks it next (the structured clone that hands an event to a function instance,
 * EJSON, mingo) and took the whole emulator down.
 */
export const MAX_JSON_DEPTH = 64

/** JSON.parse behind a depth check on the text itself (so nothing recursive ever sees a deeper value). */
export function parseJson(text: string): any {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // a backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new HttpError(400, '请求内容嵌套过深')
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, '请求内容不是有效的 JSON')
  }
}

export async function readJson(req: IncomingMessage, limit: number): Promise<any> {
  const raw = await readBody(req, limit)
  if (raw.length === 0) return {}
  return parseJson(raw.toString('utf8'))
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** The function whose instance made an /admin call: its secret id is `fn.<name>` (see functions/index.ts). */
export function callerFunction(req: IncomingMessage): string | null {
  const m = /Credential=fn\.([A-Za-z0-9_-]+)\//.exec(String(req.headers.authorization ?? ''))
  return m ? m[1] : null
}

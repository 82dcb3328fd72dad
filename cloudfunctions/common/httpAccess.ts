// CloudBase's HTTP access service (HTTP 访问服务, how the H5 app reaches a function): the platform hands the function
// the request as an "integration request" (集成请求) and turns an "integration response" (集成响应) it returns into
// the HTTP answer. Shapes as CloudBase documents them (docs.cloudbase.net/service/access-cloud-function):
//   request   { path, httpMethod, headers, multiValueHeaders?, queryStringParameters, requestContext, body, isBase64Encoded }
//   response  { statusCode, headers, body, isBase64Encoded }
// The emulator builds the same request (emulator/httpAccess.ts) so the code that runs locally is the code that runs
// on CloudBase.
import type { ApiResult, ErrorCode } from '../../contract/common'

export interface HttpAccessEvent {
  path: string
  httpMethod: string
  /** Header names in lower case. */
  headers: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  queryStringParameters: Record<string, string>
  requestContext: { requestId?: string; envId?: string; appId?: number | string; uin?: number | string }
  /** The request body as text, or base64 of its bytes when isBase64Encoded. */
  body: string
  isBase64Encoded: boolean
}

export interface IntegrationResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: boolean
}

/** Whether `event` is CloudBase's integration request (a mini-program's callFunction data never has this shape). */
export function isHttpAccessEvent(event: unknown): event is HttpAccessEvent {
  if (!event || typeof event !== 'object') return false
  const e = event as Record<string, unknown>
  return typeof e.httpMethod === 'string' && typeof e.path === 'string' &&
    !!e.headers && typeof e.headers === 'object' && 'isBase64Encoded' in e && 'body' in e
}

/** A header of the request, by name in any case. */
export function header(event: HttpAccessEvent, name: string): string | undefined {
  const want = name.toLowerCase()
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === want && typeof v === 'string') return v
  return undefined
}

/**
 * The address the request came from, as the gateway in front of the function saw it: the last entry of
 * X-Forwarded-For (the gateway appends it; entries a client sends itself come before it), '' when there is none.
 */
export function clientAddress(event: HttpAccessEvent): string {
  const hops = (header(event, 'x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean)
  return hops[hops.length - 1] ?? ''
}

const MALFORMED = '请求内容格式不正确'

/** The JSON object the request body carries (decoded from base64 when flagged), or the Chinese reason it is none. */
/** A request nests a few levels; anything deeper is refused before JSON.parse or a schema recurses into it. */
const MAX_DEPTH = 64

/** How deep `text` nests its arrays and objects, counted on the text (strings skipped), stopping past `limit`. */
function nesting(text: string, limit: number): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length && deepest <= limit; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth)
    else if (ch === ']' || ch === '}') depth--
  }
  return deepest
}

export function requestJson(event: HttpAccessEvent): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (event.httpMethod.toUpperCase() !== 'POST') return { ok: false, message: '请用 POST 提交请求' }
  if (typeof event.body !== 'string') return { ok: false, message: MALFORMED }
  const text = event.isBase64Encoded === true || (event.isBase64Encoded as unknown) === 'true'
    ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
  if (text.trim() === '') return { ok: true, value: {} }
  if (nesting(text, MAX_DEPTH) > MAX_DEPTH) return { ok: false, message: '请求内容嵌套过深' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, message: `${MALFORMED}（不是有效的 JSON）` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: MALFORMED }
  return { ok: true, value: value as Record<string, unknown> }
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  NOT_REGISTERED: 403,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

/**
 * The HTTP status of an answer: 200 for ok and for refusals a person acts on in the page (an expired code, out of
 * range, already done ...), the matching 4xx/5xx for the rest. The body is always the ApiResult.
 */
export const statusOf = (result: ApiResult<unknown>) => (result.ok ? 200 : STATUS[result.code] ?? 200)

/** The integration response carrying `result` as JSON. */
export function integrationResponse(result: ApiResult<unknown>): IntegrationResponse {
  return {
    statusCode: statusOf(result),
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(result),
    isBase64Encoded: false,
  }
}

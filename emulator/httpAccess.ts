// CloudBase's HTTP access service as the emulator provides it: a request to an HTTP route becomes the function's
// "integration request" (集成请求) and what the function returns becomes the HTTP answer — an "integration
// response" (集成响应: statusCode, headers, body, isBase64Encoded) as it says, a string as text, anything else as
// JSON. Shapes from docs.cloudbase.net/service/access-cloud-function.
import crypto from 'crypto'
import type { IncomingMessage, ServerResponse } from 'http'

export interface IntegrationRequest {
  path: string
  httpMethod: string
  headers: Record<string, string>
  multiValueHeaders: Record<string, string[]>
  queryStringParameters: Record<string, string>
  requestContext: { requestId: string; envId: string; appId: number; uin: number }
  body: string
  isBase64Encoded: boolean
}

/** Bodies passed as text; any other body (an upload's bytes) travels base64-encoded, flagged. */
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|$)/i

export function integrationRequest(req: IncomingMessage, url: URL, body: Buffer, envId: string): IntegrationRequest {
  const headers: Record<string, string> = {}
  const multiValueHeaders: Record<string, string[]> = {}
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase()
    const value = req.rawHeaders[i + 1]
    ;(multiValueHeaders[name] ??= []).push(value)
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`
  }
  // As the gateway in front of a function does: the address the request came from, appended to X-Forwarded-For.
  const peer = req.socket.remoteAddress ?? ''
  if (peer) {
    ;(multiValueHeaders['x-forwarded-for'] ??= []).push(peer)
    headers['x-forwarded-for'] = headers['x-forwarded-for'] === undefined ? peer : `${headers['x-forwarded-for']},${peer}`
  }
  const queryStringParameters: Record<string, string> = {}
  for (const [k, v] of url.searchParams) queryStringParameters[k] = v
  const text = TEXT_TYPES.test(String(req.headers['content-type'] ?? '')) && isUtf8(body)
  return {
    path: url.pathname,
    httpMethod: String(req.method ?? 'GET').toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters,
    requestContext: { requestId: crypto.randomBytes(16).toString('hex'), envId, appId: 0, uin: 0 },
    body: text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !text,
  }
}

function isUtf8(bytes: Buffer) {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)
}

const isIntegrationResponse = (v: unknown): v is { statusCode: number; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } =>
  !!v && typeof v === 'object' && typeof (v as { statusCode?: unknown }).statusCode === 'number'

/** Answers the HTTP request with what the function returned. */
export function sendFunctionResult(res: ServerResponse, result: unknown) {
  if (isIntegrationResponse(result)) {
    const raw = result.body === undefined || result.body === null ? '' : String(result.body)
    const bytes = result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8')
    res.writeHead(result.statusCode, { ...(result.headers ?? {}), 'content-length': bytes.length })
    return res.end(bytes)
  }
  const [type, text] = typeof result === 'string' || typeof result === 'number'
    ? ['text/plain; charset=utf-8', String(result)]
    : ['application/json; charset=utf-8', JSON.stringify(result ?? null)]
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

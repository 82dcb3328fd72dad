// wx.openApi, as wx-server-sdk's cloud.openapi.* sends it: multipart/form-data POSTed to /admin (action, apiName,
// requestData as protobuf bytes); the SDK reads the raw reply, a CommOpenApiResp protobuf, or a JSON error
// `{ code, message }` with content-type application/json.
import crypto from 'crypto'
import type { IncomingMessage, ServerResponse } from 'http'
import { callerFunction } from '../http'
import type { WxApi } from './apis'
import { parseMultipart } from './multipart'
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf'
import { wxError } from './reply'

const BODY_LIMIT = 16 * 1024 * 1024

function sendProto(res: ServerResponse, body: Buffer) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
  res.end(body)
}

function sendTcbError(res: ServerResponse, code: string, message: string) {
  const body = JSON.stringify({ code, message, requestId: crypto.randomBytes(8).toString('hex') })
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export async function answerOpenApi(req: IncomingMessage, res: ServerResponse, findApi: (apiName: unknown) => WxApi | undefined) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > BODY_LIMIT) return sendTcbError(res, 'INVALID_PARAM', '请求内容过大')
    chunks.push(c)
  }
  let fields: Map<string, Buffer>
  try {
    fields = parseMultipart(Buffer.concat(chunks), String(req.headers['content-type']))
  } catch {
    return sendTcbError(res, 'INVALID_PARAM', 'multipart body could not be parsed')
  }
  const action = fields.get('action')?.toString('utf8')
  if (action !== 'wx.openApi') return sendTcbError(res, 'INVALID_ACTION', `multipart action ${action} is not supported by the emulator`)
  const api = findApi(fields.get('apiName')?.toString('utf8'))
  if (!api) {
    // What CloudBase answers for an API the function may not call (config.json permissions.openapi): -604101.
    return sendProto(res, encodeCommOpenApiResp({ errorCode: -604101 }))
  }
  const raw = fields.get('requestData') ?? Buffer.alloc(0)
  let data = decodeCommApiData(raw)
  if (!data) {
    try {
      data = raw.length ? JSON.parse(raw.toString('utf8')) : {}
    } catch {
      data = null
    }
  }
  const reply = data && typeof data === 'object' ? await api.run(data, { functionName: callerFunction(req) }) : wxError(47001, 'data format error')
  const resp = 'json' in reply
    ? { respData: Buffer.from(JSON.stringify(reply.json)), contentType: 'application/json; charset=utf-8', httpCode: 200 }
    : { respData: reply.binary, contentType: reply.contentType, httpCode: 200 }
  sendProto(res, encodeCommOpenApiResp(resp))
}

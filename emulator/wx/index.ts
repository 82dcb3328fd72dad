// The WeChat open API service, answered locally in WeChat's own shapes.
//   wx.api      (app.callWxOpenApi)            JSON body; the WeChat reply goes back as JSON in data.responseData
//   wx.openApi  (wx-server-sdk                 a multipart/form-data POST to /admin whose requestData is the
//                cloud.openapi.*)               protobuf CommApiData; the reply is a protobuf CommOpenApiResp (openApi.ts)
// APIs (apis.ts, by URL path or by wx-server-sdk's dotted name):
//   /wxa/msg_sec_check              security.msgSecCheck (v1 and v2), against the word list (words.ts)
//   /cgi-bin/message/subscribe/send subscribeMessage.send, recorded in <dataDir>/wx/subscribe-messages.jsonl
//   /wxa/getwxacodeunlimit          wxacode.getUnlimited, a PNG QR code of the H5 URL for page + scene
//   /wxa/media_check_async          security.mediaCheckAsync (v2): answers a trace_id at once; a moment later the
//                                   result is pushed, as WeChat's message push does, to the function named by
//                                   messagePushFunction as a `wxa_media_check` event (security.ts).
// Routes for tests and people: GET /__emulator/inbox?openid=… (JSON, newest first), GET /__emulator/inbox.html.
import path from 'path'
import type { HubContext } from '../context'
import { AdminError } from '../errors'
import { sendJson } from '../http'
import type { AdminCall, EmulatedService } from '../service'
import { wxApis } from './apis'
import { Inbox } from './inbox'
import { inboxPage } from './inboxPage'
import { answerOpenApi } from './openApi'
import { Json, wxError, WxReply } from './reply'
import { SensitiveWords } from './words'

export function createWxService(ctx: HubContext): EmulatedService {
  const inbox = new Inbox(path.join(ctx.config.dataDir, 'wx', 'subscribe-messages.jsonl'))
  const findApi = wxApis(ctx, new SensitiveWords(ctx.config.sensitiveWordsFile), inbox)

  /** wx.api: JSON in, the WeChat reply as JSON text in data.responseData. */
  async function wxApi({ body, functionName }: AdminCall) {
    const api = findApi(body.apiName)
    let reply: WxReply
    if (!api) {
      reply = wxError(40066, `invalid url hint: ${String(body.apiName)} is not emulated locally`)
    } else {
      let data: unknown
      try {
        data = body.requestData ? JSON.parse(body.requestData) : {}
      } catch {
        data = null
      }
      reply = data && typeof data === 'object' && !Array.isArray(data)
        ? await api.run(data as Json, { functionName })
        : wxError(47001, 'data format error')
    }
    // An image cannot travel inside JSON: it goes as base64 beside its content type.
    const responseData = 'json' in reply
      ? reply.json
      : { errcode: 0, errmsg: 'ok', contentType: reply.contentType, buffer: reply.binary.toString('base64') }
    return { data: { responseData: JSON.stringify(responseData) } }
  }

  return {
    prefixes: ['wx.'],
    async handle(call) {
      if (call.action === 'wx.api') return wxApi(call)
      if (call.action === 'wx.openApi') {
        throw new AdminError('INVALID_PARAM', 'wx.openApi is sent as multipart/form-data; the emulator answers it in its /admin route')
      }
      throw new AdminError('INVALID_ACTION', `${call.action} is not supported by the emulator`)
    },
    async route(req, res, url) {
      if (req.method === 'POST' && url.pathname === '/admin' && /^multipart\/form-data/i.test(String(req.headers['content-type']))) {
        await answerOpenApi(req, res, findApi)
        return true
      }
      if (req.method === 'GET' && url.pathname === '/__emulator/inbox') {
        const limit = Number(url.searchParams.get('limit') ?? 500)
        sendJson(res, 200, inbox.list(url.searchParams.get('openid'), Number.isFinite(limit) && limit > 0 ? limit : 500))
        return true
      }
      if (req.method === 'GET' && url.pathname === '/__emulator/inbox.html') {
        const openid = url.searchParams.get('openid')
        const html = inboxPage(inbox.list(openid, 200), openid)
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) })
        res.end(html)
        return true
      }
      return false
    },
  }
}

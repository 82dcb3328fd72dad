// The WeChat open API service, answered locally in WeChat's own shapes.
//   wx.api      (app.callWxOpenApi)            JSON body; the WeChat reply goes back as JSON in data.responseData
//   wx.openApi  (app.callCompatibleWxOpenApi,  a multipart/form-data POST to /admin whose requestData is the
//                wx-server-sdk cloud.openapi.*)  protobuf CommApiData; the reply is a protobuf CommOpenApiResp
// APIs (one dispatch table, by URL path or by wx-server-sdk's dotted name):
//   /wxa/msg_sec_check              security.msgSecCheck (v1 and v2), against emulator/sensitive-words.txt
//   /cgi-bin/message/subscribe/send subscribeMessage.send, recorded in <dataDir>/wx/subscribe-messages.jsonl
//   /wxa/getwxacodeunlimit          wxacode.getUnlimited, a PNG QR code of the H5 URL for page + scene
//   /wxa/media_check_async          security.mediaCheckAsync (v2): answers a trace_id at once; a moment later the
//                                   result is pushed, as WeChat's message push does, to the function named by
//                                   WX_MESSAGE_PUSH_FUNCTION (default `story`) as a `wxa_media_check` event. An image
//                                   is risky when its bytes contain the marker RISKY-TEST-IMAGE (tests make one).
// Routes for tests and people: GET /__emulator/inbox?openid=… (JSON, newest first), GET /__emulator/inbox.html.
import crypto from 'crypto'
import fs from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import path from 'path'
import QRCode from 'qrcode'
import { AdminError } from './errors'
import type { HubContext } from './hub'
import type { AdminCall, EmulatedService } from './service'

type Json = Record<string, any>
/** What a WeChat API answers: JSON, or bytes (an image) — as api.weixin.qq.com does. */
type WxReply = { json: Json } | { binary: Buffer; contentType: string }
type WxHandler = (data: Json, call: { functionName: string | null }) => WxReply | Promise<WxReply>

const wxError = (errcode: number, errmsg: string): WxReply => ({ json: { errcode, errmsg } })
const chars = (s: string) => [...s].length

// ---------------------------------------------------------------------------------------------------------------
// Sensitive words

interface WordEntry { word: string; norm: string; label: number }

/** Case-, width- and spacing-insensitive form: NFKC, lower case, no whitespace, zero-width or separator marks. */
export function normalizeForMatch(s: string): string {
  return s.normalize('NFKC').toLowerCase()
    // eslint-disable-next-line no-irregular-whitespace
    .replace(/[\s\u200b-\u200f\u2060\ufeff·•・*_\-.,，。、|/\\~`'"“”‘’!！?？:：;；()（）[\]【】{}<>《》+=#@$%^&]/g, '')
}

export function parseWordList(text: string): WordEntry[] {
  const entries: WordEntry[] = []
  let label = 21000
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) continue
    const section = /^\[(\d+)\b[^\]]*\]$/.exec(line)
    if (section) {
      label = Number(section[1])
      continue
    }
    const norm = normalizeForMatch(line)
    if (norm) entries.push({ word: line, norm, label })
  }
  return entries
}

class SensitiveWords {
  private entries: WordEntry[] = []
  private mtimeMs = -1

  constructor(private readonly file: string) {}

  /** The first listed word the text contains, re-reading the list when the file has changed. */
  find(text: string): WordEntry | null {
    this.refresh()
    const norm = normalizeForMatch(text)
    return this.entries.find((e) => norm.includes(e.norm)) ?? null
  }

  private refresh() {
    try {
      const { mtimeMs } = fs.statSync(this.file)
      if (mtimeMs === this.mtimeMs) return
      this.entries = parseWordList(fs.readFileSync(this.file, 'utf8'))
      this.mtimeMs = mtimeMs
    } catch {
      if (this.mtimeMs !== -1 || this.entries.length === 0) console.warn(`[emulator] no sensitive word list at ${this.file}`)
      this.entries = []
      this.mtimeMs = -1
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Subscribe-message inbox (JSON lines, fsynced: an ok answer means the message is recorded)

export interface InboxMessage {
  id: string
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
  /** The sending cloud function, when a function sent it. */
  from: string | null
  sentAt: string
}

class Inbox {
  private messages: InboxMessage[] = []

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (!fs.existsSync(file)) return
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      try {
        this.messages.push(JSON.parse(line))
      } catch {
        // a line torn by a crash mid-write: skip it
      }
    }
  }

  add(message: InboxMessage) {
    const fd = fs.openSync(this.file, 'a')
    try {
      fs.writeSync(fd, JSON.stringify(message) + '\n')
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    this.messages.push(message)
  }

  /** Newest first. */
  list(openid?: string | null, limit = 500): InboxMessage[] {
    const out: InboxMessage[] = []
    for (let i = this.messages.length - 1; i >= 0 && out.length < limit; i--) {
      if (!openid || this.messages[i].touser === openid) out.push(this.messages[i])
    }
    return out
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Minimal protobuf (the wx.openApi envelope: CommApiData in, CommOpenApiResp out)

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0
  let shift = 0
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint')
    const b = buf[pos++]
    result += (b & 0x7f) * 2 ** shift
    if (!(b & 0x80)) return [result, pos]
    shift += 7
    if (shift > 63) throw new Error('varint too long')
  }
}

/** Field number → raw values (Buffer for length-delimited, number for varint). */
function decodeMessage(buf: Buffer): Map<number, Array<Buffer | number>> {
  const fields = new Map<number, Array<Buffer | number>>()
  let pos = 0
  while (pos < buf.length) {
    let tag: number
    ;[tag, pos] = readVarint(buf, pos)
    const field = Math.floor(tag / 8)
    const wire = tag & 7
    let value: Buffer | number
    if (wire === 0) {
      ;[value, pos] = readVarint(buf, pos)
    } else if (wire === 2) {
      let len: number
      ;[len, pos] = readVarint(buf, pos)
      if (pos + len > buf.length) throw new Error('truncated field')
      value = buf.subarray(pos, pos + len)
      pos += len
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8); pos += 8
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4); pos += 4
    } else {
      throw new Error(`unsupported wire type ${wire}`)
    }
    if (field === 0) throw new Error('field 0')
    if (!fields.has(field)) fields.set(field, [])
    fields.get(field)!.push(value)
  }
  return fields
}

function varint(n: number): Buffer {
  const out: number[] = []
  let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Buffer.from(out)
}

const pbBytes = (field: number, bytes: Buffer) => Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes])
const pbInt = (field: number, n: number) => Buffer.concat([varint(field * 8), varint(n)])

/** wx-server-sdk's CommApiData { apiType=1, openapiData=2 { pairs=1 { key=1, value=2 } }, appid=6 } → request JSON. */
export function decodeCommApiData(buf: Buffer): Json | null {
  let message: Map<number, Array<Buffer | number>>
  try {
    message = decodeMessage(buf)
    const openapi = message.get(2)?.[0]
    if (!Buffer.isBuffer(openapi)) return null
    const data: Json = {}
    for (const pair of decodeMessage(openapi).get(1) ?? []) {
      if (!Buffer.isBuffer(pair)) return null
      const kv = decodeMessage(pair)
      const key = kv.get(1)?.[0]
      const value = kv.get(2)?.[0]
      if (!Buffer.isBuffer(key)) return null
      const text = Buffer.isBuffer(value) ? value.toString('utf8') : ''
      try {
        data[key.toString('utf8')] = JSON.parse(text)
      } catch {
        data[key.toString('utf8')] = text
      }
    }
    return data
  } catch {
    return null
  }
}

/** CommOpenApiResp { respData=1, contentType=2, errorCode=3, httpCode=4 }. */
export function encodeCommOpenApiResp(r: { respData?: Buffer; contentType?: string; errorCode?: number; httpCode?: number }) {
  const parts: Buffer[] = []
  if (r.respData) parts.push(pbBytes(1, r.respData))
  if (r.contentType) parts.push(pbBytes(2, Buffer.from(r.contentType)))
  if (r.errorCode) parts.push(pbInt(3, r.errorCode))
  if (r.httpCode) parts.push(pbInt(4, r.httpCode))
  return Buffer.concat(parts)
}

/** multipart/form-data → field name → bytes. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw new Error('no multipart boundary')
  const delimiter = Buffer.from(`--${m[1] ?? m[2].trim()}`)
  const fields = new Map<string, Buffer>()
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    let start = pos + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const part = body.subarray(start, next - 2) // drop the CRLF before the delimiter
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8')
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1]
      if (name !== undefined) fields.set(name, part.subarray(split + 4))
    }
    pos = next
  }
  return fields
}

// ---------------------------------------------------------------------------------------------------------------
// The APIs

/** subscribeMessage data keys: type prefix → limit in characters (and the characters allowed). */
const SUBSCRIBE_FIELD_RULES: Record<string, { max: number; pattern?: RegExp; what: string }> = {
  thing: { max: 20, what: '20个以内字符' },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, what: '32位以内数字' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, what: '32位以内字母' },
  symbol: { max: 5, what: '5位以内符号' },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, what: '32位以内数字、字母或符号' },
  phrase: { max: 5, pattern: /^[\u4e00-\u9fff]+$/, what: '5个以内汉字' },
  name: { max: 20, what: '10个以内汉字或20个以内字母' },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/, what: '17位以内数字、符号' },
  car_number: { max: 8, what: '8位以内' },
  amount: { max: 32, what: '金额' },
  time: { max: 64, what: '时间' },
  date: { max: 64, what: '日期' },
}

const RISKY_IMAGE_MARKER = 'RISKY-TEST-IMAGE'
const MESSAGE_PUSH_FUNCTION = process.env.WX_MESSAGE_PUSH_FUNCTION || 'story'
/** WeChat answers within 30 minutes; locally, a moment later. */
const MEDIA_CHECK_DELAY_MS = Number(process.env.WX_MEDIA_CHECK_DELAY_MS ?? 300)

const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

export function createWxService(ctx: HubContext): EmulatedService {
  const words = new SensitiveWords(path.join(ctx.config.repoRoot, 'emulator', 'sensitive-words.txt'))
  const inbox = new Inbox(path.join(ctx.config.dataDir, 'wx', 'subscribe-messages.jsonl'))
  const now = () => new Date(Date.now() + ctx.clockOffsetMs())
  const traceId = () => `${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}`

  const msgSecCheck: WxHandler = (data) => {
    const content = data.content
    if (typeof content !== 'string' || content.length === 0) return wxError(47001, 'data format error hint: content is empty')
    if (chars(content) > 2500) return wxError(47001, 'data format error hint: content exceeds 2500 characters')
    const extra = ['title', 'nickname', 'signature'].map((k) => data[k]).filter((v) => typeof v === 'string')
    const hit = words.find([content, ...extra].join('\n'))
    if (Number(data.version) !== 2) {
      // Version 1: a bare verdict.
      return hit ? wxError(87014, 'risky content') : { json: { errcode: 0, errmsg: 'ok' } }
    }
    if (typeof data.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(data.openid)) return wxError(40003, 'invalid openid')
    if (![1, 2, 3, 4].includes(Number(data.scene))) return wxError(47001, 'data format error hint: scene must be 1, 2, 3 or 4')
    const suggest = hit ? 'risky' : 'pass'
    const label = hit ? hit.label : 100
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
          hit
            ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.word }
            : { strategy: 'keyword', errcode: 0 },
        ],
        trace_id: traceId(),
      },
    }
  }

  const subscribeSend: WxHandler = (data, call) => {
    const { touser, template_id: templateId, page, miniprogram_state: state, lang } = data
    if (typeof touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(touser)) return wxError(40003, 'invalid openid')
    if (typeof templateId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(templateId)) return wxError(40037, 'invalid template_id')
    if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.length > 1024)) {
      return wxError(47003, 'argument invalid! page is invalid')
    }
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(state)) {
      return wxError(47003, 'argument invalid! miniprogram_state is invalid')
    }
    if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang)) return wxError(47003, 'argument invalid! lang is invalid')
    if (!data.data || typeof data.data !== 'object' || Array.isArray(data.data) || Object.keys(data.data).length === 0) {
      return wxError(47003, 'argument invalid! data is empty')
    }
    const fields: Record<string, { value: string }> = {}
    for (const [key, entry] of Object.entries<any>(data.data)) {
      const m = /^([a-z_]+?)(\d+)$/.exec(key)
      const rule = m ? SUBSCRIBE_FIELD_RULES[m[1]] : undefined
      if (!rule) return wxError(47003, `argument invalid! data.${key} is not a template keyword`)
      const value = entry?.value
      if (typeof value !== 'string' && typeof value !== 'number') return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const text = String(value)
      if (text.trim() === '') return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const cjk = /[\u3400-\u9fff]/.test(text)
      const max = m![1] === 'name' && cjk ? 10 : rule.max
      if (chars(text) > max || (rule.pattern && !rule.pattern.test(text))) {
        return wxError(47003, `argument invalid! data.${key}.value invalid (${m![1]}: ${rule.what})`)
      }
      fields[key] = { value: text }
    }
    inbox.add({
      id: crypto.randomUUID(),
      touser,
      template_id: templateId,
      ...(page !== undefined ? { page } : {}),
      data: fields,
      ...(state !== undefined ? { miniprogram_state: state } : {}),
      ...(lang !== undefined ? { lang } : {}),
      from: call.functionName,
      sentAt: now().toISOString(),
    })
    return { json: { errcode: 0, errmsg: 'ok' } }
  }

  const getUnlimited: WxHandler = async (data) => {
    const scene = typeof data.scene === 'number' ? String(data.scene) : data.scene
    if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) {
      return wxError(40169, 'invalid length for scene, or the data is not json string')
    }
    const page = data.page === undefined || data.page === '' ? '' : data.page
    if (typeof page !== 'string' || page.startsWith('/') || !/^[A-Za-z0-9_\-/.]*$/.test(page)) return wxError(41030, 'invalid page')
    if (data.env_version !== undefined && !['release', 'trial', 'develop'].includes(data.env_version)) {
      return wxError(40097, 'invalid args hint: env_version')
    }
    const asked = Number(data.width ?? 430)
    const width = Number.isFinite(asked) ? Math.min(1280, Math.max(280, Math.round(asked))) : 430
    const target = `${ctx.url()}/#/${page}?scene=${encodeURIComponent(scene)}`
    const png = await QRCode.toBuffer(target, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
    return { binary: png, contentType: 'image/png' }
  }

  const mediaCheckAsync: WxHandler = (data) => {
    const url = data.media_url
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return wxError(47001, 'data format error hint: media_url')
    if (![1, 2].includes(Number(data.media_type))) return wxError(47001, 'data format error hint: media_type must be 1 or 2')
    if (Number(data.version) !== 2) return wxError(47001, 'data format error hint: only version 2 is emulated')
    if (typeof data.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(data.openid)) return wxError(40003, 'invalid openid')
    if (![1, 2, 3, 4].includes(Number(data.scene))) return wxError(47001, 'data format error hint: scene must be 1, 2, 3 or 4')
    const trace = traceId()
    const push = async () => {
      // Only files this emulator serves are fetched: nothing leaves the machine.
      let risky = false
      if (url.startsWith(ctx.url() + '/')) {
        try {
          const res = await fetch(url)
          risky = res.ok && Buffer.from(await res.arrayBuffer()).includes(RISKY_IMAGE_MARKER)
        } catch { /* unreadable: judged on what could be read */ }
      }
      const result = risky ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 }
      const event = {
        ToUserName: ctx.config.appId, FromUserName: data.openid, CreateTime: Math.floor(now().getTime() / 1000),
        MsgType: 'event', Event: 'wxa_media_check', appid: ctx.config.appId, trace_id: trace, version: 2,
        detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: 90 }], errcode: 0, errmsg: 'ok', result,
      }
      const outcome = await ctx.functions.invoke(MESSAGE_PUSH_FUNCTION, event, {})
      if (!outcome.ok) console.error(`[emulator] media check result not delivered to ${MESSAGE_PUSH_FUNCTION}:`, outcome)
    }
    setTimeout(() => void push(), MEDIA_CHECK_DELAY_MS)
    return { json: { errcode: 0, errmsg: 'ok', trace_id: trace } }
  }

  const apis: Array<{ path: string; name: string; run: WxHandler }> = [
    { path: '/wxa/media_check_async', name: 'security.mediaCheckAsync', run: mediaCheckAsync },
    { path: '/wxa/msg_sec_check', name: 'security.msgSecCheck', run: msgSecCheck },
    { path: '/cgi-bin/message/subscribe/send', name: 'subscribeMessage.send', run: subscribeSend },
    { path: '/wxa/getwxacodeunlimit', name: 'wxacode.getUnlimited', run: getUnlimited },
  ]
  const findApi = (apiName: unknown) => {
    if (typeof apiName !== 'string') return undefined
    const p = apiName.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')
    return apis.find((a) => a.path === p || a.name === apiName)
  }

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
    // An image cannot travel inside JSON: it goes as base64 beside its content type (see the report / README).
    const responseData = 'json' in reply
      ? reply.json
      : { errcode: 0, errmsg: 'ok', contentType: reply.contentType, buffer: reply.binary.toString('base64') }
    return { data: { responseData: JSON.stringify(responseData) } }
  }

  /**
   * wx.openApi: the SDK posts multipart/form-data to /admin (action, apiName, requestData as bytes) and reads the
   * raw reply: a CommOpenApiResp protobuf, or a JSON error `{code, message}` with content-type application/json.
   */
  async function wxOpenApi(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length
      if (size > 16 * 1024 * 1024) return sendTcbError(res, 'INVALID_PARAM', '请求内容过大')
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
    const apiName = fields.get('apiName')?.toString('utf8')
    const api = findApi(apiName)
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

  function sendProto(res: ServerResponse, body: Buffer) {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
    res.end(body)
  }

  function sendTcbError(res: ServerResponse, code: string, message: string) {
    const body = JSON.stringify({ code, message, requestId: crypto.randomBytes(8).toString('hex') })
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  function sendJson(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }

  function inboxHtml(url: URL): string {
    const openid = url.searchParams.get('openid')
    const messages = inbox.list(openid, 200)
    const esc = (s: unknown) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' }[c]!))
    const when = (iso: string) => new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
    }).format(new Date(iso))
    const items = messages.map((m) => `
      <li>
        <div class="meta">${esc(when(m.sentAt))} · 发给 <a href="?openid=${encodeURIComponent(m.touser)}">${esc(m.touser)}</a>${m.from ? ` · 由云函数 ${esc(m.from)} 发送` : ''}</div>
        <div class="tpl">模板 ${esc(m.template_id)}${m.page ? ` · 点击打开 <code>${esc(m.page)}</code>` : ''}</div>
        <dl>${Object.entries(m.data).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v.value)}</dd>`).join('')}</dl>
      </li>`).join('')
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>订阅消息收件箱 · 先锋驿站模拟器</title>
<style>
  body { font: 18px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 720px; padding: 16px; color: #1f1f1f; background: #f5f5f5; }
  h1 { font-size: 24px; color: #c8102e; } ul { list-style: none; padding: 0; }
  li { background: #fff; border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
  .meta { color: #595959; font-size: 16px; } .tpl { font-size: 16px; margin-bottom: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; } dt { color: #595959; } dd { margin: 0; }
  a { color: #0b57d0; } .empty { color: #595959; }
</style></head><body>
<h1>订阅消息收件箱</h1>
<p>模拟器收到的 subscribeMessage.send，最新的在前${openid ? `；只看 ${esc(openid)}（<a href="?">看全部</a>）` : ''}。<a href="">刷新</a></p>
${messages.length ? `<ul>${items}</ul>` : '<p class="empty">还没有消息。</p>'}
</body></html>`
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
        await wxOpenApi(req, res)
        return true
      }
      if (req.method === 'GET' && url.pathname === '/__emulator/inbox') {
        const limit = Number(url.searchParams.get('limit') ?? 500)
        sendJson(res, 200, inbox.list(url.searchParams.get('openid'), Number.isFinite(limit) && limit > 0 ? limit : 500))
        return true
      }
      if (req.method === 'GET' && url.pathname === '/__emulator/inbox.html') {
        const html = inboxHtml(url)
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) })
        res.end(html)
        return true
      }
      return false
    },
  }
}

/** The function whose instance made the call: its secret id is `fn.<name>` (as the hub reads it). */
function callerFunction(req: IncomingMessage): string | null {
  const m = /Credential=fn\.([A-Za-z0-9_-]+)\//.exec(String(req.headers.authorization ?? ''))
  return m ? m[1] : null
}

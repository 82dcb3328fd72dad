// Content security: security.msgSecCheck against the word list (v1 and v2), and security.mediaCheckAsync (v2),
// whose verdict WeChat pushes later to the mini-program's message-push function as a `wxa_media_check` event.
import crypto from 'crypto'
import { OPENID_PATTERN } from '../http'
import type { HubContext } from '../context'
import { chars, validScene, wxError, WxHandler, wxOk } from './reply'
import type { SensitiveWords } from './words'

/** An image is judged risky when its bytes hold this marker (tests make one). */
const RISKY_IMAGE_MARKER = 'RISKY-TEST-IMAGE'

/** The errcode of a media check whose media could not be downloaded. */
const MEDIA_DOWNLOAD_FAILED = -1008

const traceId = () => [4, 4, 4].map((n) => crypto.randomBytes(n).toString('hex')).join('-')

export function msgSecCheck(words: SensitiveWords): WxHandler {
  return (data) => {
    const content = data.content
    if (typeof content !== 'string' || content.length === 0) return wxError(47001, 'data format error hint: content is empty')
    if (chars(content) > 2500) return wxError(47001, 'data format error hint: content exceeds 2500 characters')
    const extra = ['title', 'nickname', 'signature'].map((k) => data[k]).filter((v) => typeof v === 'string')
    const hit = words.find([content, ...extra].join('\n'))
    if (Number(data.version) !== 2) {
      // Version 1: a bare verdict.
      return hit ? wxError(87014, 'risky content') : wxOk()
    }
    if (typeof data.openid !== 'string' || !OPENID_PATTERN.test(data.openid)) return wxError(40003, 'invalid openid')
    if (!validScene(data.scene)) return wxError(47001, 'data format error hint: scene must be 1, 2, 3 or 4')
    const suggest = hit ? 'risky' : 'pass'
    const label = hit ? hit.label : 100
    return wxOk({
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
        hit
          ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.word }
          : { strategy: 'keyword', errcode: 0 },
      ],
      trace_id: traceId(),
    })
  }
}

export function mediaCheckAsync(ctx: HubContext): WxHandler {
  const { appId, messagePushFunction, mediaCheckDelayMs } = ctx.config
  return (data) => {
    const url = data.media_url
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return wxError(47001, 'data format error hint: media_url')
    if (![1, 2].includes(Number(data.media_type))) return wxError(47001, 'data format error hint: media_type must be 1 or 2')
    if (Number(data.version) !== 2) return wxError(47001, 'data format error hint: only version 2 is emulated')
    if (typeof data.openid !== 'string' || !OPENID_PATTERN.test(data.openid)) return wxError(40003, 'invalid openid')
    if (!validScene(data.scene)) return wxError(47001, 'data format error hint: scene must be 1, 2, 3 or 4')
    const trace = traceId()
    const push = async () => {
      // Only files this emulator serves are fetched: nothing leaves the machine. A photo that cannot be fetched gets
      // no verdict: the push carries an errcode and no result, as WeChat's does when it cannot download the media.
      let bytes: Buffer | null = null
      if (url.startsWith(ctx.url() + '/')) {
        try {
          const res = await fetch(url)
          if (res.ok) bytes = Buffer.from(await res.arrayBuffer())
        } catch { /* unreadable */ }
      }
      const result = !bytes ? null : bytes.includes(RISKY_IMAGE_MARKER) ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 }
      if (!messagePushFunction) return console.warn(`[emulator] media check ${trace}: ${result?.suggest ?? 'no verdict'}, but no message push function is set`)
      const base = {
        ToUserName: appId, FromUserName: data.openid, CreateTime: Math.floor((Date.now() + ctx.clockOffsetMs()) / 1000),
        MsgType: 'event', Event: 'wxa_media_check', appid: appId, trace_id: trace, version: 2,
      }
      const event = result
        ? { ...base, detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: 90 }], errcode: 0, errmsg: 'ok', result }
        : { ...base, detail: [{ strategy: 'content_model', errcode: MEDIA_DOWNLOAD_FAILED }], errcode: MEDIA_DOWNLOAD_FAILED, errmsg: 'media download failed' }
      const outcome = await ctx.functions.invoke(messagePushFunction, event, {})
      if (!outcome.ok) console.error(`[emulator] media check result not delivered to ${messagePushFunction}:`, outcome)
    }
    setTimeout(() => void push(), mediaCheckDelayMs)
    return wxOk({ trace_id: trace })
  }
}

// The WeChat open APIs the functions use, behind one small interface: content safety and subscribe messages.
// Both go through @cloudbase/node-sdk's callWxOpenApi (`wx.api`, JSON in, WeChat's JSON reply out); on CloudBase
// the function's config.json must list them under permissions.openapi. The emulator answers in WeChat's shapes
// (emulator/wx.ts: its word list for msgSecCheck, an inbox for subscribe messages).
import { cloud } from './cloud'
import { ApiFailure } from './errors'

/** msgSecCheck v2 verdicts: `review` is doubtful (a person should look), `risky` is refused. */
export type SafetyVerdict = 'pass' | 'review' | 'risky'

/** msgSecCheck v2 scenes. */
export const SAFETY_SCENES = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const
export type SafetyScene = keyof typeof SAFETY_SCENES

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** The mini-program page the message opens, without a leading slash, e.g. `pages/story/index?id=…`. */
  page: string
  /** Template keywords → values; `thing*` values are cut to WeChat's 20 characters here. */
  data: Record<string, string>
}

export interface WeChat {
  msgSecCheck(text: string, openid: string, scene: SafetyScene): Promise<SafetyVerdict>
  /**
   * Starts security.mediaCheckAsync (v2) on an image URL; answers its trace id. The verdict arrives later as a
   * `wxa_media_check` message push (routed by the router's `onEvent`).
   */
  mediaCheckAsync(imageUrl: string, openid: string, scene: SafetyScene): Promise<string>
  /** Best effort: false when WeChat refused (no subscription left, template mismatch ...); never throws. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<boolean>
}

interface WxReply { errcode?: number; errmsg?: string; result?: { suggest?: string; label?: number } }

async function callApi(apiName: string, requestData: Record<string, unknown>): Promise<WxReply> {
  const res = await cloud().callWxOpenApi({ apiName, requestData } as any) as { code?: string; message?: string; result?: unknown }
  if (res.code) throw new Error(`${apiName}: ${res.code} ${res.message ?? ''}`)
  if (!res.result || typeof res.result !== 'object') throw new Error(`${apiName}: unexpected reply`)
  return res.result as WxReply
}

const THING_MAX = 20

/** WeChat refuses a whole message when one `thing` value is over 20 characters: cut it, marking the cut. */
export function fitSubscribeValue(key: string, value: string): string {
  const chars = [...value]
  if (!/^thing\d+$/.test(key) || chars.length <= THING_MAX) return value
  return chars.slice(0, THING_MAX - 1).join('') + '…'
}

/** A subscribe message `time` keyword, `2026年11月27日 10:30`, in Asia/Shanghai (UTC+8 all year). */
export function subscribeTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export const wechat: WeChat = {
  async msgSecCheck(text, openid, scene) {
    let reply: WxReply
    try {
      reply = await callApi('/wxa/msg_sec_check', { content: text, version: 2, scene: SAFETY_SCENES[scene], openid })
    } catch (err) {
      console.error('[wechat] msgSecCheck failed', err)
      reply = { errcode: -1 }
    }
    const suggest = reply.result?.suggest
    if (reply.errcode !== 0 || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) {
      // Fail closed: nothing unchecked is stored. The author's draft stays on the device, so a retry loses nothing.
      if (reply.errcode !== -1) console.error('[wechat] msgSecCheck answered', reply)
      throw new ApiFailure('INTERNAL', '内容安全检查暂时不可用，请稍后再提交（草稿已保存在手机上）')
    }
    return suggest
  },

  async mediaCheckAsync(imageUrl, openid, scene) {
    let reply: WxReply & { trace_id?: string }
    try {
      reply = await callApi('/wxa/media_check_async', { media_url: imageUrl, media_type: 2, version: 2, scene: SAFETY_SCENES[scene], openid })
    } catch (err) {
      console.error('[wechat] mediaCheckAsync failed', err)
      reply = { errcode: -1 }
    }
    if (reply.errcode !== 0 || typeof reply.trace_id !== 'string') {
      // Fail closed, as for text: no photo goes out unchecked.
      throw new ApiFailure('INTERNAL', '照片安全检查暂时不可用，请稍后再提交（草稿已保存在手机上）')
    }
    return reply.trace_id
  },

  async sendSubscribeMessage({ touser, templateId, page, data }) {
    try {
      const reply = await callApi('/cgi-bin/message/subscribe/send', {
        touser,
        template_id: templateId,
        page,
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: fitSubscribeValue(k, v) }])),
        miniprogram_state: process.env.WX_MINIPROGRAM_STATE || 'formal',
        lang: 'zh_CN',
      })
      if (reply.errcode === 0) return true
      console.warn('[wechat] subscribe message not sent', reply.errcode, reply.errmsg)
    } catch (err) {
      console.warn('[wechat] subscribe message not sent', err)
    }
    return false
  },
}

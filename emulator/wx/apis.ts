// The WeChat APIs the emulator answers, found by URL path (app.callWxOpenApi) or by wx-server-sdk's dotted name.
import type { HubContext } from '../context'
import type { Inbox } from './inbox'
import type { WxHandler } from './reply'
import { mediaCheckAsync, msgSecCheck } from './security'
import { subscribeSend } from './subscribe'
import type { SensitiveWords } from './words'
import { getUnlimited } from './wxacode'

export interface WxApi { path: string; name: string; run: WxHandler }

export function wxApis(ctx: HubContext, words: SensitiveWords, inbox: Inbox): (apiName: unknown) => WxApi | undefined {
  const apis: WxApi[] = [
    { path: '/wxa/media_check_async', name: 'security.mediaCheckAsync', run: mediaCheckAsync(ctx) },
    { path: '/wxa/msg_sec_check', name: 'security.msgSecCheck', run: msgSecCheck(words) },
    { path: '/cgi-bin/message/subscribe/send', name: 'subscribeMessage.send', run: subscribeSend(inbox, () => new Date(Date.now() + ctx.clockOffsetMs())) },
    { path: '/wxa/getwxacodeunlimit', name: 'wxacode.getUnlimited', run: getUnlimited(ctx.url) },
  ]
  return (apiName) => {
    if (typeof apiName !== 'string') return undefined
    const p = apiName.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')
    return apis.find((a) => a.path === p || a.name === apiName)
  }
}

// What a WeChat API handler takes and answers, in api.weixin.qq.com's own shapes.

export type Json = Record<string, any>
/** JSON, or bytes (an image), as api.weixin.qq.com answers. */
export type WxReply = { json: Json } | { binary: Buffer; contentType: string }
/** One API: the request's JSON and the function that called it. */
export type WxHandler = (data: Json, call: { functionName: string | null }) => WxReply | Promise<WxReply>

export const wxOk = (extra: Json = {}): WxReply => ({ json: { errcode: 0, errmsg: 'ok', ...extra } })
export const wxError = (errcode: number, errmsg: string): WxReply => ({ json: { errcode, errmsg } })

/** Length in characters, as WeChat counts a limit (not UTF-16 units). */
export const chars = (s: string) => [...s].length

/** The content-security APIs' `scene`: 1 profile, 2 comment, 3 forum, 4 social log. */
export const validScene = (scene: unknown) => [1, 2, 3, 4].includes(Number(scene))

// 扫码登录 as the two devices do it: the PC browser asks for a login code and polls it (HTTP access, with its user
// agent), the phone scans and confirms it in the mini-program (WeChat vouching for the openid).
import { ApiAnswer, asWeChat } from '../helpers/api'
import type { RunningEmulator } from '../helpers/emulator'

export const PC_BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'

export interface LoginCode { code: string; key: string; url: string; expiresAt: string; demoLogin: boolean }

/** POSTs to /api/user as the PC browser does (its user agent, a session token if it has one). */
export async function fromPc(emu: RunningEmulator, event: Record<string, unknown>, token: string | null = null): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': PC_BROWSER }
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${emu.url}/api/user`, { method: 'POST', headers, body: JSON.stringify(event) })
  return res.json()
}

/** A fresh login code, as the PC's login page gets it. */
export async function loginCodeFor(emu: RunningEmulator): Promise<LoginCode> {
  const r = await fromPc(emu, { action: 'loginCode' })
  if (!r.ok) throw new Error(`a login code: ${JSON.stringify(r)}`)
  return r.data
}

/** The PC's poll of its code. */
export const poll = (emu: RunningEmulator, c: { code: string; key: string }) =>
  fromPc(emu, { action: 'loginCodeStatus', code: c.code, key: c.key })

/** The phone of `openid` in the mini-program: scan, confirm, cancel a code. */
export function phoneOf(emu: RunningEmulator, openid: string) {
  const wx = asWeChat(emu, openid)
  return {
    scan: (code: string) => wx.call('user', 'scanLogin', { code }),
    confirm: (code: string) => wx.call('user', 'confirmLogin', { code }),
    cancel: (code: string) => wx.call('user', 'cancelLogin', { code }),
  }
}

/** Signs the PC in by a login code that `openid` scans and confirms: the session token the PC then holds. */
export async function scanSignIn(emu: RunningEmulator, openid: string): Promise<string> {
  const c = await loginCodeFor(emu)
  const phone = phoneOf(emu, openid)
  for (const step of [phone.scan, phone.confirm]) {
    const r = await step(c.code)
    if (!r.ok) throw new Error(`scan sign-in: ${JSON.stringify(r)}`)
  }
  const r = await poll(emu, c)
  if (!r.data?.session) throw new Error(`scan sign-in: ${JSON.stringify(r)}`)
  return r.data.session.token
}

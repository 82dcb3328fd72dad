// Where a scan page's token comes from. A class's sign-in code, a site's printed code and a login code (扫码登录) are
// URLs `…/#/<page>?t=<token>` (CHECKIN_PAGE, SITE_VISIT_PAGE, LOGIN_CONFIRM_PAGE). The page gets the token as `t` (H5, or a navigation from
// the scan button), as `q` (the whole URL, when WeChat opens the mini-program by its plain-link QR rule) or, for a
// class, as `scene` (a mini-program code carrying the token itself).
import Taro from '@tarojs/taro'
import { CHECKIN_PAGE, LIBRARY_BORROW_PAGE, LOGIN_CONFIRM_PAGE, SITE_VISIT_PAGE } from '@/services'

export interface ScanCode {
  /** The page the code opens. */
  page: string
  /** What a token looks like. */
  token: RegExp
  /** The code may be a mini-program code whose `scene` is the token. */
  scene: boolean
}

export const CLASS_CODE: ScanCode = { page: CHECKIN_PAGE, token: /^[A-Za-z0-9_-]{1,64}$/, scene: true }
export const SITE_CODE: ScanCode = { page: SITE_VISIT_PAGE, token: /^[A-Za-z0-9_-]{1,200}$/, scene: false }
/** A 党建书屋 copy's label: `?t=<copy id>`. */
export const LIBRARY_CODE: ScanCode = { page: LIBRARY_BORROW_PAGE, token: /^[A-Za-z0-9_-]{1,64}$/, scene: false }
export const LOGIN_CODE: ScanCode = { page: LOGIN_CONFIRM_PAGE, token: /^[A-Za-z0-9_-]{32}$/, scene: false }

/** The codes the app's scan buttons know, and the page each opens (`/<page>?t=<token>`). */
const KNOWN_CODES = [CLASS_CODE, SITE_CODE, LOGIN_CODE, LIBRARY_CODE]

function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

const clean = (code: ScanCode, value: unknown): string | null => {
  if (typeof value !== 'string') return null
  const token = decoded(value)
  return token && code.token.test(token) ? token : null
}

/** The token of a code's URL, or null when the URL is not this kind of code. */
export function tokenFromUrl(code: ScanCode, url: string): string | null {
  const text = decoded(url)
  if (!text || !text.includes(code.page)) return null
  const match = /[?&]t=([^&#]+)/.exec(text.slice(text.indexOf(code.page)))
  return match ? clean(code, match[1]) : null
}

/** The token the page was opened with, whichever way it came. */
export function tokenFromParams(code: ScanCode, params: Record<string, string | undefined>): string | null {
  return clean(code, params.t)
    ?? (params.q ? tokenFromUrl(code, params.q) : null)
    ?? (code.scene ? clean(code, params.scene) : null)
}

/** The token of what `Taro.scanCode` read: the code's URL, or a mini-program code opening the page. */
export function tokenFromScan(code: ScanCode, scan: { result?: string; path?: string }): string | null {
  if (code.scene && scan.path && scan.path.includes(code.page)) {
    const scene = /[?&]scene=([^&]+)/.exec(scan.path)
    if (scene) return clean(code, scene[1])
  }
  return scan.result ? tokenFromUrl(code, scan.result) : null
}

/** The page a scan opens with its token (`/pages/…?t=…`): a sign-in, site or login code; null for anything else. */
export function pageOfScan(scan: { result?: string; path?: string }): string | null {
  for (const code of KNOWN_CODES) {
    const token = tokenFromScan(code, scan)
    if (token) return `/${code.page}?t=${token}`
  }
  return null
}

/** A QR code read by the camera (mini-program), or null when the person closed the camera without reading one. */
export async function readQrCode(): Promise<{ result?: string; path?: string } | null> {
  try {
    return await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
  } catch {
    return null
  }
}

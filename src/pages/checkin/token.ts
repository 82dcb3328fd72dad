// Where a check-in token comes from: the sign-in code is a URL `…/#/pages/checkin/index?t=<token>`. It reaches the
// check-in page as `t` (H5, or a navigation from the scan button), as `q` (the whole URL, when WeChat opens the
// mini-program by its plain-link QR rule) or as `scene` (a mini-program code carrying the token itself).
import { CHECKIN_PAGE } from '../../services'

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/

const clean = (value: unknown): string | null => {
  if (typeof value !== 'string') return null
  let decoded = value
  try {
    decoded = decodeURIComponent(value)
  } catch {
    return null
  }
  return TOKEN.test(decoded) ? decoded : null
}

/** The token of a sign-in code's URL, or null when the URL is not a sign-in code. */
export function tokenFromUrl(url: string): string | null {
  let decoded = url
  try {
    decoded = decodeURIComponent(url)
  } catch {
    return null
  }
  if (!decoded.includes(CHECKIN_PAGE)) return null
  const match = /[?&]t=([^&#]+)/.exec(decoded.slice(decoded.indexOf(CHECKIN_PAGE)))
  return match ? clean(match[1]) : null
}

/** The token the check-in page was opened with, whichever way it came. */
export function tokenFromParams(params: Record<string, string | undefined>): string | null {
  return clean(params.t) ?? (params.q ? tokenFromUrl(params.q) : null) ?? clean(params.scene)
}

/** The token of what `Taro.scanCode` read: a sign-in code's URL, or a mini-program code opening the page. */
export function tokenFromScan(scan: { result?: string; path?: string }): string | null {
  if (scan.path && scan.path.includes(CHECKIN_PAGE)) {
    const scene = /[?&]scene=([^&]+)/.exec(scan.path)
    if (scene) return clean(scene[1])
  }
  return scan.result ? tokenFromUrl(scan.result) : null
}

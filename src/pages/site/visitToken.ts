// Where a site's check-in token comes from: its printed QR code is a URL `…/#/pages/site/visit?t=<token>`. The visit
// page gets it as `t` (H5, or a navigation from the scan button) or as `q` (the whole URL, when WeChat opens the
// mini-program by its plain-link QR rule).
import { SITE_VISIT_PAGE } from '../../services'

const TOKEN = /^[A-Za-z0-9_-]{1,200}$/

function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

const clean = (value: unknown): string | null => {
  if (typeof value !== 'string') return null
  const token = decoded(value)
  return token && TOKEN.test(token) ? token : null
}

/** The token of a site code's URL, or null when the URL is not a site's check-in code. */
export function visitTokenFromUrl(url: string): string | null {
  const text = decoded(url)
  if (!text || !text.includes(SITE_VISIT_PAGE)) return null
  const match = /[?&]t=([^&#]+)/.exec(text.slice(text.indexOf(SITE_VISIT_PAGE)))
  return match ? clean(match[1]) : null
}

/** The token the visit page was opened with, whichever way it came. */
export function visitTokenFromParams(params: Record<string, string | undefined>): string | null {
  return clean(params.t) ?? (params.q ? visitTokenFromUrl(params.q) : null)
}

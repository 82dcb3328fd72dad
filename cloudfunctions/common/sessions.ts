// H5 sessions, owned by the functions (the mini-program needs none: WeChat vouches for its caller). A session is a
// token the user function mints at sign-in and the router checks on every HTTP call:
//
//   v1.<base64url JSON { o: openid, s: session id, i: issued ms, e: expires ms }>.<base64url HMAC-SHA256>
//
// signed with the environment's session key (common/secrets.ts). Each session is also a document in `sessions`
// (who, how, from which browser, until when). Ending them costs the check nothing extra: a person's record carries
// `sessionsValidFrom`, and the router, which reads that record anyway, refuses a token issued before it. Sign-out,
// approval, rejection and a role change set it. Only for someone with no record yet does the router read the
// session's own document, where sign-out marks it ended.
import crypto from 'crypto'
import { ApiFailure } from './errors'
import { database } from './cloud'
import { COLLECTIONS } from './collections'
import { findDoc } from './query'
import { secret } from './secrets'

export const SESSION_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000
const VERSION = 'v1'
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export interface SessionClaim { openid: string; sessionId: string; issuedAt: number; expiresAt: number }

export interface SessionDoc {
  _id: string
  openid: string
  /** How the browser was signed in: a demo person chosen (npm start only) or a login code the phone confirmed. */
  via: 'demo' | 'scan'
  /** The browser's rough description (from its user agent), for the person to recognise it. */
  device: string
  createdAt: Date
  expiresAt: Date
  endedAt?: Date
}

const mac = (key: string, signed: string) => crypto.createHmac('sha256', key).update(signed).digest('base64url')

/** Signs a claim with `key`: what mintSession hands the browser (tests sign with a guessed key). */
export function signSessionWith(key: string, claim: SessionClaim): string {
  const payload = Buffer.from(JSON.stringify({ o: claim.openid, s: claim.sessionId, i: claim.issuedAt, e: claim.expiresAt })).toString('base64url')
  const signed = `${VERSION}.${payload}`
  return `${signed}.${mac(key, signed)}`
}

/** Starts a session for `openid`: its document, then the token the browser keeps. */
export async function mintSession(openid: string, via: SessionDoc['via'], device: string, at: Date): Promise<{ token: string; expiresAt: string }> {
  const claim: SessionClaim = {
    openid, sessionId: crypto.randomBytes(12).toString('base64url'), issuedAt: at.getTime(), expiresAt: at.getTime() + SESSION_DAYS * DAY_MS,
  }
  const key = await secret('session')
  const doc: SessionDoc = { _id: claim.sessionId, openid, via, device: device.slice(0, 60), createdAt: at, expiresAt: new Date(claim.expiresAt) }
  await database().collection(COLLECTIONS.sessions).add(doc)
  return { token: signSessionWith(key, claim), expiresAt: doc.expiresAt.toISOString() }
}

/** A browser as its owner would recognise it: 「Windows 电脑 · Chrome」, from its user agent. */
export function describeDevice(userAgent: string): string {
  const ua = userAgent || ''
  const system = /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad' : /Android/.test(ua) ? '安卓手机'
    : /Windows/.test(ua) ? 'Windows 电脑' : /Macintosh|Mac OS X/.test(ua) ? 'Mac 电脑' : /Linux|CrOS/.test(ua) ? 'Linux 电脑' : '未知设备'
  const browser = /MicroMessenger/.test(ua) ? '微信' : /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox'
    : /(Chrome|Chromium|CriOS)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '浏览器'
  return `${system} · ${browser}`
}

const invalid = () => new ApiFailure('UNAUTHENTICATED', '登录信息无效，请重新登录')
export const sessionEnded = () => new ApiFailure('UNAUTHENTICATED', '登录已失效（已退出或身份有变化），请重新登录')

/** The claim of a genuine, unexpired token; anything else is UNAUTHENTICATED with what to do. Reads only the key. */
export async function readSession(token: string, at: Date): Promise<SessionClaim> {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalid()
  const expected = Buffer.from(mac(await secret('session'), `${parts[0]}.${parts[1]}`))
  const given = Buffer.from(parts[2])
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw invalid()
  let raw: { o?: unknown; s?: unknown; i?: unknown; e?: unknown }
  try {
    raw = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  if (typeof raw.o !== 'string' || !OPENID.test(raw.o) || typeof raw.s !== 'string' || typeof raw.i !== 'number' || typeof raw.e !== 'number') throw invalid()
  if (at.getTime() >= raw.e) throw new ApiFailure('UNAUTHENTICATED', `登录已过期（${SESSION_DAYS} 天），请重新登录`)
  return { openid: raw.o, sessionId: raw.s, issuedAt: raw.i, expiresAt: raw.e }
}

/**
 * Whether a session is still on: issued after the person's `sessionsValidFrom`, or, for someone with no record,
 * not ended by sign-out (one read of its document).
 */
export async function sessionStillOn(claim: SessionClaim, person: { sessionsValidFrom?: Date } | null): Promise<boolean> {
  if (person) return !person.sessionsValidFrom || claim.issuedAt >= new Date(person.sessionsValidFrom).getTime()
  const doc = await findDoc<SessionDoc>(COLLECTIONS.sessions, claim.sessionId)
  return !!doc && doc.openid === claim.openid && !doc.endedAt
}

/** The field that ends every session of a person issued before `at` (set with their record's other changes). */
export const endSessionsField = (at: Date) => ({ sessionsValidFrom: at })

/** Sign-out: this session's document is marked ended, and a person with a record has all their sessions ended. */
export async function endSessions(claim: SessionClaim, at: Date): Promise<void> {
  const db = database()
  await Promise.all([
    db.collection(COLLECTIONS.sessions).doc(claim.sessionId).update({ endedAt: at }),
    db.collection(COLLECTIONS.users).where({ _id: claim.openid }).update(endSessionsField(at)),
  ])
}

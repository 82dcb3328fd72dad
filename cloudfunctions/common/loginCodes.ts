// 扫码登录: a browser signs in by a login code that a registered member confirms in the mini-program, where WeChat
// vouches for who they are. One `loginCodes` document per code walks one way:
//
//   waiting ──scan──▶ scanned ──confirm──▶ confirmed ──the browser's next poll──▶ used
//                        └──────cancel──▶ cancelled            (waiting/scanned past expiresAt read as expired)
//
// Every step is a conditional update on the state it leaves (`where({ _id, state })`), so of two phones, two taps or
// two polls racing, the database lets exactly one through. The QR code carries only the code; polling also needs the
// key the browser was given (its hash is stored), so a photo of the screen can neither watch nor collect the session.
import crypto from 'crypto'
import { LOGIN_CODE_MINUTES, LOGIN_CODE_STATE_LABELS, LoginCodeState, UserOutput } from '../../contract/user'
import { LOGIN_CONFIRM_PAGE } from '../../contract/pages'
import { database, Database } from './cloud'
import { COLLECTIONS } from './collections'
import { ApiFailure, fail } from './errors'
import { publicH5Url } from './publicUrl'
import { findDoc } from './query'
import { RateLimit, spend } from './rateLimit'
import { describeDevice, mintSession } from './sessions'

/** New codes per client address: a login page asks for one a minute; a classroom of PCs behind one address fits. */
export const LOGIN_CODE_LIMIT: RateLimit = { max: 60, minutes: 1 }
/** How long after confirmation the browser may still collect its session (a poll delayed past the code's expiry). */
const COLLECT_MS = 60_000

export interface LoginCodeDoc {
  _id: string
  /** sha256 of the browser's polling key. */
  keyHash: string
  /** The browser to be signed in, as its owner would recognise it (describeDevice). */
  device: string
  state: Exclude<LoginCodeState, 'expired'>
  createdAt: Date
  expiresAt: Date
  /** Who scanned it (then who confirms or cancels it): the mini-program's openid. */
  openid?: string
  scannedAt?: Date
  confirmedAt?: Date
  usedAt?: Date
}

const codes = () => database().collection(COLLECTIONS.loginCodes)
const randomId = () => crypto.randomBytes(24).toString('base64url')
const hash = (key: string) => crypto.createHash('sha256').update(key).digest('hex')

/** The URL the QR code shows: WeChat's scan (plain-link rule) or 我的 → 扫一扫 opens the confirm page with it. */
export const loginCodeUrl = (code: string) => `${publicH5Url()}/#/${LOGIN_CONFIRM_PAGE}?t=${code}`

/** A fresh code for the browser asking (H5 only), rate-limited per client address. */
export async function newLoginCode(userAgent: string | undefined, address: string, at: Date): Promise<UserOutput['loginCode']> {
  if (userAgent === undefined) throw fail.forbidden('扫码登录用于在电脑浏览器上登录；小程序里由微信确认身份')
  await spend(`addr:${address}`, 'user.loginCode', LOGIN_CODE_LIMIT, at)
  const key = randomId()
  const doc: LoginCodeDoc = {
    _id: randomId(), keyHash: hash(key), device: describeDevice(userAgent), state: 'waiting',
    createdAt: at, expiresAt: new Date(at.getTime() + LOGIN_CODE_MINUTES * 60_000),
  }
  await codes().add(doc)
  return { code: doc._id, key, url: loginCodeUrl(doc._id), expiresAt: doc.expiresAt.toISOString(), demoLogin: process.env.DEMO_LOGIN === '1' }
}

/** Where a code stands at `at`: waiting and scanned codes past their expiry read as expired (a TTL on read). */
function stateAt(doc: LoginCodeDoc, at: Date): LoginCodeState {
  if ((doc.state === 'waiting' || doc.state === 'scanned') && at.getTime() >= new Date(doc.expiresAt).getTime()) return 'expired'
  if (doc.state === 'confirmed' && at.getTime() >= new Date(doc.confirmedAt!).getTime() + COLLECT_MS) return 'expired'
  return doc.state
}

const answer = (state: LoginCodeState): UserOutput['loginCodeStatus'] => ({ state, message: LOGIN_CODE_STATE_LABELS[state] })

/** The browser's poll: the state, and once confirmed the session, handed out to exactly one poll. */
export async function loginCodeStatus(code: string, key: string, at: Date): Promise<UserOutput['loginCodeStatus']> {
  const doc = await findDoc<LoginCodeDoc>(COLLECTIONS.loginCodes, code)
  const given = Buffer.from(hash(key))
  if (!doc || !crypto.timingSafeEqual(given, Buffer.from(doc.keyHash))) {
    throw new ApiFailure('TOKEN_INVALID', '登录二维码无效，请刷新后重新扫码')
  }
  const state = stateAt(doc, at)
  if (state !== 'confirmed') return answer(state)
  // Of two polls at once, the one that turns `confirmed` into `used` gets the session; the other is told it is used.
  const { updated } = await codes().where({ _id: code, state: 'confirmed' }).update({ state: 'used', usedAt: at })
  if (!updated) return answer('used')
  const session = await mintSession(doc.openid!, 'scan', doc.device, at)
  return { ...answer('confirmed'), session: { ...session, openid: doc.openid! } }
}

/** Why a code cannot take the step asked for, in words the person on the phone can act on. */
function refusal(doc: LoginCodeDoc | undefined, openid: string, at: Date): ApiFailure {
  if (!doc) return new ApiFailure('TOKEN_INVALID', '这个登录二维码无效，请在电脑上刷新后重新扫码')
  const state = stateAt(doc, at)
  if (state === 'expired') return new ApiFailure('TOKEN_EXPIRED', '登录二维码已过期，请在电脑上刷新后重新扫码')
  if (doc.openid && doc.openid !== openid) return fail.conflict('这个登录二维码已被别人扫描，请在电脑上刷新后重新扫码')
  if (state === 'cancelled') return fail.conflict('这次登录已取消，请在电脑上刷新后重新扫码')
  if (state === 'confirmed' || state === 'used') return fail.alreadyDone('已确认过这次登录，电脑上已经登录')
  return fail.conflict('请先扫描电脑上的登录二维码')
}

/**
 * Only the mini-program may scan, confirm or cancel: its caller is who WeChat says. A browser's session must not
 * sign in more browsers (a stolen session would spread).
 */
function fromMiniProgram(userAgent: string | undefined) {
  if (userAgent !== undefined) throw fail.forbidden('请用微信“扫一扫”扫码，在先锋驿站小程序里确认登录')
}

/** A member opened the code on their phone: it is theirs to confirm or cancel; answers the browser's description. */
export async function scanLoginCode(code: string, openid: string, userAgent: string | undefined, at: Date): Promise<UserOutput['scanLogin']> {
  fromMiniProgram(userAgent)
  const _ = database().command
  const { updated } = await codes().where({ _id: code, state: 'waiting', expiresAt: _.gt(at) })
    .update({ state: 'scanned', openid, scannedAt: at })
  const doc = await findDoc<LoginCodeDoc>(COLLECTIONS.loginCodes, code)
  // Opening the same code again (the page reloaded, a second tap) is still theirs.
  if (doc && (updated || (stateAt(doc, at) === 'scanned' && doc.openid === openid))) {
    return { device: doc.device, expiresAt: new Date(doc.expiresAt).toISOString() }
  }
  throw refusal(doc, openid, at)
}

/** Moves a scanned, unexpired code of this member to `state`: one winner however many taps or phones race. */
async function decide(code: string, openid: string, userAgent: string | undefined, at: Date, state: 'confirmed' | 'cancelled') {
  fromMiniProgram(userAgent)
  const _ = database().command
  const { updated } = await codes().where({ _id: code, state: 'scanned', openid, expiresAt: _.gt(at) })
    .update(state === 'confirmed' ? { state, confirmedAt: at } : { state })
  if (!updated) throw refusal(await findDoc<LoginCodeDoc>(COLLECTIONS.loginCodes, code), openid, at)
}

export async function confirmLoginCode(code: string, openid: string, userAgent: string | undefined, at: Date): Promise<UserOutput['confirmLogin']> {
  await decide(code, openid, userAgent, at, 'confirmed')
  return { confirmed: true }
}

export async function cancelLoginCode(code: string, openid: string, userAgent: string | undefined, at: Date): Promise<UserOutput['cancelLogin']> {
  await decide(code, openid, userAgent, at, 'cancelled')
  return { cancelled: true }
}

/** Removes codes that can no longer be used (a timer's chore): one operation. */
export async function sweepLoginCodes(db: Database, at: Date): Promise<number> {
  const { deleted } = await db.collection(COLLECTIONS.loginCodes).where({ expiresAt: db.command.lt(new Date(at.getTime() - COLLECT_MS)) }).remove()
  return deleted ?? 0
}

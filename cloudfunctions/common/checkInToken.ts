// Check-in tokens: what a sign-in QR code carries. A token names what is checked in to (a class, later a site) and
// a 15-second slot, signed with HMAC-SHA256 so nobody can make one without the secret:
//
//   base64url( kind (1 byte) | subject id (6 bytes) | slot (4 bytes, big-endian) | MAC (first 8 bytes) )
//
// 19 bytes → 26 characters: short enough for a mini-program-code `scene` (≤ 32) and a small QR code. A rotating
// token is accepted in its own slot and the next one (the code on the screen and the one just replaced), so a scan
// is good for 15–30 s; a photo of the screen sent to an absent friend expires before it is useful.
//
// The key is the environment's own (common/secrets.ts): CHECKIN_SECRET when the deployer set it, otherwise generated
// on the environment's first use and kept where only the functions read it.
import crypto from 'crypto'
import { ApiFailure } from './errors'
import { secret } from './secrets'

export const CHECKIN_SLOT_MS = 15_000
const MAC_BYTES = 8
const TOKEN_BYTES = 1 + 6 + 4 + MAC_BYTES

/** What a token is for: the first byte, and part of what is signed, so one kind never passes as another. */
export const TOKEN_KINDS = { class: 1, site: 2 } as const
export type TokenKind = keyof typeof TOKEN_KINDS

/** A subject's id as a token carries it: 8 base64url characters (6 bytes). Classes are given such ids. */
export const SHORT_ID = /^[A-Za-z0-9_-]{8}$/
export const newShortId = () => crypto.randomBytes(6).toString('base64url')

const mac = (key: string, body: Buffer) => crypto.createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES)

export const slotOf = (at: Date) => Math.floor(at.getTime() / CHECKIN_SLOT_MS)

/** Signs a token for `subjectId` in `slot` with `key` (tests sign with a known or a guessed key). */
export function signCheckInTokenWith(key: string, kind: TokenKind, subjectId: string, slot: number): string {
  if (!SHORT_ID.test(subjectId)) throw new Error(`a check-in subject id is 8 base64url characters, not ${subjectId}`)
  const body = Buffer.alloc(TOKEN_BYTES - MAC_BYTES)
  body.writeUInt8(TOKEN_KINDS[kind], 0)
  Buffer.from(subjectId, 'base64url').copy(body, 1)
  body.writeUInt32BE(slot >>> 0, 7)
  return Buffer.concat([body, mac(key, body)]).toString('base64url')
}

/** Signs a token for `subjectId` in `slot` with the environment's key. */
export async function signCheckInToken(kind: TokenKind, subjectId: string, slot: number): Promise<string> {
  return signCheckInTokenWith(await secret('checkin'), kind, subjectId, slot)
}

/** The subject and slot of a genuine token of `kind`, or null for anything forged, altered, truncated or foreign. */
export async function verifyCheckInToken(kind: TokenKind, token: string): Promise<{ subjectId: string; slot: number } | null> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) return null
  const raw = Buffer.from(token, 'base64url')
  if (raw.length !== TOKEN_BYTES || raw.toString('base64url') !== token) return null
  const body = raw.subarray(0, TOKEN_BYTES - MAC_BYTES)
  if (!crypto.timingSafeEqual(mac(await secret('checkin'), body), raw.subarray(TOKEN_BYTES - MAC_BYTES))) return null
  if (body.readUInt8(0) !== TOKEN_KINDS[kind]) return null
  return { subjectId: body.subarray(1, 7).toString('base64url'), slot: body.readUInt32BE(7) }
}

/** The token on the screen at `at`, and when it stops being accepted (the end of the following slot). */
export async function rotatingToken(kind: TokenKind, subjectId: string, at: Date): Promise<{ token: string; expiresAt: Date }> {
  const slot = slotOf(at)
  return { token: await signCheckInToken(kind, subjectId, slot), expiresAt: new Date((slot + 2) * CHECKIN_SLOT_MS) }
}

const SCAN_AGAIN = '请扫描大屏上最新的签到码'

/**
 * The subject of a rotating token scanned at `at`: accepted in its own slot and the next; older → TOKEN_EXPIRED,
 * forged, altered, of another kind or from a slot not yet begun → TOKEN_INVALID. Reads nothing but the key, once per
 * instance.
 */
export async function readRotatingToken(kind: TokenKind, token: string, at: Date): Promise<string> {
  const claim = await verifyCheckInToken(kind, token)
  if (!claim) throw new ApiFailure('TOKEN_INVALID', `签到码无法识别，${SCAN_AGAIN}`)
  const current = slotOf(at)
  if (claim.slot > current) throw new ApiFailure('TOKEN_INVALID', `签到码无法识别，${SCAN_AGAIN}`)
  if (claim.slot < current - 1) throw new ApiFailure('TOKEN_EXPIRED', `签到码已过期（每 15 秒更新一次），${SCAN_AGAIN}`)
  return claim.subjectId
}

/** The MAC of `body` under the environment's check-in key, for the other signed sign-in proofs (classroom/receipt.ts). */
export const checkInMac = async (body: Buffer): Promise<Buffer> => mac(await secret('checkin'), body)

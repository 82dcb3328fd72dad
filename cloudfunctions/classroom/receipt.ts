// Scan receipts: what the server hands back when a person scans a class's rotating code, so that the sign-in counts
// as of that moment even when the location step (reading why, answering the phone's prompt) takes longer than the
// code lives. The rotating code is read at once, while it is valid; the receipt then proves "this person scanned
// this class at this instant" for RECEIPT_MS, and nothing more:
//
//   base64url( 'R' | class id (6 bytes) | scannedAt ms (6 bytes) | person digest (6 bytes) | MAC (first 8 bytes) )
//
// signed with the check-in secret, so nobody can make one without a genuine scan, and bound to the person who
// scanned (a receipt sent to a friend is refused). It is stateless (no write at scan time): a second use after the
// sign-in finds the record and is told so (ALREADY_DONE).
import crypto from 'crypto'
import { checkInMac } from '../common/checkInToken'
import { RECEIPT_MINUTES } from '../../contract/classroom'
import { ApiFailure } from '../common/errors'

/** How long a receipt completes a sign-in: the location step of an elderly member on an old phone. */
export const RECEIPT_MS = RECEIPT_MINUTES * 60_000
/** Clock skew allowed between function instances. */
const SKEW_MS = 5_000
const KIND = 0x52
const BODY_BYTES = 1 + 6 + 6 + 6
const MAC_BYTES = 8

const personDigest = (openid: string) => crypto.createHash('sha256').update(openid).digest().subarray(0, 6)

/** The receipt of `openid`'s scan of class `classId` at `at`. */
export async function signReceipt(classId: string, openid: string, at: Date): Promise<string> {
  const body = Buffer.alloc(BODY_BYTES)
  body.writeUInt8(KIND, 0)
  Buffer.from(classId, 'base64url').copy(body, 1)
  body.writeUIntBE(at.getTime(), 7, 6)
  personDigest(openid).copy(body, 13)
  return Buffer.concat([body, (await checkInMac(body)).subarray(0, MAC_BYTES)]).toString('base64url')
}

const SCAN_AGAIN = '请扫描大屏上最新的签到码'

/**
 * The class and the instant of a receipt presented by `openid` at `at`. Forged or altered → TOKEN_INVALID; another
 * person's → TOKEN_INVALID saying so; older than RECEIPT_MS → TOKEN_EXPIRED. Reads nothing.
 */
export async function readReceipt(receipt: string, openid: string, at: Date): Promise<{ classId: string; scannedAt: Date }> {
  const raw = /^[A-Za-z0-9_-]+$/.test(receipt) ? Buffer.from(receipt, 'base64url') : Buffer.alloc(0)
  const body = raw.subarray(0, BODY_BYTES)
  const genuine = raw.length === BODY_BYTES + MAC_BYTES && raw.toString('base64url') === receipt && body.readUInt8(0) === KIND &&
    crypto.timingSafeEqual((await checkInMac(body)).subarray(0, MAC_BYTES), raw.subarray(BODY_BYTES))
  if (!genuine) throw new ApiFailure('TOKEN_INVALID', `签到凭证无法识别，${SCAN_AGAIN}`)
  if (!crypto.timingSafeEqual(body.subarray(13, 19), personDigest(openid))) {
    throw new ApiFailure('TOKEN_INVALID', `这份签到凭证属于扫码的本人，不能替别人签到。请用自己的手机${SCAN_AGAIN}`)
  }
  const scannedAt = new Date(body.readUIntBE(7, 6))
  if (scannedAt.getTime() > at.getTime() + SKEW_MS) throw new ApiFailure('TOKEN_INVALID', `签到凭证无法识别，${SCAN_AGAIN}`)
  if (at.getTime() - scannedAt.getTime() > RECEIPT_MS) {
    throw new ApiFailure('TOKEN_EXPIRED', `扫码已超过 ${RECEIPT_MINUTES} 分钟，这次扫码已失效，${SCAN_AGAIN}`)
  }
  return { classId: body.subarray(1, 7).toString('base64url'), scannedAt }
}

// Tokens for the HTTP access routes (H5), minted only by dev login: signed (HS256) with a secret kept in the data
// folder, and expiring. A start without dev login deletes the secret, so every token minted before is void for good
// (turning dev login on again makes a new secret): a token never outlives the dev login that made it.
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { SignJWT, jwtVerify, errors } from 'jose'

const TOKEN_LIFETIME = '7d'
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export class TokenIssuer {
  /** Null when dev login is off: no token is good. */
  private readonly key: Uint8Array | null

  constructor(dataDir: string, devLogin: boolean) {
    const file = path.join(dataDir, 'auth-secret')
    if (!devLogin) {
      fs.rmSync(file, { force: true })
      this.key = null
      return
    }
    if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
    this.key = new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim())
  }

  issue(openid: string): Promise<string> {
    if (!this.key) throw new Error('dev login is off: no token can be issued')
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(openid).setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME).sign(this.key)
  }

  /** The openid the token was issued to, or why it is refused. */
  async verify(token: string): Promise<{ openid: string } | { error: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' }> {
    if (!this.key) return { error: 'TOKEN_INVALID' }
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] })
      if (typeof payload.sub !== 'string' || !OPENID_PATTERN.test(payload.sub)) return { error: 'TOKEN_INVALID' }
      return { openid: payload.sub }
    } catch (err) {
      return { error: err instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' }
    }
  }
}

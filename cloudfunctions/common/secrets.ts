// The environment's secrets: the key that signs check-in codes and the key that signs H5 sessions. Each comes from
// the function's environment variable when the deployer set one (CHECKIN_SECRET, SESSION_SECRET); otherwise from the
// admin-only `secrets` collection, where the first use in an environment generates them. There is no built-in
// fallback: a key that cannot be read is an error, never a weaker check.
import crypto from 'crypto'
import { database, isDuplicateWrite } from './cloud'
import { COLLECTIONS } from './collections'

export type SecretName = 'checkin' | 'session'
const ENV_VARS: Record<SecretName, string> = { checkin: 'CHECKIN_SECRET', session: 'SESSION_SECRET' }
/** Shorter than this, an environment variable is refused: it would be guessable. */
const MIN_LENGTH = 32

/** One document holds every generated key, so a cold instance pays one read for all of them. */
const DOC_ID = 'keys'
type KeysDoc = { _id: string; createdAt: Date } & Record<SecretName, string>

let stored: Promise<KeysDoc> | null = null

async function readKeys(): Promise<KeysDoc | undefined> {
  const { data } = await database().collection(COLLECTIONS.secrets).doc(DOC_ID).get()
  return data?.[0] as KeysDoc | undefined
}

/**
 * The stored keys, generated on the environment's first use. The insert is under a fixed id, so instances racing on
 * that first use write one document between them: the losers' inserts fail as duplicates and they read the winner's.
 */
async function loadKeys(): Promise<KeysDoc> {
  const found = await readKeys()
  if (found) return found
  const fresh: KeysDoc = {
    _id: DOC_ID,
    checkin: crypto.randomBytes(32).toString('base64url'),
    session: crypto.randomBytes(32).toString('base64url'),
    createdAt: new Date(),
  }
  try {
    await database().collection(COLLECTIONS.secrets).add(fresh)
    return fresh
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    const winner = await readKeys()
    if (!winner) throw new Error('the secrets document was written by another instance but cannot be read back')
    return winner
  }
}

/** The key `name`, cached for the life of the instance; a failed read is retried by the next call. */
export async function secret(name: SecretName): Promise<string> {
  const fromEnv = process.env[ENV_VARS[name]]
  if (fromEnv) {
    if (fromEnv.length < MIN_LENGTH) throw new Error(`${ENV_VARS[name]} must be at least ${MIN_LENGTH} characters`)
    return fromEnv
  }
  stored ??= loadKeys().catch((err) => { stored = null; throw err })
  const keys = await stored
  if (typeof keys[name] !== 'string' || keys[name].length < MIN_LENGTH) throw new Error(`the stored ${name} key is missing`)
  return keys[name]
}

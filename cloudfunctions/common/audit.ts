// The audit log: who did what to which record, when and why. Every change a secretary or the district office makes
// writes its entry in the same transaction as the change (`audited`, `updateAudited`): both commit or neither does.
// Each entry names the records whose history shows it (`subjects`): a hand mark is in its class's and its person's
// history, a booking decision in its site's.
import { database } from './cloud'
import { now } from './clock'
import { COLLECTIONS } from './collections'
import { ApiFailure } from './errors'

/** The kinds of record an entry is about; the first four have a history a person can open. */
export type AuditTargetType = 'story' | 'class' | 'site' | 'user' | 'attendance' | 'booking' | 'lecturer' | 'case' | 'rep' | 'targets' | 'report'

export interface AuditEntry {
  actor: string
  actorName: string
  action: string
  targetType: AuditTargetType
  targetId: string
  reason?: string
  detail?: Record<string, unknown>
  /** Other records whose history shows this entry too. */
  also?: Array<{ type: AuditTargetType; id: string }>
}

/** The key under which a record's history finds its entries. */
export const subjectKey = (type: AuditTargetType, id: string) => `${type}:${id}`

/** A transaction as the SDK hands it to `runTransaction`'s callback: single-document operations only. */
export type Tx = { collection(name: string): any }

/** Adds an entry through `db` (a database or a transaction, so the entry commits with the change it records). */
export async function writeAudit(db: Tx, entry: AuditEntry) {
  const { also = [], ...rest } = entry
  const subjects = [subjectKey(entry.targetType, entry.targetId), ...also.map((s) => subjectKey(s.type, s.id))]
  await db.collection(COLLECTIONS.audit).add({ ...rest, subjects, at: now() })
}

/** What an audited change answers: its result, and its entry (null: it changed nothing, so nothing is recorded). */
export interface Audited<T> { result: T; entry: AuditEntry | null }

/**
 * Runs `change` in one transaction with the audit entry it answers: both commit or neither. The SDK runs `change`
 * again on a write conflict (someone else wrote the same document first), so it reads what it checks through `t`.
 */
export async function audited<T>(change: (t: Tx) => Promise<Audited<T>>): Promise<T> {
  const out: Audited<T> = await database().runTransaction(async (t: Tx) => {
    const done = await change(t)
    if (done.entry) await writeAudit(t, done.entry)
    return done
  })
  return out.result
}

/** What an audited update of one document does: the fields it sets (null: none), its entry and its result. */
export interface AuditedUpdate<T> { patch: Record<string, unknown> | null; entry: AuditEntry | null; result: T }

/**
 * Reads one document in a transaction, lets `decide` check it (a throw refuses, writing nothing) and say what to set
 * and record, then writes both. A change committed by someone else after this read makes the transaction conflict
 * (the first writer wins) instead of being overwritten; the retry reads the document again and decides anew.
 */
export function updateAudited<D, T>(collection: string, id: string, missing: () => ApiFailure,
  decide: (doc: D) => AuditedUpdate<T> | Promise<AuditedUpdate<T>>): Promise<T> {
  return audited(async (t) => {
    const ref = t.collection(collection).doc(id)
    const { data } = await ref.get()
    if (!data) throw missing()
    const { patch, entry, result } = await decide(data as D)
    if (patch) await ref.update(patch)
    return { result, entry: patch ? entry : null }
  })
}

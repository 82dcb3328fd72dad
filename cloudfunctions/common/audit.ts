// The audit log: who did what to which record, when and why. Reviews, role changes and hand-marked attendance.
import { COLLECTIONS } from './collections'
import { now } from './clock'

export interface AuditEntry {
  actor: string
  actorName: string
  action: string
  targetType: string
  targetId: string
  reason?: string
  detail?: Record<string, unknown>
}

/** Adds an entry through `db` (a database or a transaction, so the entry commits with the change it records). */
export async function writeAudit(db: { collection(name: string): any }, entry: AuditEntry) {
  await db.collection(COLLECTIONS.audit).add({ ...entry, at: now() })
}

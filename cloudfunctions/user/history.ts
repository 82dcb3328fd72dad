// A record's history (操作记录): the audit entries of a story, class, site or person, newest first, a page at a time.
// Only the district office and the secretaries whose scope holds the record read it; for anyone else the record is
// answered as not found, so the answer never tells which ids exist.
import type { UserInput, UserOutput } from '../../contract/user'
import { AUDIT_ACTION_LABELS, HISTORY_SUBJECT_LABELS } from '../../contract/user'
import { AuditTargetType, subjectKey } from '../common/audit'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { inScope, PersonDoc } from '../common/people'
import { findDoc, pageAfter } from '../common/query'

const PAGE_SIZE = 20

/** Where each kind of record is kept, which organisations it belongs to, and its kind in the audit log. */
const SUBJECTS: Record<UserInput['history']['type'], { collection: string; orgPath: string; audit: AuditTargetType }> = {
  story: { collection: COLLECTIONS.stories, orgPath: 'orgPath', audit: 'story' },
  class: { collection: COLLECTIONS.classes, orgPath: 'orgPath', audit: 'class' },
  site: { collection: COLLECTIONS.sites, orgPath: 'managingOrgPath', audit: 'site' },
  person: { collection: COLLECTIONS.users, orgPath: 'orgPath', audit: 'user' },
}

interface StoredEntry {
  _id: string
  at: Date
  actorName: string
  action: string
  reason?: string
  detail?: Record<string, unknown>
}

export async function history(input: UserInput['history'], person: PersonDoc): Promise<UserOutput['history']> {
  const subject = SUBJECTS[input.type]
  const record = await findDoc<Record<string, unknown>>(subject.collection, input.id)
  const orgPath = record?.[subject.orgPath]
  if (!Array.isArray(orgPath) || !inScope(person, orgPath as string[])) throw fail.notFound(`这个${HISTORY_SUBJECT_LABELS[input.type]}`)
  const { rows, nextCursor } = await pageAfter<StoredEntry>({
    collection: COLLECTIONS.audit, where: [{ subjects: subjectKey(subject.audit, input.id) }], order: 'at', dir: 'desc',
    size: PAGE_SIZE, cursor: input.cursor,
  })
  return {
    items: rows.map((e) => ({
      id: e._id,
      at: new Date(e.at).toISOString(),
      actorName: e.actorName,
      action: e.action,
      actionLabel: AUDIT_ACTION_LABELS[e.action] ?? e.action,
      ...(e.reason ? { reason: e.reason } : {}),
      detail: e.detail ?? {},
    })),
    nextCursor,
  }
}

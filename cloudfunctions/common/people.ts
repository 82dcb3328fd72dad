// People and the scope rule: a secretary acts inside the subtree of the organisation they manage.
import type { Person } from '../../contract/user'
import { maskPhone } from '../../contract/common'
import { COLLECTIONS } from './collections'
import { findDoc } from './query'

/** A person as stored: what they see of themselves, under their openid, with their organisation's path. */
export interface PersonDoc extends Omit<Person, 'openid' | 'registeredAt'> {
  _id: string // the openid
  /** The organisation's ancestors and itself, root first: scope checks read it without another query. */
  orgPath: string[]
  registeredAt: Date
  reviewedAt?: Date
  reviewedBy?: string
  /** The applicant accepted one subscribe message for the review result (weapp). */
  subscribe?: boolean
  /** The serving 党代表 linked to this account (studio reps.ts keeps it with the link): repIdsOf. */
  reps?: string[]
  /** H5 sessions issued before this ended (common/sessions.ts): sign-out, approval, rejection, a role change. */
  sessionsValidFrom?: Date
}

export async function loadPerson(openid: string): Promise<PersonDoc | null> {
  return (await findDoc<PersonDoc>(COLLECTIONS.users, openid)) ?? null
}

/**
 * The serving 党代表 (studio function) linked to this account: the 民情 addressed to them are this person's to handle,
 * whoever was linked when the case came in (a case follows the representative's record). Read from the person's own
 * record, which the studio keeps in the same transaction as the link: no read of its own.
 */
export const repIdsOf = (person: PersonDoc): string[] => (person.status === 'approved' ? person.reps ?? [] : [])

/** Whether `actor` may act on something belonging to the organisation whose path is `orgPath`. */
export function inScope(actor: PersonDoc, orgPath: string[]): boolean {
  if (actor.status !== 'approved') return false
  if (actor.role === 'admin') return true
  if (actor.role === 'secretary') return !!actor.scopeOrgId && orgPath.includes(actor.scopeOrgId)
  return false
}

/** A person as shown to someone: the phone in full only when `fullPhone` (themselves, a reviewer in scope). */
export function toPerson(doc: PersonDoc, fullPhone: boolean): Person {
  const out: Person = {
    openid: doc._id,
    name: doc.name,
    orgId: doc.orgId,
    orgName: doc.orgName,
    retired: doc.retired,
    status: doc.status,
    role: doc.role,
    registeredAt: new Date(doc.registeredAt).toISOString(),
  }
  const phone = fullPhone ? doc.phone : maskPhone(doc.phone)
  if (phone) out.phone = phone
  if (doc.scopeOrgId) out.scopeOrgId = doc.scopeOrgId
  if (doc.rejectReason && doc.status === 'rejected') out.rejectReason = doc.rejectReason
  return out
}

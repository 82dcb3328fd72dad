// People and organisations: the `user` function's actions, their input schemas and the shapes they answer.
import { z } from 'zod'
import { cursor, flag, id, noInput, oneOf, phone, text, valuesOf } from './common'

export const ORG_TYPE_LABELS = {
  district: '区委', street: '街道党工委', community: '社区党组织', twoNew: '两新组织', agency: '机关单位', branch: '党支部',
}
export type OrgType = keyof typeof ORG_TYPE_LABELS
export const ORG_TYPES = valuesOf(ORG_TYPE_LABELS)

export const ROLE_LABELS = { member: '党员', secretary: '党组织书记', admin: '区委党建办' }
export type Role = keyof typeof ROLE_LABELS
export const ROLES = valuesOf(ROLE_LABELS)

export const PERSON_STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' }
export type PersonStatus = keyof typeof PERSON_STATUS_LABELS
export const PERSON_STATUSES = valuesOf(PERSON_STATUS_LABELS)

export const userSchemas = {
  /** H5 only, and only where the functions run with DEMO_LOGIN=1 (npm start): sign in as a seeded demo person. */
  signIn: z.object({ openid: id('演示身份') }).strict(),
  /** H5: ends this person's sessions (every browser they signed in on). */
  signOut: noInput,
  me: noInput,
  orgs: noInput,
  register: z.object({
    name: text('姓名', { max: 20 }),
    orgId: id('所在党组织'),
    retired: flag('是否离退休'),
    phone: phone().optional(),
  }).strict(),
  pending: z.object({ cursor: cursor.optional() }).strict(),
  approve: z.object({ openid: id('申请人') }).strict(),
  reject: z.object({ openid: id('申请人'), reason: text('不通过的原因', { max: 200 }) }).strict(),
  setRole: z.object({
    openid: id('人员'),
    role: oneOf('角色', ROLES),
    orgId: id('管理的党组织').optional(),
  }).strict(),
}

export type UserInput = { [K in keyof typeof userSchemas]: z.input<(typeof userSchemas)[K]> }

export interface Org { id: string; name: string; type: OrgType; parentId: string | null; path: string[] }

/** A person as they see themselves (phone in full) or as a reviewer in scope sees them. */
export interface Person {
  openid: string
  name: string
  orgId: string
  orgName: string
  retired: boolean
  phone?: string
  status: PersonStatus
  role: Role
  /** For a secretary: the organisation whose subtree they manage. */
  scopeOrgId?: string
  rejectReason?: string
  registeredAt: string
}

export interface UserOutput {
  signIn: { token: string; expiresAt: string; openid: string }
  signOut: { ended: boolean }
  me: { openid: string; person: Person | null }
  orgs: { items: Org[] }
  register: { status: PersonStatus }
  pending: { items: Person[]; total: number; nextCursor: string | null }
  approve: { status: 'approved' }
  reject: { status: 'rejected' }
  setRole: { role: Role; scopeOrgId?: string }
}

// What a person reads for the contract's enums, and the phone mask. The contract's own copies (ROLE_LABELS,
// PERSON_STATUS_LABELS, maskPhone) live in modules that import zod, which must stay out of the app bundle; a test
// (test/app/labels.test.tsx) keeps these equal to the contract's.
import type { PersonStatus, Role } from '../../contract/user'

export const ROLE_LABELS: Record<Role, string> = { member: '党员', secretary: '党组织书记', admin: '区委党建办' }

export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = {
  pending: '待审核', approved: '已通过', rejected: '未通过',
}

/** 138****5678: shown wherever the full number is not needed. */
export function maskPhone(phone: string | undefined | null): string | undefined {
  if (!phone) return undefined
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

// Honest records (issue 9): every change a secretary or the district office makes to a person (a registration
// decided, a role set) is audited in the same transaction as the change.
import { userActions } from '../../cloudfunctions/user/actions'
import { runAuditTable } from '../helpers/auditTable'
import { useBed } from '../helpers/bed'

const bed = useBed()

runAuditTable({
  bed,
  fn: 'user',
  actions: userActions,
  cases: {
    approve: {
      by: () => bed.demo['demo-secretary'],
      input: async () => ({ openid: (await bed.applicant('org-branch-a1')).openid }),
      action: 'user.approve',
      targetType: 'user',
      targetId: (input) => input.openid,
    },
    reject: {
      by: () => bed.demo['demo-secretary'],
      input: async () => ({ openid: (await bed.applicant('org-branch-a1')).openid, reason: '所填党组织有误' }),
      action: 'user.reject',
      targetType: 'user',
      targetId: (input) => input.openid,
    },
    setRole: {
      by: () => bed.demo['demo-admin'],
      input: async () => ({ openid: (await bed.newMember('org-branch-a1')).openid, role: 'secretary' }),
      action: 'user.setRole',
      targetType: 'user',
      targetId: (input) => input.openid,
    },
  },
  notAudited: {
    pending: 'reads the registrations awaiting review; writes nothing',
    history: 'reads the audit log itself; writes nothing',
  },
})

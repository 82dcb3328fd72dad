// Who may call each action of the user function: every kind of caller, and a second secretary and a retired member
// (the review actions are scoped by organisation: each caller gets an applicant inside their own scope).
import { userActions } from '../../cloudfunctions/user/actions'
import { CallerKind, CALLERS, MORE_CALLERS, runAccessMatrix } from '../helpers/accessMatrix'
import { useBed } from '../helpers/bed'
import { loginCodeFor, phoneOf } from './support'

const bed = useBed()

/** Where each secretary (and the district office) may review. */
const SCOPE: Record<string, string> = { 'demo-secretary': 'org-branch-a1', 'demo-secretary-b': 'org-branch-b1', 'demo-admin': 'org-community-c' }

/** A valid input for the action, made for this caller (a target inside their scope where one is needed). */
async function inputFor(action: string, caller: CallerKind): Promise<Record<string, unknown>> {
  const org = SCOPE[caller.openid ?? ''] ?? 'org-branch-a1'
  switch (action) {
    case 'signIn': return { openid: 'matrix-visitor' }
    case 'register': return { name: '矩阵测试', orgId: 'org-branch-a1', retired: false }
    case 'approve': return { openid: (await bed.applicant(org)).openid }
    case 'reject': return { openid: (await bed.applicant(org)).openid, reason: '矩阵测试' }
    case 'setRole': return { openid: (await bed.newMember(org)).openid, role: 'secretary' }
    // A secretary's own record lies in their scope.
    case 'history': return { type: 'person', id: caller.openid ?? 'demo-member' }
    case 'loginCodeStatus': {
      const { code, key } = await loginCodeFor(bed.emu)
      return { code, key }
    }
    case 'scanLogin': return { code: (await loginCodeFor(bed.emu)).code }
    case 'confirmLogin':
    case 'cancelLogin': {
      // A code the caller scanned on their phone, where they can (only a member can scan).
      const { code } = await loginCodeFor(bed.emu)
      if (caller.reaches.includes('member')) expect((await phoneOf(bed.emu, caller.openid!).scan(code)).ok).toBe(true)
      return { code }
    }
    default: return {}
  }
}

// Registering again changes the unregistered, pending and rejected demo people into applicants (they stay short of
// a member, as the matrix expects); an approved person is answered ALREADY_DONE by the action itself.
runAccessMatrix({
  bed,
  fn: 'user',
  actions: userActions,
  access: {
    signIn: 'anyone', signOut: 'signedIn', loginCode: 'anyone', loginCodeStatus: 'anyone', scanLogin: 'member', confirmLogin: 'member',
    cancelLogin: 'member', me: 'signedIn', orgs: 'signedIn', register: 'signedIn', pending: 'secretary', approve: 'secretary',
    reject: 'secretary', setRole: 'admin', history: 'secretary',
  },
  inputFor,
  callers: [...CALLERS, ...MORE_CALLERS],
  alsoServed: ['ALREADY_DONE'],
  // An H5 session cannot scan or confirm a login code (test/user/loginCodes.test.ts): callers use their phones.
  miniProgramOnly: ['scanLogin', 'confirmLogin', 'cancelLogin'],
})

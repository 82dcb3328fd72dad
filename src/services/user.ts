// The `user` function, typed by its contract: who am I, the organisation list, registration and its review, and a
// record's history (操作记录).
import type { HistorySubject, UserInput } from '../../contract/user'
import { callerFor } from './callFunction'
import { clearToken, setToken } from './session'

export { REGISTRATION_LIMITS } from '../../contract/user'

const call = callerFor('user')

/**
 * 审核结果通知 for a registration: the subscribe-message template the applicant is asked to accept when registering
 * (weapp). The same id is set on the function as WX_TEMPLATE_REGISTRATION_REVIEWED; replace both with the district's own.
 */
export const REGISTRATION_REVIEW_TEMPLATE_ID = 'registration-review-result'

export const userService = {
  /** H5, local demonstration only (npm start): signs in as a seeded demo person and keeps the session. */
  signIn: async (openid: string) => {
    const result = await call('signIn', { openid }, { public: true })
    if (result.ok) setToken(result.data.token)
    return result
  },
  /** Ends this person's sessions on the server (every browser), then forgets the token here whatever the answer. */
  signOut: async () => {
    const result = await call('signOut', {}, { public: true })
    clearToken()
    return result
  },
  me: () => call('me', {}),
  orgs: () => call('orgs', {}),
  register: (input: UserInput['register']) => call('register', input),
  pending: (cursor?: string) => call('pending', cursor ? { cursor } : {}),
  approve: (openid: string) => call('approve', { openid }),
  reject: (openid: string, reason: string) => call('reject', { openid, reason }),
  history: (type: HistorySubject, id: string, cursor?: string) => call('history', { type, id, ...(cursor ? { cursor } : {}) }),
}

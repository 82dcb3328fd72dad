// The `user` function, typed by its contract: who am I, 扫码登录, the organisation list, registration and its review,
// and a record's history (操作记录).
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
  // 扫码登录. The browser's side goes without a session (it has none yet); the phone's side too, so a browser that
  // opens a login code's URL is told to use the mini-program instead of being sent to sign in (only the
  // mini-program, where WeChat says who the person is, may confirm).
  /** H5 login page: a fresh login code to show as a QR code. */
  loginCode: () => call('loginCode', {}, { public: true }),
  /** H5 login page: where the code stands; once confirmed, keeps the session it brings. */
  loginCodeStatus: async (code: string, key: string) => {
    const result = await call('loginCodeStatus', { code, key }, { public: true })
    if (result.ok && result.data.session) setToken(result.data.session.token)
    return result
  },
  scanLogin: (code: string) => call('scanLogin', { code }, { public: true }),
  confirmLogin: (code: string) => call('confirmLogin', { code }, { public: true }),
  cancelLogin: (code: string) => call('cancelLogin', { code }, { public: true }),
  me: () => call('me', {}),
  orgs: () => call('orgs', {}),
  register: (input: UserInput['register']) => call('register', input),
  pending: (cursor?: string) => call('pending', cursor ? { cursor } : {}),
  approve: (openid: string) => call('approve', { openid }),
  reject: (openid: string, reason: string) => call('reject', { openid, reason }),
  history: (type: HistorySubject, id: string, cursor?: string) => call('history', { type, id, ...(cursor ? { cursor } : {}) }),
}

export { LOGIN_CODE_RENEW_SECONDS, LOGIN_CODE_STATE_LABELS } from '../../contract/user'
export { LOGIN_CONFIRM_PAGE } from '../../contract/pages'

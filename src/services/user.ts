// The `user` function, typed by its contract: who am I, the organisation list, registration and its review, and a
// record's history (操作记录).
import type { HistorySubject, UserInput } from '../../contract/user'
import { callerFor } from './callFunction'

const call = callerFor('user')

export const userService = {
  me: () => call('me', {}),
  orgs: () => call('orgs', {}),
  register: (input: UserInput['register']) => call('register', input),
  pending: (cursor?: string) => call('pending', cursor ? { cursor } : {}),
  approve: (openid: string) => call('approve', { openid }),
  reject: (openid: string, reason: string) => call('reject', { openid, reason }),
  history: (type: HistorySubject, id: string, cursor?: string) => call('history', { type, id, ...(cursor ? { cursor } : {}) }),
}

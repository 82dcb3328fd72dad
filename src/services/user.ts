// The `user` function, typed by its contract: who am I, the organisation list, registration and its review.
import type { UserInput } from '../../contract/user'
import { callerFor } from './callFunction'

const call = callerFor('user')

export const userService = {
  me: () => call('me', {}),
  orgs: () => call('orgs', {}),
  register: (input: UserInput['register']) => call('register', input),
  pending: (cursor?: string) => call('pending', cursor ? { cursor } : {}),
  approve: (openid: string) => call('approve', { openid }),
  reject: (openid: string, reason: string) => call('reject', { openid, reason }),
}

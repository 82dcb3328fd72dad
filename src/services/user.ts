// The `user` function, typed by its contract: who am I, the organisation list, registration and its review.
import type { ApiResult } from '../../contract/common'
import type { UserInput, UserOutput } from '../../contract/user'
import { callFunction } from './callFunction'

type UserAction = keyof UserOutput

function call<A extends UserAction>(action: A, input: UserInput[A]): Promise<ApiResult<UserOutput[A]>> {
  return callFunction<UserOutput[A]>('user', action, input)
}

export const userService = {
  me: () => call('me', {}),
  orgs: () => call('orgs', {}),
  register: (input: UserInput['register']) => call('register', input),
  pending: (cursor?: string) => call('pending', cursor ? { cursor } : {}),
  approve: (openid: string) => call('approve', { openid }),
  reject: (openid: string, reason: string) => call('reject', { openid, reason }),
}

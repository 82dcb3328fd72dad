// The one door to the back end: calls a cloud function's action and always answers the contract's ApiResult,
// whatever went wrong on the way (no exception reaches a page).
import Taro from '@tarojs/taro'
import type { ClassroomInput, ClassroomOutput } from '../../contract/classroom'
import type { ApiResult } from '../../contract/common'
import type { LibraryInput, LibraryOutput } from '../../contract/library'
import type { SiteInput, SiteOutput } from '../../contract/site'
import type { StoryInput, StoryOutput } from '../../contract/story'
import type { StudioInput, StudioOutput } from '../../contract/studio'
import type { UserInput, UserOutput } from '../../contract/user'
import type { WorkbenchInput, WorkbenchOutput } from '../../contract/workbench'
import { API_PREFIX, REQUEST_TIMEOUT_MS } from './config'
import { MALFORMED_ANSWER_ERROR, NETWORK_ERROR, UNAUTHENTICATED_ERROR } from './errors'
import { clearToken, getToken, goToLogin } from './session'

export type FunctionName = 'user' | 'story' | 'classroom' | 'site' | 'library' | 'studio' | 'stats' | 'workbench'

export interface CallOptions {
  /**
   * The action is open to anyone (a story page opened from Moments): on H5 it goes without a token when there is
   * none, or when the one kept has expired, instead of sending the person to sign in.
   */
  public?: boolean
}

export async function callFunction<T>(name: FunctionName, action: string, input: object = {}, options: CallOptions = {}): Promise<ApiResult<T>> {
  const data = { ...input, action }
  if (process.env.TARO_ENV === 'weapp') return viaCloud<T>(name, data)
  let result = await viaHttp<T>(name, data, options.public === true)
  if (options.public && !result.ok && result.code === 'UNAUTHENTICATED' && getToken()) {
    clearToken()
    result = await viaHttp<T>(name, data, true)
  }
  if (!result.ok && result.code === 'UNAUTHENTICATED' && !options.public) {
    clearToken()
    goToLogin()
  }
  return result
}

/** Each function's actions, their input and their answer, as the contract declares them. */
interface Contracts {
  user: { input: UserInput; output: UserOutput }
  story: { input: StoryInput; output: StoryOutput }
  classroom: { input: ClassroomInput; output: ClassroomOutput }
  site: { input: SiteInput; output: SiteOutput }
  studio: { input: StudioInput; output: StudioOutput }
  library: { input: LibraryInput; output: LibraryOutput }
  workbench: { input: WorkbenchInput; output: WorkbenchOutput }
}

type Action<N extends keyof Contracts> = keyof Contracts[N]['output'] & keyof Contracts[N]['input'] & string

/** A function's typed door: `callerFor('site')('visit', { token })` takes the action's input, answers its output. */
export function callerFor<N extends keyof Contracts>(name: N) {
  return <A extends Action<N>>(action: A, input: Contracts[N]['input'][A], options?: CallOptions) =>
    callFunction<Contracts[N]['output'][A]>(name, action, input as object, options)
}

async function viaCloud<T>(name: string, data: object): Promise<ApiResult<T>> {
  try {
    const response = await Taro.cloud.callFunction({ name, data })
    return asApiResult<T>(response.result)
  } catch {
    return NETWORK_ERROR
  }
}

async function viaHttp<T>(name: string, data: object, anonymousAllowed = false): Promise<ApiResult<T>> {
  const token = getToken()
  if (!token && !anonymousAllowed) return UNAUTHENTICATED_ERROR
  const header: Record<string, string> = { 'Content-Type': 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`
  let response: Taro.request.SuccessCallbackResult
  try {
    response = await Taro.request({
      url: API_PREFIX + name,
      method: 'POST',
      header,
      data,
      timeout: REQUEST_TIMEOUT_MS,
    })
  } catch {
    return NETWORK_ERROR
  }
  if (response.statusCode === 401) {
    const body = asApiResult<T>(response.data)
    return !body.ok && body.code === 'UNAUTHENTICATED' ? body : UNAUTHENTICATED_ERROR
  }
  return asApiResult<T>(response.data)
}

/** Accepts only the contract's envelope; anything else (an HTML error page, a gateway timeout) is INTERNAL. */
function asApiResult<T>(body: unknown): ApiResult<T> {
  if (!body || typeof body !== 'object') return MALFORMED_ANSWER_ERROR
  const answer = body as Partial<ApiResult<T>>
  if (answer.ok === true) return answer as ApiResult<T>
  if (answer.ok === false && typeof answer.code === 'string') {
    return { ...answer, message: answer.message || MALFORMED_ANSWER_ERROR.message } as ApiResult<T>
  }
  return MALFORMED_ANSWER_ERROR
}

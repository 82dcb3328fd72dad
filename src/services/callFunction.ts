// The one door to the back end: calls a cloud function's action and always answers the contract's ApiResult,
// whatever went wrong on the way (no exception reaches a page).
import Taro from '@tarojs/taro'
import type { ApiResult } from '../../contract/common'
import { API_PREFIX, REQUEST_TIMEOUT_MS } from './config'
import { MALFORMED_ANSWER_ERROR, NETWORK_ERROR, UNAUTHENTICATED_ERROR } from './errors'
import { clearToken, getToken, goToLogin } from './session'

export type FunctionName = 'user' | 'story' | 'classroom' | 'site' | 'stats'

export async function callFunction<T>(name: FunctionName, action: string, input: object = {}): Promise<ApiResult<T>> {
  const data = { ...input, action }
  const result = process.env.TARO_ENV === 'weapp' ? await viaCloud<T>(name, data) : await viaHttp<T>(name, data)
  if (!result.ok && result.code === 'UNAUTHENTICATED' && process.env.TARO_ENV === 'h5') {
    clearToken()
    goToLogin()
  }
  return result
}

async function viaCloud<T>(name: string, data: object): Promise<ApiResult<T>> {
  try {
    const response = await Taro.cloud.callFunction({ name, data })
    return asApiResult<T>(response.result)
  } catch {
    return NETWORK_ERROR
  }
}

async function viaHttp<T>(name: string, data: object): Promise<ApiResult<T>> {
  const token = getToken()
  if (!token) return UNAUTHENTICATED_ERROR
  let response: Taro.request.SuccessCallbackResult
  try {
    response = await Taro.request({
      url: API_PREFIX + name,
      method: 'POST',
      header: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
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

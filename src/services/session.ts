// Who the app is calling as. On weapp WeChat vouches for the person, so there is nothing to sign in to; on H5 the
// app carries a bearer token, which locally comes from the emulator's demo sign-in.
import Taro from '@tarojs/taro'
import type { ApiResult } from '../../contract/common'
import { ROUTES } from '@/routes'
import { DEV_LOGIN_URL, REQUEST_TIMEOUT_MS } from './config'
import { NETWORK_ERROR } from './errors'

const TOKEN_KEY = 'session.token'

/** True where the person signs in with a token (H5); on weapp the WeChat identity is always there. */
export function usesTokenSignIn(): boolean {
  return process.env.TARO_ENV === 'h5'
}

export function getToken(): string | null {
  try {
    const token = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' && token ? token : null
  } catch {
    return null
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY)
}

export function isSignedIn(): boolean {
  return !usesTokenSignIn() || getToken() !== null
}

/** Opens the H5 sign-in page, unless the person is already on it. */
export function goToLogin(): void {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]
  if (current && `/${(current.route ?? '').replace(/^\/+/, '')}`.startsWith(ROUTES.login)) return
  Taro.navigateTo({ url: ROUTES.login }).catch(() => Taro.reLaunch({ url: ROUTES.login }))
}

/** Signs in on H5 as one of the emulator's seeded demo people; stores the token on success. */
export async function devLogin(openid: string): Promise<ApiResult<{ token: string }>> {
  let response: Taro.request.SuccessCallbackResult
  try {
    response = await Taro.request({
      url: DEV_LOGIN_URL,
      method: 'POST',
      header: { 'Content-Type': 'application/json' },
      data: { openid },
      timeout: REQUEST_TIMEOUT_MS,
    })
  } catch {
    return NETWORK_ERROR
  }
  if (response.statusCode === 404) {
    return { ok: false, code: 'NOT_OPEN', message: '本地演示登录未开启' }
  }
  const body = response.data as { token?: unknown } | null
  if (response.statusCode >= 200 && response.statusCode < 300 && body && typeof body.token === 'string') {
    setToken(body.token)
    return { ok: true, data: { token: body.token } }
  }
  return { ok: false, code: 'INTERNAL', message: '登录没有成功，请稍后再试' }
}

// Who the app is calling as. On weapp WeChat vouches for the person, so there is nothing to sign in to; on H5 the
// app carries the session token the user function minted (userService.signIn), sent as a bearer token.
import Taro from '@tarojs/taro'
import { ROUTES } from '@/routes'

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

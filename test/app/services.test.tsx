// The services layer on H5: what the app sends, and what a page gets back whatever the network does.
// Taro.request is the boundary, so it is the one thing replaced here.
import Taro from '@tarojs/taro'
import { userService } from '@/services'
import { resetTaro } from './helpers'

const TOKEN_KEY = 'session.token'

function answer(statusCode: number, data: unknown) {
  return jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode, data, header: {}, errMsg: 'request:ok' } as never)
}

let navigateTo: jest.SpyInstance
beforeEach(() => {
  ({ navigateTo } = resetTaro())
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/mine/index' }] as never)
  Taro.setStorageSync(TOKEN_KEY, 'token-of-demo-member')
})

test('an action is a POST to /api/<function> with the bearer token, the action and its input', async () => {
  const request = answer(200, { ok: true, data: { status: 'rejected' } })
  const result = await userService.reject('demo-newcomer', '姓名与名册不一致')
  expect(result).toEqual({ ok: true, data: { status: 'rejected' } })
  expect(request).toHaveBeenCalledTimes(1)
  expect(request.mock.calls[0][0]).toMatchObject({
    url: '/api/user',
    method: 'POST',
    header: { Authorization: 'Bearer token-of-demo-member' },
    data: { action: 'reject', openid: 'demo-newcomer', reason: '姓名与名册不一致' },
  })
})

test("a refusal reaches the page as the server said it, with the offending fields", async () => {
  const refusal = {
    ok: false, code: 'INVALID_INPUT', message: '手机号应为 11 位手机号',
    fields: [{ field: 'phone', message: '手机号应为 11 位手机号' }],
  }
  answer(400, refusal)
  const result = await userService.register({ name: '王建国', orgId: 'org-a', retired: true, phone: '123' })
  expect(result).toEqual(refusal)
})

test('HTTP 401 means signed out: the token is dropped and the sign-in page opens', async () => {
  answer(401, { ok: false, code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
  const result = await userService.me()
  expect(result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

test('HTTP 401 with no envelope still reads as UNAUTHENTICATED', async () => {
  answer(401, null)
  const result = await userService.me()
  expect(result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

test('without a token nothing is sent and the sign-in page opens', async () => {
  Taro.removeStorageSync(TOKEN_KEY)
  const request = answer(200, { ok: true, data: {} })
  const result = await userService.orgs()
  expect(result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(request).not.toHaveBeenCalled()
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
})

test('on the sign-in page itself, a 401 does not open it again', async () => {
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: '/pages/login/index' }] as never)
  answer(401, null)
  await userService.me()
  expect(navigateTo).not.toHaveBeenCalled()
})

test('a network failure is an INTERNAL answer a person can read, not an exception', async () => {
  jest.spyOn(Taro, 'request').mockRejectedValue(new TypeError('Failed to fetch'))
  const result = await userService.pending()
  expect(result).toEqual({ ok: false, code: 'INTERNAL', message: '网络不太好，请稍后再试' })
  expect(Taro.getStorageSync(TOKEN_KEY)).toBe('token-of-demo-member')
})

test('a gateway error page instead of the envelope is an INTERNAL answer', async () => {
  answer(502, '<html>Bad Gateway</html>')
  const result = await userService.me()
  expect(result).toMatchObject({ ok: false, code: 'INTERNAL' })
  expect(result.ok === false && result.message).toBeTruthy()
})

describe('demo sign-in and sign-out', () => {
  test('signing in stores the session the user function hands out', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    const request = answer(200, { ok: true, data: { token: 'fresh-token', openid: 'demo-retired', expiresAt: '2030-01-08T00:00:00.000Z' } })
    const result = await userService.signIn('demo-retired')
    expect(result).toMatchObject({ ok: true, data: { token: 'fresh-token' } })
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/user', method: 'POST', data: { action: 'signIn', openid: 'demo-retired' } })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('fresh-token')
  })

  test('a refused demo sign-in (not under npm start) keeps its message and stores nothing', async () => {
    Taro.removeStorageSync(TOKEN_KEY)
    const refusal = { ok: false, code: 'FORBIDDEN', message: '演示登录只在本地演示环境开放，请用小程序扫码登录' }
    answer(403, refusal)
    expect(await userService.signIn('demo-member')).toEqual(refusal)
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
  })

  test('signing out asks the server to end the sessions and forgets the token', async () => {
    Taro.setStorageSync(TOKEN_KEY, 'a-session')
    const request = answer(200, { ok: true, data: { ended: true } })
    await userService.signOut()
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/user', data: { action: 'signOut' }, header: { Authorization: 'Bearer a-session' } })
    expect(Taro.getStorageSync(TOKEN_KEY)).toBe('')
  })
})

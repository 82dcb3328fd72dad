// H5 sign-in: pick a demo person, get a session from the user function, land on 我的.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import LoginPage from '@/pages/login'
import { resetTaro } from './helpers'

function answer(statusCode: number, data: unknown) {
  return jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode, data, header: {}, errMsg: 'request:ok' } as never)
}

function signInAs(label: string) {
  const row = screen.getByText(label).closest('.login__person') as HTMLElement
  fireEvent.click(row.querySelector('.at-button') as HTMLElement)
}

beforeEach(() => {
  resetTaro()
})

test('every demo person is listed with who they are and a button of their own', () => {
  render(<LoginPage />)
  for (const label of ['区委党建办', '社区A书记', '社区B书记', '社区A党员', '社区A离退休党员', '社区B党员', '未注册']) {
    expect(screen.getByText(label)).toBeTruthy()
  }
  expect(screen.getByText('demo-secretary-b')).toBeTruthy()
  expect(screen.getAllByText('登录')).toHaveLength(7)
})

test('signing in stores that person\'s token and opens 我的', async () => {
  const request = answer(200, { ok: true, data: { token: 'token-of-retired', openid: 'demo-retired', expiresAt: '2030-01-08T00:00:00.000Z' } })
  render(<LoginPage />)
  signInAs('社区A离退休党员')
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }))
  expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/user', data: { action: 'signIn', openid: 'demo-retired' } })
  expect(Taro.getStorageSync('session.token')).toBe('token-of-retired')
})

test('signing in from a page that sent the person here (a scanned code) goes back to that page', async () => {
  answer(200, { ok: true, data: { token: 'token-of-member', openid: 'demo-member', expiresAt: '2030-01-08T00:00:00.000Z' } })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
  render(<LoginPage />)
  signInAs('社区A党员')
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(Taro.switchTab).not.toHaveBeenCalled()
  expect(Taro.getStorageSync('session.token')).toBe('token-of-member')
})

test('when demo sign-in is switched off the page says so and stays', async () => {
  answer(403, { ok: false, code: 'FORBIDDEN', message: '演示登录只在本地演示环境开放，请用小程序扫码登录' })
  render(<LoginPage />)
  signInAs('社区A党员')
  expect(await screen.findByText('演示登录只在本地演示环境开放，请用小程序扫码登录')).toBeTruthy()
  expect(Taro.switchTab).not.toHaveBeenCalled()
  expect(Taro.getStorageSync('session.token')).toBe('')
})

// A component test never reaches the network: every service a rendered page calls is mocked. A call that gets
// through to Taro.request is refused at once and fails the test that made it, naming what to mock, instead of
// passing or failing by chance on a refused connection.
import Taro from '@tarojs/taro'

const reached: string[] = []

Object.assign(Taro, {
  request: (options: { url: string; data?: { action?: string } }) => {
    reached.push(`${options.url} ${options.data?.action ?? ''}`.trim())
    return Promise.reject(new Error('component tests do not reach the network'))
  },
})

afterEach(() => {
  if (reached.length === 0) return
  const calls = reached.splice(0).join(', ')
  throw new Error(`This test reached the network (${calls}): mock the service the page calls.`)
})

import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { installTaroUiAccess } from './components/Control/taroUi'
import { CLOUD_ENV } from './services/config'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
}
if (process.env.TARO_ENV === 'h5') installTaroUiAccess()

function App({ children }: PropsWithChildren) {
  return children
}

export default App

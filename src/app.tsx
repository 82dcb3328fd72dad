import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { installTaroUiAccess } from './components/Control/taroUi'
import { ROUTES } from './routes'
import { CLOUD_ENV } from './services/config'
import { tellWhenAPageCannotLoad } from './utils/pageLoad'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
}
if (process.env.TARO_ENV === 'h5') {
  installTaroUiAccess()
  tellWhenAPageCannotLoad()
}

// A link to a page that does not exist says so (on H5 the previous page would otherwise stay, as if nothing happened).
Taro.onPageNotFound(() => {
  Taro.redirectTo({ url: ROUTES.notFound }).catch(() => Taro.reLaunch({ url: ROUTES.notFound }))
})

function App({ children }: PropsWithChildren) {
  return children
}

export default App

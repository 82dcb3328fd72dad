// 确认登录 (mini-program, main package): opened by a PC's login code (我的 → 扫一扫, WeChat's scan by the plain-link
// rule, `?q=`, or the code's URL `?t=`). Reads the code at once, which makes it this person's to decide, names the
// browser it would sign in, and asks: 确认登录 or 取消. Only the mini-program may answer (WeChat says who the person
// is); a browser that opens the URL is told to use the mini-program.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import PageShell from '@/components/PageShell'
import ScanCard from '@/components/ScanCard'
import { ROUTES } from '@/routes'
import { userService } from '@/services'
import type { ApiError } from '@/services'
import { LOGIN_CODE, tokenFromParams } from '@/utils/scanToken'
import './confirm.scss'

type ConfirmState =
  | { kind: 'noCode' }
  | { kind: 'working'; what: string }
  | { kind: 'ask'; device: string }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; title: string; message: string }

const MINI_PROGRAM_ONLY = '请用微信“扫一扫”扫描电脑上的登录二维码，在先锋驿站小程序里确认登录。'

function refusal(error: ApiError): ConfirmState {
  switch (error.code) {
    case 'TOKEN_EXPIRED':
      return { kind: 'failed', title: '登录二维码已过期', message: error.message }
    case 'TOKEN_INVALID':
    case 'INVALID_INPUT':
      return { kind: 'failed', title: '登录二维码无效', message: error.message }
    case 'ALREADY_DONE':
      return { kind: 'done' }
    case 'NOT_REGISTERED':
      return { kind: 'failed', title: '还不能在电脑上登录', message: `${error.message}。登记并通过审核后，再扫码登录电脑。` }
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return { kind: 'failed', title: '请在小程序里确认', message: MINI_PROGRAM_ONLY }
    default:
      return { kind: 'failed', title: '没有成功', message: error.message }
  }
}

const codeOfPage = () =>
  tokenFromParams(LOGIN_CODE, (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>)

export default function LoginConfirmPage() {
  const [code] = useState(codeOfPage)
  const [state, setState] = useState<ConfirmState>(code ? { kind: 'working', what: '正在读取登录二维码…' } : { kind: 'noCode' })
  const busy = useRef(false)

  useEffect(() => {
    if (!code) return
    userService.scanLogin(code).then((r) => setState(r.ok ? { kind: 'ask', device: r.data.device } : refusal(r)))
  }, [code])

  /** Confirms or cancels, once however often it is tapped. */
  const decide = async (confirm: boolean) => {
    if (!code || busy.current) return
    busy.current = true
    setState({ kind: 'working', what: confirm ? '正在登录电脑…' : '正在取消…' })
    const r = confirm ? await userService.confirmLogin(code) : await userService.cancelLogin(code)
    busy.current = false
    setState(r.ok ? { kind: confirm ? 'done' : 'cancelled' } : refusal(r))
  }

  const toMine = () => Taro.switchTab({ url: ROUTES.mine })
  const text = 'ps-scan-card__text login-confirm__text'

  return (
    <PageShell className='login-confirm'>
      {state.kind === 'working' ? <ScanCard block='login-confirm' title={state.what} /> : null}

      {state.kind === 'noCode' ? (
        <ScanCard block='login-confirm' title='没有读到登录二维码'>
          <Text className={text}>{MINI_PROGRAM_ONLY}</Text>
          <AtButton onClick={toMine}>返回我的</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'ask' ? (
        <ScanCard block='login-confirm' title='在电脑上登录先锋驿站？'>
          <Text className='ps-scan-card__subject login-confirm__device'>{state.device}</Text>
          <Text className={text}>确认后，这台设备上的先锋驿站将以您的身份登录。如果不是您本人在操作，请点“取消”。</Text>
          <AtButton type='primary' onClick={() => decide(true)}>确认登录</AtButton>
          <AtButton onClick={() => decide(false)}>取消</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'done' ? (
        <ScanCard block='login-confirm' title='已在电脑上登录' tone='done'>
          <Text className={text}>可以在电脑上继续使用先锋驿站了。用完请在电脑上“我的”里退出登录。</Text>
          <AtButton type='secondary' onClick={toMine}>返回我的</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'cancelled' ? (
        <ScanCard block='login-confirm' title='已取消登录' tone='already'>
          <Text className={text}>电脑上不会登录。</Text>
          <AtButton type='secondary' onClick={toMine}>返回我的</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'failed' ? (
        <ScanCard block='login-confirm' title={state.title} tone='failed'>
          <Text className={text}>{state.message}</Text>
          <AtButton onClick={toMine}>返回我的</AtButton>
        </ScanCard>
      ) : null}
    </PageShell>
  )
}

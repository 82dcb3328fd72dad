// H5 only: 扫码登录. The page shows a one-time login code; a registered member scans it with the mini-program
// (我的 → 扫一扫, or WeChat's scan) and confirms on the phone, and this browser is signed in as them. Under npm start
// (the server says so) the seeded demo people can be chosen below it. In the mini-program WeChat says who you are.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import QrCode from '@/components/QrCode'
import { ROUTES } from '@/routes'
import { userService } from '@/services'
import { useLoginCode } from './useLoginCode'
import './index.scss'

const DEMO_PEOPLE = [
  { openid: 'demo-admin', label: '区委党建办' },
  { openid: 'demo-secretary', label: '社区A书记' },
  { openid: 'demo-secretary-b', label: '社区B书记' },
  { openid: 'demo-member', label: '社区A党员' },
  { openid: 'demo-retired', label: '社区A离退休党员' },
  { openid: 'demo-member-b', label: '社区B党员' },
  { openid: 'demo-newcomer', label: '未注册' },
] as const

/** Back to the page that sent the person here (a class's 签到码, a story to like); else to 我的. */
function carryOn() {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: ROUTES.mine })
}

function DemoSignIn() {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const signIn = async (openid: string) => {
    setBusy(openid)
    setError(null)
    const result = await userService.signIn(openid)
    setBusy(null)
    if (!result.ok) return setError(result.message)
    carryOn()
  }

  return (
    <Card title='本地演示：选择一个演示身份' className='login__demo'>
      <Text className='login__summary'>这是本地演示环境，每个身份都是预先准备好的演示人员。</Text>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      {DEMO_PEOPLE.map((person) => (
        <View className='login__person' key={person.openid}>
          <View className='login__who'>
            <Text className='login__label'>{person.label}</Text>
            <Text className='login__openid'>{person.openid}</Text>
          </View>
          <AtButton
            type='primary'
            size='small'
            loading={busy === person.openid}
            disabled={busy !== null}
            onClick={() => signIn(person.openid)}
          >
            登录
          </AtButton>
        </View>
      ))}
    </Card>
  )
}

export default function LoginPage() {
  const { view, refresh } = useLoginCode(carryOn)
  const code = view.kind === 'code' ? view : null
  const showsQr = code && (code.state === 'waiting' || code.state === 'scanned' || code.state === 'confirmed')

  return (
    <PageShell className='login'>
      <Text className='login__title'>扫码登录</Text>
      <Text className='login__summary'>打开先锋驿站小程序，在“我的”里点“扫一扫”（或用微信扫一扫），扫描下面的二维码，再在手机上确认。</Text>
      <Card className='login__code'>
        {view.kind === 'loading' ? <Text className='login__status'>正在生成登录二维码…</Text> : null}
        {showsQr ? (
          <View className={`login__qr login__qr--${code.state}`}>
            <QrCode url={code.code.url} alt='登录二维码' />
          </View>
        ) : null}
        {code ? <Text className={`login__status login__status--${code.state}`}>{code.message}</Text> : null}
        {view.kind === 'failed' ? <Text className='login__status login__status--failed'>{view.message}</Text> : null}
        {view.kind === 'failed' || (code && !showsQr) ? (
          <AtButton type='primary' className='login__refresh' onClick={refresh}>刷新</AtButton>
        ) : null}
      </Card>
      {code?.code.demoLogin ? <DemoSignIn /> : null}
    </PageShell>
  )
}

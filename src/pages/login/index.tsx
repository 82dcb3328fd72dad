// H5 only: sign in as one of the seeded demo people (the functions allow it only under npm start). In the
// mini-program WeChat says who you are.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { userService } from '@/services'
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

export default function LoginPage() {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const signIn = async (openid: string) => {
    setBusy(openid)
    setError(null)
    const result = await userService.signIn(openid)
    setBusy(null)
    if (!result.ok) {
      setError(result.message)
      return
    }
    // Back to the page that sent the person here (a scanned sign-in code, a story to like); else to 我的.
    if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
    else Taro.switchTab({ url: ROUTES.mine })
  }

  return (
    <PageShell className='login'>
      <Text className='login__title'>选择一个演示身份登录</Text>
      <Text className='login__summary'>这是本地演示环境，每个身份都是预先准备好的演示人员。</Text>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <Card>
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
    </PageShell>
  )
}

import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton, AtSwitch } from 'taro-ui'
import Card from '../../components/Card'
import Notice from '../../components/Notice'
import PageShell from '../../components/PageShell'
import { clearToken, isSignedIn, userService, usesTokenSignIn } from '../../services'
import type { Person } from '../../services'
import { ROUTES } from '../../routes'
import { useCareMode } from '../../theme/careMode'
import { NATIVE_COLORS } from '../../theme/nativeColors'
import ProfileCard from './ProfileCard'
import RegisterForm from './RegisterForm'
import './index.scss'

type MineState =
  | { kind: 'loading' }
  | { kind: 'signedOut' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; person: Person | null; pendingTotal: number | null }

function reviews(person: Person | null): boolean {
  return person?.status === 'approved' && (person.role === 'secretary' || person.role === 'admin')
}

export default function MinePage() {
  const [state, setState] = useState<MineState>({ kind: 'loading' })
  const [careMode, setCareMode] = useCareMode()
  const latestLoad = useRef(0)

  const load = async () => {
    const thisLoad = ++latestLoad.current
    const settle = (next: MineState) => {
      if (thisLoad === latestLoad.current) setState(next)
    }
    if (!isSignedIn()) return settle({ kind: 'signedOut' })
    const me = await userService.me()
    if (!me.ok) {
      const signedOut = me.code === 'UNAUTHENTICATED' && usesTokenSignIn()
      return settle(signedOut ? { kind: 'signedOut' } : { kind: 'failed', message: me.message })
    }
    const { person } = me.data
    let pendingTotal: number | null = null
    if (reviews(person)) {
      const pending = await userService.pending()
      if (pending.ok) pendingTotal = pending.data.total
    }
    settle({ kind: 'ready', person, pendingTotal })
  }

  // Every time the tab is shown: the registration may have been reviewed, or people approved, meanwhile.
  useDidShow(() => {
    load()
  })

  const signOut = () => {
    clearToken()
    setState({ kind: 'signedOut' })
  }

  return (
    <PageShell className='mine'>
      {state.kind === 'loading' ? <Text className='mine__loading'>正在加载…</Text> : null}

      {state.kind === 'signedOut' ? (
        <Card title='您还没有登录'>
          <Text className='mine__text'>登录后可以注册、查看审核进度。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </Card>
      ) : null}

      {state.kind === 'failed' ? (
        <View>
          <Notice tone='danger'>{state.message}</Notice>
          <AtButton type='secondary' onClick={load}>重新加载</AtButton>
        </View>
      ) : null}

      {state.kind === 'ready' ? (
        <View>
          <ProfileCard person={state.person} />
          {!state.person || state.person.status === 'rejected' ? (
            <RegisterForm person={state.person} onRegistered={load} />
          ) : null}
          {state.pendingTotal !== null ? (
            <Card title='审核'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.approve })}>
                待审核人员 ({state.pendingTotal})
              </AtButton>
            </Card>
          ) : null}
        </View>
      ) : null}

      <Card title='设置'>
        <AtSwitch title='长辈模式' color={NATIVE_COLORS.primary} checked={careMode} onChange={setCareMode} />
        <Text className='mine__caption'>打开后字更大、按钮更大，所有页面都生效。</Text>
      </Card>

      {usesTokenSignIn() && state.kind !== 'signedOut' ? (
        <AtButton className='mine__sign-out' onClick={signOut}>退出登录</AtButton>
      ) : null}
    </PageShell>
  )
}

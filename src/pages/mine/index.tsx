import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import PageShell from '@/components/PageShell'
import Switch from '@/components/Switch'
import { isSignedIn, storyService, userService, usesTokenSignIn } from '@/services'
import type { Person } from '@/services'
import { ROUTES } from '@/routes'
import { useCareMode } from '@/theme/careMode'
import { pageOfScan, readQrCode } from '@/utils/scanToken'
import ProfileCard from './ProfileCard'
import RegisterForm from './RegisterForm'
import './index.scss'

type MineState =
  | { kind: 'loading' }
  | { kind: 'signedOut' }
  | { kind: 'failed'; message: string }
  /** `representative`: the server says the person is linked to a serving 党代表 (the 民情 addressed to them are theirs). */
  | { kind: 'ready'; person: Person | null; representative: boolean; pendingTotal: number | null; unreadMessages: number }

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
    const [pending, messages] = await Promise.all([
      reviews(person) ? userService.pending() : null,
      person ? storyService.messages() : null,
    ])
    const pendingTotal = pending?.ok ? pending.data.total : null
    // The newest page is enough to say "there is something new".
    const unreadMessages = messages?.ok ? messages.data.items.filter((m) => !m.read).length : 0
    settle({ kind: 'ready', person, representative: me.data.representative === true, pendingTotal, unreadMessages })
  }

  // Every time the tab is shown: the registration may have been reviewed, or people approved, meanwhile.
  useDidShow(() => {
    load()
  })

  /** 扫一扫 (mini-program): a class's sign-in code, a site's code or a PC's login code opens its page. */
  const scan = async () => {
    const scanned = await readQrCode()
    if (!scanned) return // closed the camera
    const page = pageOfScan(scanned)
    if (page) Taro.navigateTo({ url: page })
    else Taro.showModal({ title: '无法识别这个二维码', content: '可以扫描课堂签到码、阵地签到码，或电脑上先锋驿站的登录二维码。', showCancel: false })
  }

  const signOut = async () => {
    await userService.signOut()
    setState({ kind: 'signedOut' })
  }

  return (
    <PageShell className='mine'>
      <LoadState
        loading={state.kind === 'loading'}
        error={state.kind === 'failed' ? state.message : null}
        onRetry={load}
        textClassName='mine__loading'
      />

      {state.kind === 'signedOut' ? (
        <Card title='您还没有登录'>
          <Text className='mine__text'>登录后可以注册、查看审核进度。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </Card>
      ) : null}

      {state.kind === 'ready' ? (
        <View>
          <ProfileCard person={state.person} />
          {process.env.TARO_ENV === 'weapp' && state.person?.status === 'approved' ? (
            <Card title='扫一扫' className='mine-scan'>
              <Text className='mine__text'>扫描课堂签到码、阵地签到码，或电脑上的登录二维码（在电脑上登录先锋驿站）。</Text>
              <AtButton type='primary' onClick={scan}>扫一扫</AtButton>
            </Card>
          ) : null}
          {!state.person || state.person.status === 'rejected' ? (
            <RegisterForm person={state.person} onRegistered={load} />
          ) : null}
          {state.person ? (
            <Card title='故事' className='mine-stories'>
              {state.person.status === 'approved' ? (
                <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.storyMine })}>我的故事</AtButton>
              ) : null}
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.storyMessages })}>
                {state.unreadMessages > 0 ? `消息（${state.unreadMessages} 条未读）` : '消息'}
              </AtButton>
            </Card>
          ) : null}
          <Card title='民情' className='mine-cases'>
            <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.studioMine })}>我的民情（给党代表工作室的留言）</AtButton>
            {reviews(state.person) || state.representative ? (
              <AtButton type='secondary' customStyle={{ marginTop: 'var(--ps-space-sm)' }} onClick={() => Taro.navigateTo({ url: ROUTES.studioCases })}>
                {reviews(state.person) ? '民情办理' : '民情办理（写给我这位党代表的民情）'}
              </AtButton>
            ) : null}
          </Card>
          {state.person?.status === 'approved' ? (
            <Card title='党建书屋' className='mine-library'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.libraryMine })}>我的借阅</AtButton>
            </Card>
          ) : null}
          {state.pendingTotal !== null ? (
            <Card title='审核' className='mine-reviews'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.approve })}>
                待审核人员 ({state.pendingTotal})
              </AtButton>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.storyReview })}>待审核故事</AtButton>
            </Card>
          ) : null}
          {reviews(state.person) ? (
            <Card title='党建工作台' className='mine-workbench'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.workbench })}>党建工作台（数据、目标、通报）</AtButton>
            </Card>
          ) : null}
          {reviews(state.person) ? (
            <Card title='课堂' className='mine-classes'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.classList })}>课程管理（签到码、出勤、开课情况）</AtButton>
            </Card>
          ) : null}
          {reviews(state.person) ? (
            <Card title='阵地' className='mine-sites'>
              <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.siteUsage })}>阵地使用情况（排名、导出）</AtButton>
              <AtButton type='secondary' customStyle={{ marginTop: 'var(--ps-space-sm)' }} onClick={() => Taro.navigateTo({ url: ROUTES.siteBookings })}>
                我的阵地预约
              </AtButton>
            </Card>
          ) : null}
        </View>
      ) : null}

      <Card title='设置'>
        <Switch title='长辈模式' checked={careMode} onChange={setCareMode} />
        <Text className='mine__caption'>打开后字更大、按钮更大，所有页面都生效。</Text>
      </Card>

      {usesTokenSignIn() && state.kind !== 'signedOut' ? (
        <AtButton className='mine__sign-out' onClick={signOut}>退出登录</AtButton>
      ) : null}
    </PageShell>
  )
}

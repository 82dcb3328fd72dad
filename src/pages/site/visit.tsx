// 阵地签到: opened by a site's fixed, printed QR code (any phone camera on H5; WeChat's plain-link rule or the scan
// button in the mini-program). Checks in at once — once per person per site per day — sending the phone's position
// only if the person already allowed it (a scan far from the site is refused). A second scan the same day says 已签到
// and when; a secretary's scan during their booking also confirms the booking's arrival.
import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '../../components/Card'
import PageShell from '../../components/PageShell'
import { ROUTES } from '../../routes'
import { isSignedIn, siteService } from '../../services'
import type { ApiError, SiteLocation, SiteVisitResult } from '../../services'
import { beijingDate, formatClock } from '../classroom/format'
import { locate, locationAllowed } from './location'
import { visitTokenFromParams, visitTokenFromUrl } from './visitToken'
import './visit.scss'

/** This device's check-ins of today, per site: the time to show when the same code is scanned again. */
const TODAY_KEY = 'site.visitsToday'

type VisitState =
  | { kind: 'signedOut' }
  | { kind: 'noToken' }
  | { kind: 'working' }
  | { kind: 'done'; visit: SiteVisitResult }
  | { kind: 'already'; siteId?: string; name?: string; at?: string; message: string }
  | { kind: 'failed'; title: string; message: string; retry: 'scan' | 'again' | 'register' }

function rememberVisit(visit: SiteVisitResult) {
  const today = beijingDate(visit.at)
  const kept = (Taro.getStorageSync(TODAY_KEY) || {}) as Record<string, string>
  const fresh = Object.fromEntries(Object.entries(kept).filter(([, at]) => beijingDate(at) === today))
  Taro.setStorageSync(TODAY_KEY, { ...fresh, [visit.siteId]: visit.at })
}

function rememberedToday(siteId: string | undefined): string | undefined {
  if (!siteId) return undefined
  const at = ((Taro.getStorageSync(TODAY_KEY) || {}) as Record<string, string>)[siteId]
  return at && beijingDate(at) === beijingDate(new Date()) ? at : undefined
}

function refusal(error: ApiError): VisitState {
  switch (error.code) {
    case 'ALREADY_DONE': {
      const first = (error.data ?? {}) as { siteId?: string; name?: string; at?: string }
      return { kind: 'already', siteId: first.siteId, name: first.name, at: first.at ?? rememberedToday(first.siteId), message: error.message }
    }
    case 'TOKEN_INVALID':
    case 'TOKEN_EXPIRED':
      return { kind: 'failed', title: '签到码无法识别', message: error.message, retry: 'scan' }
    case 'OUT_OF_RANGE':
      return { kind: 'failed', title: '不在阵地附近', message: error.message, retry: 'again' }
    case 'NOT_OPEN':
      return { kind: 'failed', title: '现在不能签到', message: error.message, retry: 'scan' }
    case 'NOT_REGISTERED':
      return { kind: 'failed', title: '还没有完成注册', message: `${error.message}。注册并通过审核后再扫码签到。`, retry: 'register' }
    default:
      return { kind: 'failed', title: '签到没有成功', message: error.message, retry: 'again' }
  }
}

function openedWithToken(): string | null {
  const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  return visitTokenFromParams(params)
}

/** The position, when the person allowed it before; never asked for here (the check-in does not need it). */
async function positionIfAllowed(): Promise<SiteLocation | undefined> {
  if (!locationAllowed()) return undefined
  try {
    return await locate()
  } catch {
    return undefined
  }
}

export default function SiteVisitPage() {
  const [token, setToken] = useState<string | null>(openedWithToken)
  const [state, setState] = useState<VisitState>({ kind: 'working' })
  const busy = useRef(false)

  const submit = async (withToken: string) => {
    if (busy.current) return
    busy.current = true
    setState({ kind: 'working' })
    try {
      const result = await siteService.visit(withToken, await positionIfAllowed())
      if (result.ok) {
        rememberVisit(result.data)
        setState({ kind: 'done', visit: result.data })
      } else {
        setState(refusal(result))
      }
    } finally {
      busy.current = false
    }
  }

  useEffect(() => {
    if (!isSignedIn()) setState({ kind: 'signedOut' })
    else if (!token) setState({ kind: 'noToken' })
    else submit(token)
  }, [token])

  // Back from signing in: carry on with the code that was scanned, so nobody has to scan it again.
  useDidShow(() => {
    if (state.kind === 'signedOut' && isSignedIn() && token) submit(token)
  })

  const scanAgain = async () => {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const next = scanned.result ? visitTokenFromUrl(scanned.result) : null
      if (!next) {
        setState({ kind: 'failed', title: '这不是阵地签到码', message: '请对准阵地现场张贴的签到码扫描。', retry: 'scan' })
        return
      }
      if (next === token) submit(next)
      else setToken(next)
    } catch {
      // The person closed the camera: the page stays as it was.
    }
  }

  const toSites = () => Taro.switchTab({ url: ROUTES.site })
  const toSite = (siteId: string) => Taro.redirectTo({ url: `${ROUTES.siteDetail}?id=${siteId}` })
  const rescan = process.env.TARO_ENV === 'weapp' ? (
    <AtButton type='primary' onClick={scanAgain}>重新扫码</AtButton>
  ) : (
    <Text className='site-visit__hint'>请用手机相机重新扫描阵地现场张贴的签到码。</Text>
  )

  return (
    <PageShell className='site-visit'>
      {state.kind === 'working' ? (
        <Card className='site-visit__card'>
          <Text className='site-visit__title'>正在签到…</Text>
        </Card>
      ) : null}

      {state.kind === 'signedOut' ? (
        <Card className='site-visit__card'>
          <Text className='site-visit__title'>请先登录</Text>
          <Text className='site-visit__text'>登录后，再扫描阵地的签到码签到。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </Card>
      ) : null}

      {state.kind === 'noToken' ? (
        <Card className='site-visit__card'>
          <Text className='site-visit__title'>没有读到签到码</Text>
          <Text className='site-visit__text'>请扫描阵地现场张贴的签到码。</Text>
          {rescan}
        </Card>
      ) : null}

      {state.kind === 'done' ? (
        <Card className='site-visit__card site-visit__card--done'>
          <Text className='site-visit__mark'>✓</Text>
          <Text className='site-visit__title'>签到成功</Text>
          <Text className='site-visit__site'>{state.visit.name}</Text>
          <Text className='site-visit__text'>签到时间 {formatClock(state.visit.at)}</Text>
          {state.visit.booking ? (
            <Text className='site-visit__booking'>
              已确认到场：{state.visit.booking.orgName} {state.visit.booking.start}–{state.visit.booking.end} 的预约
            </Text>
          ) : null}
          {state.visit.firstThisMonth ? <Text className='site-visit__hint'>这是你本月第一次来这里，欢迎！</Text> : null}
          <AtButton type='secondary' onClick={() => toSite(state.visit.siteId)}>查看阵地</AtButton>
        </Card>
      ) : null}

      {state.kind === 'already' ? (
        <Card className='site-visit__card site-visit__card--already'>
          <Text className='site-visit__mark'>✓</Text>
          <Text className='site-visit__title'>已签到</Text>
          {state.name ? <Text className='site-visit__site'>{state.name}</Text> : null}
          <Text className='site-visit__text'>
            {state.at ? `你今天 ${formatClock(state.at)} 已在这里签到，每天签到一次就好，不用再扫了。` : state.message}
          </Text>
          {state.siteId ? (
            <AtButton type='secondary' onClick={() => toSite(state.siteId!)}>查看阵地</AtButton>
          ) : (
            <AtButton type='secondary' onClick={toSites}>查看全部阵地</AtButton>
          )}
        </Card>
      ) : null}

      {state.kind === 'failed' ? (
        <Card className='site-visit__card site-visit__card--failed'>
          <Text className='site-visit__title'>{state.title}</Text>
          <Text className='site-visit__text'>{state.message}</Text>
          {state.retry === 'scan' ? rescan : null}
          {state.retry === 'again' ? (
            <AtButton type='primary' onClick={() => token && submit(token)}>再试一次</AtButton>
          ) : null}
          {state.retry === 'register' ? (
            <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去注册</AtButton>
          ) : null}
          <AtButton onClick={toSites}>查看全部阵地</AtButton>
        </Card>
      ) : null}
    </PageShell>
  )
}

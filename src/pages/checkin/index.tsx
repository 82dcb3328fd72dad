// 课堂签到: opened by the sign-in QR code (any phone camera on H5, WeChat's plain-link rule or the scan button in the
// mini-program). Signs in at once; asks for the person's location, with the reason, only when the class checks it
// (the back end says so); then says plainly what happened and what to do next.
import { Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '../../components/Card'
import PageShell from '../../components/PageShell'
import { ROUTES } from '../../routes'
import { ATTENDANCE_STATUS_LABELS, classroomService, isSignedIn } from '../../services'
import type { ApiError, AttendanceStatus, CheckInLocation } from '../../services'
import { formatClock } from '../classroom/format'
import { currentLocation } from './location'
import { tokenFromParams, tokenFromScan } from './token'
import './index.scss'

/** Set once the person has let the app read their location for a check-in: the next time it is read at once. */
const LOCATION_ALLOWED_KEY = 'checkin.locationAllowed'

export const LOCATION_REASON = '这节课要核对你是否在上课地点，需要获取你现在的位置。位置只用于本次签到。'

type CheckInState =
  | { kind: 'signedOut' }
  | { kind: 'noToken' }
  | { kind: 'working'; what: string }
  | { kind: 'needLocation' }
  | { kind: 'done'; status: 'on-time' | 'late'; at: string; title: string }
  | { kind: 'already'; message: string; status?: AttendanceStatus; at?: string }
  | { kind: 'failed'; title: string; message: string; retry: 'scan' | 'again' | 'location' | 'register' }

/** What each refusal is called on the page, and what the person can do about it. */
function refusal(error: ApiError): CheckInState {
  switch (error.code) {
    case 'TOKEN_EXPIRED':
      return { kind: 'failed', title: '签到码已过期', message: error.message, retry: 'scan' }
    case 'TOKEN_INVALID':
      return { kind: 'failed', title: '签到码无法识别', message: error.message, retry: 'scan' }
    case 'OUT_OF_RANGE':
      return { kind: 'failed', title: '不在签到范围内', message: error.message, retry: 'scan' }
    case 'NOT_OPEN':
      return { kind: 'failed', title: '现在不能签到', message: error.message, retry: 'scan' }
    case 'NOT_FOUND':
      return { kind: 'failed', title: '没有找到这节课', message: error.message, retry: 'scan' }
    case 'NOT_REGISTERED':
      return { kind: 'failed', title: '还没有完成注册', message: `${error.message}。注册并通过审核后再扫码签到。`, retry: 'register' }
    case 'ALREADY_DONE': {
      const first = error.data as { status?: AttendanceStatus; at?: string } | undefined
      return { kind: 'already', message: error.message, status: first?.status, at: first?.at }
    }
    default:
      return { kind: 'failed', title: '签到没有成功', message: error.message, retry: 'again' }
  }
}

const needsLocation = (error: ApiError) =>
  error.code === 'INVALID_INPUT' && (error.fields ?? []).some((f) => f.field === 'location')

const locationRemembered = () => {
  try {
    return Taro.getStorageSync(LOCATION_ALLOWED_KEY) === true
  } catch {
    return false
  }
}

function openedWithToken(): string | null {
  const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  return tokenFromParams(params)
}

export default function CheckInPage() {
  const [token, setToken] = useState<string | null>(openedWithToken)
  const [state, setState] = useState<CheckInState>({ kind: 'working', what: '正在签到…' })
  const busy = useRef(false)

  const submit = async (withToken: string, location?: CheckInLocation) => {
    setState({ kind: 'working', what: '正在签到…' })
    const result = await classroomService.checkIn(withToken, location)
    if (result.ok) {
      setState({ kind: 'done', status: result.data.status, at: result.data.at, title: result.data.title })
      return
    }
    if (needsLocation(result) && !location) {
      if (locationRemembered()) return locate(withToken)
      setState({ kind: 'needLocation' })
      return
    }
    setState(refusal(result))
  }

  const locate = async (withToken: string) => {
    setState({ kind: 'working', what: '正在获取你的位置…' })
    let location: CheckInLocation
    try {
      location = await currentLocation()
    } catch {
      Taro.removeStorageSync(LOCATION_ALLOWED_KEY)
      setState({
        kind: 'failed',
        title: '没有获取到你的位置',
        message: '这节课要在上课地点签到。请允许“先锋驿站”使用你的位置（或打开手机的定位），然后再试一次。',
        retry: 'location',
      })
      return
    }
    Taro.setStorageSync(LOCATION_ALLOWED_KEY, true)
    await submit(withToken, location)
  }

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return
    busy.current = true
    try {
      await work()
    } finally {
      busy.current = false
    }
  }

  useEffect(() => {
    if (!isSignedIn()) setState({ kind: 'signedOut' })
    else if (!token) setState({ kind: 'noToken' })
    else run(() => submit(token))
  }, [token])

  // Back from signing in: carry on with the code that was scanned, so nobody has to scan it again.
  useDidShow(() => {
    if (state.kind === 'signedOut' && isSignedIn() && token) run(() => submit(token))
  })

  const scanAgain = async () => {
    try {
      const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const next = tokenFromScan(scanned)
      if (!next) {
        setState({ kind: 'failed', title: '这不是签到码', message: '请对准大屏上的课堂签到码扫描。', retry: 'scan' })
        return
      }
      if (next === token) run(() => submit(next))
      else setToken(next)
    } catch {
      // The person closed the camera: the page stays as it was.
    }
  }

  const toClassroom = () => Taro.switchTab({ url: ROUTES.classroom })
  const canScan = process.env.TARO_ENV === 'weapp'

  /** The way forward after a refusal: scan the code on the screen again (or say how, on H5). */
  const rescan = canScan ? (
    <AtButton type='primary' onClick={scanAgain}>重新扫码</AtButton>
  ) : (
    <Text className='checkin__hint'>请用手机相机重新扫描大屏上的签到码。</Text>
  )

  return (
    <PageShell className='checkin'>
      {state.kind === 'working' ? (
        <Card className='checkin__card'>
          <Text className='checkin__title'>{state.what}</Text>
        </Card>
      ) : null}

      {state.kind === 'signedOut' ? (
        <Card className='checkin__card'>
          <Text className='checkin__title'>请先登录</Text>
          <Text className='checkin__text'>登录后，再扫描大屏上的签到码签到。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </Card>
      ) : null}

      {state.kind === 'noToken' ? (
        <Card className='checkin__card'>
          <Text className='checkin__title'>没有读到签到码</Text>
          <Text className='checkin__text'>请扫描课堂大屏上的签到码。</Text>
          {rescan}
        </Card>
      ) : null}

      {state.kind === 'needLocation' ? (
        <Card className='checkin__card'>
          <Text className='checkin__title'>需要确认你在上课地点</Text>
          <Text className='checkin__text'>{LOCATION_REASON}</Text>
          <AtButton type='primary' onClick={() => token && run(() => locate(token))}>允许获取位置并签到</AtButton>
        </Card>
      ) : null}

      {state.kind === 'done' ? (
        <Card className={`checkin__card checkin__card--${state.status}`}>
          <Text className='checkin__mark'>✓</Text>
          <Text className='checkin__title'>签到成功</Text>
          {state.status === 'late' ? <Text className='checkin__late'>迟到</Text> : null}
          <Text className='checkin__class'>{state.title}</Text>
          <Text className='checkin__text'>签到时间 {formatClock(state.at)}</Text>
          {state.status === 'late' ? <Text className='checkin__hint'>开课 10 分钟后签到记为迟到。</Text> : null}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </Card>
      ) : null}

      {state.kind === 'already' ? (
        <Card className='checkin__card checkin__card--already'>
          <Text className='checkin__mark'>✓</Text>
          <Text className='checkin__title'>已签到</Text>
          {state.at ? (
            <Text className='checkin__text'>
              你已于 {formatClock(state.at)} 签到{state.status && state.status !== 'on-time' ? `（${ATTENDANCE_STATUS_LABELS[state.status]}）` : ''}，不用再扫了。
            </Text>
          ) : (
            <Text className='checkin__text'>{state.message}</Text>
          )}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </Card>
      ) : null}

      {state.kind === 'failed' ? (
        <Card className='checkin__card checkin__card--failed'>
          <Text className='checkin__title'>{state.title}</Text>
          <Text className='checkin__text'>{state.message}</Text>
          {state.retry === 'scan' ? rescan : null}
          {state.retry === 'again' ? (
            <AtButton type='primary' onClick={() => token && run(() => submit(token))}>再试一次</AtButton>
          ) : null}
          {state.retry === 'location' ? (
            <AtButton type='primary' onClick={() => token && run(() => locate(token))}>重新获取位置并签到</AtButton>
          ) : null}
          {state.retry === 'register' ? (
            <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去注册</AtButton>
          ) : null}
          <AtButton onClick={toClassroom}>返回课堂</AtButton>
        </Card>
      ) : null}
    </PageShell>
  )
}

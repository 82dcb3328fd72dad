// 课堂签到: opened by the sign-in QR code (any phone camera on H5, WeChat's plain-link rule or the scan button in the
// mini-program). Signs in at once; asks for the person's location, with the reason, only when the class checks it
// (the back end says so); then says plainly what happened and what to do next.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'
import PageShell from '@/components/PageShell'
import ScanCard from '@/components/ScanCard'
import { useScanCheckIn, type ScanState, type SetScanState } from '@/hooks/useScanCheckIn'
import { ROUTES } from '@/routes'
import { ATTENDANCE_STATUS_LABELS, classroomService } from '@/services'
import type { ApiError, AttendanceStatus, CheckInLocation } from '@/services'
import { locate, locationAllowed } from '@/utils/location'
import { CLASS_CODE } from '@/utils/scanToken'
import { formatClock } from '@/utils/time'
import './index.scss'

export const LOCATION_REASON = '这节课要核对你是否在上课地点，需要获取你现在的位置。位置只用于本次签到。'

type ClassCheckIn =
  | { kind: 'needLocation' }
  | { kind: 'done'; status: 'on-time' | 'late'; at: string; title: string }
  | { kind: 'already'; message: string; status?: AttendanceStatus; at?: string }

type CheckInState = ScanState<ClassCheckIn>
type Set = SetScanState<ClassCheckIn>

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

async function signIn(token: string, set: Set, location?: CheckInLocation): Promise<void> {
  set({ kind: 'working', what: '正在签到…' })
  const result = await classroomService.checkIn(token, location)
  if (result.ok) return set({ kind: 'done', status: result.data.status, at: result.data.at, title: result.data.title })
  if (needsLocation(result) && !location) {
    if (locationAllowed('checkIn')) return locateAndSignIn(token, set)
    return set({ kind: 'needLocation' })
  }
  set(refusal(result))
}

async function locateAndSignIn(token: string, set: Set): Promise<void> {
  set({ kind: 'working', what: '正在获取你的位置…' })
  let location: CheckInLocation
  try {
    location = await locate('checkIn')
  } catch {
    return set({
      kind: 'failed',
      title: '没有获取到你的位置',
      message: '这节课要在上课地点签到。请允许“先锋驿站”使用你的位置（或打开手机的定位），然后再试一次。',
      retry: 'location',
    })
  }
  await signIn(token, set, location)
}

export default function CheckInPage() {
  const { state, run, scanAgain } = useScanCheckIn<ClassCheckIn>({
    code: CLASS_CODE,
    submit: (token, set) => signIn(token, set),
    notThisCode: { title: '这不是签到码', message: '请对准大屏上的课堂签到码扫描。' },
  })

  const toClassroom = () => Taro.switchTab({ url: ROUTES.classroom })

  /** The way forward after a refusal: scan the code on the screen again (or say how, on H5). */
  const rescan = process.env.TARO_ENV === 'weapp' ? (
    <AtButton type='primary' onClick={scanAgain}>重新扫码</AtButton>
  ) : (
    <Text className='ps-scan-card__hint checkin__hint'>请用手机相机重新扫描大屏上的签到码。</Text>
  )
  const text = 'ps-scan-card__text checkin__text'

  return (
    <PageShell className='checkin'>
      {state.kind === 'working' ? <ScanCard block='checkin' title={state.what} /> : null}

      {state.kind === 'signedOut' ? (
        <ScanCard block='checkin' title='请先登录'>
          <Text className={text}>登录后，再扫描大屏上的签到码签到。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'noToken' ? (
        <ScanCard block='checkin' title='没有读到签到码'>
          <Text className={text}>请扫描课堂大屏上的签到码。</Text>
          {rescan}
        </ScanCard>
      ) : null}

      {state.kind === 'needLocation' ? (
        <ScanCard block='checkin' title='需要确认你在上课地点'>
          <Text className={text}>{LOCATION_REASON}</Text>
          <AtButton type='primary' onClick={() => run(locateAndSignIn)}>允许获取位置并签到</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'done' ? (
        <ScanCard block='checkin' title='签到成功' tone={state.status === 'late' ? 'late' : 'done'} modifier={state.status}>
          {state.status === 'late' ? <Text className='checkin__late'>迟到</Text> : null}
          <Text className='ps-scan-card__subject checkin__class'>{state.title}</Text>
          <Text className={text}>签到时间 {formatClock(state.at)}</Text>
          {state.status === 'late' ? <Text className='ps-scan-card__hint checkin__hint'>开课 10 分钟后签到记为迟到。</Text> : null}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'already' ? (
        <ScanCard block='checkin' title='已签到' tone='already'>
          {state.at ? (
            <Text className={text}>
              你已于 {formatClock(state.at)} 签到{state.status && state.status !== 'on-time' ? `（${ATTENDANCE_STATUS_LABELS[state.status]}）` : ''}，不用再扫了。
            </Text>
          ) : (
            <Text className={text}>{state.message}</Text>
          )}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'failed' ? (
        <ScanCard block='checkin' title={state.title} tone='failed'>
          <Text className={text}>{state.message}</Text>
          {state.retry === 'scan' ? rescan : null}
          {state.retry === 'again' ? (
            <AtButton type='primary' onClick={() => run((token, set) => signIn(token, set))}>再试一次</AtButton>
          ) : null}
          {state.retry === 'location' ? (
            <AtButton type='primary' onClick={() => run(locateAndSignIn)}>重新获取位置并签到</AtButton>
          ) : null}
          {state.retry === 'register' ? (
            <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去注册</AtButton>
          ) : null}
          <AtButton onClick={toClassroom}>返回课堂</AtButton>
        </ScanCard>
      ) : null}
    </PageShell>
  )
}

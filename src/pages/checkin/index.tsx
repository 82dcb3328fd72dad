// 课堂签到: opened by the sign-in QR code (any phone camera on H5, WeChat's plain-link rule or the scan button in the
// mini-program). Reads the code at once (it lives 15–30 s) and names the class; the back end hands back a receipt
// that completes the sign-in within RECEIPT_MINUTES, as of the moment of the scan, so reading why the location is
// needed and answering the phone's prompt never makes the code expire. Asks for the location, with the reason, only
// when the class checks it; then says plainly what happened and what to do next.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef } from 'react'
import { AtButton } from 'taro-ui'
import PageShell from '@/components/PageShell'
import ScanCard from '@/components/ScanCard'
import { useScanCheckIn, type ScanState, type SetScanState } from '@/hooks/useScanCheckIn'
import { ROUTES } from '@/routes'
import { ATTENDANCE_STATUS_LABELS, classroomService, RECEIPT_MINUTES } from '@/services'
import type { ApiError, AttendanceStatus, CheckInLocation, ClassScan } from '@/services'
import { locate, locationAllowed } from '@/utils/location'
import { CLASS_CODE } from '@/utils/scanToken'
import { formatClock, formatDayTime } from '@/utils/time'
import './index.scss'

export const LOCATION_REASON = '这节课要核对您是否在上课地点，需要获取您现在的位置。位置只用于本次签到。'
export const GUEST_NOTE = '您不是主办党组织的党员，将以列席身份签到：记入您的学习记录，不计入这节课的实到人数和出勤率。'

type ClassCheckIn =
  | { kind: 'needLocation'; scanned: ClassScan }
  | { kind: 'done'; status: 'on-time' | 'late'; at: string; title: string; guest: boolean }
  | { kind: 'already'; message: string; status?: AttendanceStatus; at?: string }

type CheckInState = ScanState<ClassCheckIn>
type Set = SetScanState<ClassCheckIn>

/** What each refusal is called on the page, and what the person can do about it; `subject`: the class, once named. */
function refusal(error: ApiError, subject?: string): CheckInState {
  const failed = (title: string, retry: string, message = error.message): CheckInState =>
    ({ kind: 'failed', title, message, retry, ...(subject ? { subject } : {}) })
  switch (error.code) {
    case 'TOKEN_EXPIRED':
      return failed(subject ? `扫码已超过 ${RECEIPT_MINUTES} 分钟` : '签到码已过期', 'scan')
    case 'TOKEN_INVALID':
      return failed(subject ? '签到凭证无效' : '签到码无法识别', 'scan')
    case 'OUT_OF_RANGE':
      return failed('不在签到范围内', 'scan')
    case 'NOT_OPEN':
      return failed('现在不能签到', 'scan')
    case 'NOT_FOUND':
      return failed('没有找到这节课', 'scan')
    case 'NOT_REGISTERED':
      return failed('还没有完成注册', 'register', `${error.message}。注册并通过审核后再扫码签到。`)
    case 'ALREADY_DONE': {
      const first = error.data as { status?: AttendanceStatus; at?: string } | undefined
      return { kind: 'already', message: error.message, status: first?.status, at: first?.at }
    }
    default:
      return failed('签到没有成功', 'again')
  }
}

/** Reads the code at once: names the class, then completes the sign-in now or after the location step. */
async function scanAndSignIn(token: string, set: Set, held: { current: ClassScan | null }): Promise<void> {
  set({ kind: 'working', what: '正在读取签到码…' })
  const result = await classroomService.scan(token)
  if (!result.ok) return set(refusal(result))
  held.current = result.data
  if (!result.data.needsLocation) return signIn(result.data, set)
  if (locationAllowed('checkIn')) return locateAndSignIn(result.data, set)
  set({ kind: 'needLocation', scanned: result.data })
}

async function signIn(scanned: ClassScan, set: Set, location?: CheckInLocation): Promise<void> {
  set({ kind: 'working', what: '正在签到…', subject: scanned.title })
  const result = await classroomService.checkIn(scanned.receipt, location)
  if (result.ok) return set({ kind: 'done', status: result.data.status, at: result.data.at, title: result.data.title, guest: result.data.guest })
  set(refusal(result, scanned.title))
}

async function locateAndSignIn(scanned: ClassScan, set: Set): Promise<void> {
  set({ kind: 'working', what: '正在获取您的位置…', subject: scanned.title })
  let location: CheckInLocation
  try {
    location = await locate('checkIn')
  } catch {
    return set({
      kind: 'failed',
      title: '没有获取到您的位置',
      message: `这节课要在上课地点签到。请允许“先锋驿站”使用您的位置（或打开手机的定位），然后在扫码后 ${RECEIPT_MINUTES} 分钟内再试一次。`,
      retry: 'location',
      subject: scanned.title,
    })
  }
  await signIn(scanned, set, location)
}

/** The class a scan named: what the person is signing in to, before they sign in. */
function ClassNamed({ scanned }: { scanned: ClassScan }) {
  return (
    <>
      <Text className='ps-scan-card__subject checkin__class'>{scanned.title}</Text>
      <Text className='ps-scan-card__text checkin__text'>
        {scanned.orgName} · {formatDayTime(scanned.start)} · {scanned.placeName}
      </Text>
      {scanned.guest ? <Text className='ps-scan-card__hint checkin__hint checkin__guest'>{GUEST_NOTE}</Text> : null}
    </>
  )
}

export default function CheckInPage() {
  // The scan last read: its receipt finishes the sign-in when the location step or the network needs another try.
  const held = useRef<ClassScan | null>(null)
  const { state, run, scanAgain } = useScanCheckIn<ClassCheckIn>({
    code: CLASS_CODE,
    submit: (token, set) => scanAndSignIn(token, set, held),
    notThisCode: { title: '这不是签到码', message: '请对准大屏上的课堂签到码扫描。' },
  })
  /** Another try with the receipt in hand (or the code again, when there is none). */
  const retry = (step: (scanned: ClassScan, set: Set) => Promise<void>) =>
    run((token, set) => (held.current ? step(held.current, set) : scanAndSignIn(token, set, held)))

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
      {state.kind === 'working' ? (
        <ScanCard block='checkin' title={state.what}>
          {state.subject ? <Text className='ps-scan-card__subject checkin__class'>{state.subject}</Text> : null}
        </ScanCard>
      ) : null}

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
        <ScanCard block='checkin' title='需要确认您在上课地点'>
          <ClassNamed scanned={state.scanned} />
          <Text className={text}>{LOCATION_REASON}</Text>
          <Text className='ps-scan-card__hint checkin__hint'>已记下您的扫码时间，{RECEIPT_MINUTES} 分钟内完成即可，不用着急。</Text>
          <AtButton type='primary' onClick={() => retry(locateAndSignIn)}>允许获取位置并签到</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'done' ? (
        <ScanCard block='checkin' title='签到成功' tone={state.status === 'late' ? 'late' : 'done'} modifier={state.status}>
          {state.status === 'late' ? <Text className='checkin__late'>迟到</Text> : null}
          <Text className='ps-scan-card__subject checkin__class'>{state.title}</Text>
          <Text className={text}>签到时间 {formatClock(state.at)}</Text>
          {state.guest ? <Text className='ps-scan-card__hint checkin__hint checkin__guest'>列席：不计入这节课的实到人数和出勤率。</Text> : null}
          {state.status === 'late' ? <Text className='ps-scan-card__hint checkin__hint'>开课 10 分钟后签到记为迟到。</Text> : null}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'already' ? (
        <ScanCard block='checkin' title='已签到' tone='already'>
          {state.at ? (
            <Text className={text}>
              您已于 {formatClock(state.at)} 签到{state.status && state.status !== 'on-time' ? `（${ATTENDANCE_STATUS_LABELS[state.status]}）` : ''}，不用再扫了。
            </Text>
          ) : (
            <Text className={text}>{state.message}</Text>
          )}
          <AtButton type='secondary' onClick={toClassroom}>查看我的课堂</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'failed' ? (
        <ScanCard block='checkin' title={state.title} tone='failed'>
          {state.subject ? <Text className='ps-scan-card__subject checkin__class'>{state.subject}</Text> : null}
          <Text className={text}>{state.message}</Text>
          {state.retry === 'scan' ? rescan : null}
          {state.retry === 'again' ? (
            <AtButton type='primary' onClick={() => retry((scanned, set) => signIn(scanned, set))}>再试一次</AtButton>
          ) : null}
          {state.retry === 'location' ? (
            <AtButton type='primary' onClick={() => retry(locateAndSignIn)}>重新获取位置并签到</AtButton>
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

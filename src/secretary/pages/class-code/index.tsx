// 签到码: the full-screen sign-in code the secretary shows on a projector (H5) or holds up on a phone. The code
// changes every 15 s (a photo sent to an absent friend is stale before it arrives); the page asks the back end
// every few seconds, so the count of who has signed in stays live and each new code is up soon after its slot
// begins. The QR code is drawn on the device; nothing but the URL travels. The secretary running the class is one of
// its members too: while they have not signed in, one tap here records them (a hand mark with its reason, audited like
// any other), so the list does not show them 未签到 at their own class.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import { ATTENDANCE_STATUS_LABELS, classroomService, CLASS_STATE_LABELS, userService } from '@/services'
import type { ApiError, ClassCode } from '@/services'
import { formatClock } from '@/utils/time'
import QrCode from '@/components/QrCode'
import './index.scss'

/** How often the page asks for the code and the count. The code itself changes every 15 s. */
export const CODE_POLL_MS = 5000

/** The reason written with the host's own sign-in (the attendance list and its history show it). */
export const HOST_SIGN_IN_REASON = '主持本课，在签到码页面签到'

const classIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''

export default function ClassCodePage() {
  const [classId] = useState(classIdOf)
  const [code, setCode] = useState<ClassCode | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const stopped = useRef(false)
  const [hostSigning, setHostSigning] = useState(false)
  const [hostProblem, setHostProblem] = useState<string | null>(null)

  useEffect(() => {
    stopped.current = false
    const poll = async () => {
      const result = await classroomService.code(classId)
      if (stopped.current) return
      if (result.ok) {
        setCode(result.data)
        setError(null)
      } else {
        setError(result)
      }
      // A cancelled class or a wrong one will not come right by asking again; a network blip will.
      const hopeless = !result.ok && ['NOT_OPEN', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_INPUT'].includes(result.code)
      const over = result.ok && result.data.state === 'ended'
      if (!hopeless && !over) timer.current = setTimeout(poll, CODE_POLL_MS)
    }
    poll()
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => {})
    return () => {
      stopped.current = true
      if (timer.current) clearTimeout(timer.current)
    }
  }, [classId])

  const fullScreen = () => {
    const root = document.documentElement as HTMLElement & { requestFullscreen?: () => Promise<void> }
    root.requestFullscreen?.().catch(() => {})
  }

  const signInHost = async () => {
    if (!code || hostSigning) return
    setHostSigning(true)
    setHostProblem(null)
    const me = await userService.me()
    const result = me.ok
      ? await classroomService.mark({ classId, userId: me.data.openid, status: 'present', reason: HOST_SIGN_IN_REASON })
      : me
    setHostSigning(false)
    if (!result.ok) return setHostProblem(result.message)
    setCode((shown) => (shown ? { ...shown, host: result.data.status, signedIn: shown.signedIn + 1 } : shown))
  }

  // In place of this page, so the code stops being asked for while the secretary looks at the list.
  const attendance = () => Taro.redirectTo({ url: `${ROUTES.classAttendance}?id=${classId}` })

  if (!code) {
    return (
      <PageShell className='class-code'>
        {error ? <Text className='class-code__problem'>{error.message}</Text> : <Text className='class-code__note'>正在生成签到码…</Text>}
      </PageShell>
    )
  }

  const ended = code.state === 'ended'
  return (
    <PageShell className='class-code'>
      <View className='class-code__layout'>
        <View className='class-code__left'>
          {ended ? (
            <View className='class-code__closed'>
              <Text>课程已结束</Text>
              <Text>签到已关闭</Text>
            </View>
          ) : (
            <QrCode url={code.url} />
          )}
          {!ended ? <Text className='class-code__note'>请用微信或手机相机扫码签到 · 二维码每 15 秒更新</Text> : null}
        </View>
        <View className='class-code__right'>
          <Text className='class-code__title'>{code.title}</Text>
          <Text className={`class-code__state class-code__state--${code.state}`}>
            {CLASS_STATE_LABELS[code.state]}
            {code.state === 'upcoming' ? `：${formatClock(code.opensAt)} 开始签到` : ''}
            {code.state === 'open' ? ` · ${formatClock(code.end)} 结束` : ''}
          </Text>
          <View className='class-code__count'>
            <Text className='class-code__count-label'>已签到</Text>
            <Text className='class-code__signed'>{code.signedIn}</Text>
            <Text className='class-code__expected'>/ 应到 {code.expected}</Text>
            {code.guests > 0 ? <Text className='class-code__expected'>· 列席 {code.guests}</Text> : null}
          </View>
          {code.latest.length > 0 ? (
            <View className='class-code__latest'>
              <Text className='class-code__latest-title'>最新签到</Text>
              {code.latest.map((s, i) => (
                <Text key={`${s.name}-${s.at}-${i}`} className='class-code__latest-name'>
                  {s.name} {formatClock(s.at)}{s.status === 'on-time' ? '' : ` ${ATTENDANCE_STATUS_LABELS[s.status]}`}
                </Text>
              ))}
            </View>
          ) : null}
          {code.state === 'open' && code.host === 'none' ? (
            <View className='class-code__host'>
              <Text className='class-code__host-text'>您本人还没有签到</Text>
              <AtButton size='small' type='secondary' loading={hostSigning} disabled={hostSigning} onClick={signInHost}>
                我在现场，签到
              </AtButton>
            </View>
          ) : null}
          {hostProblem ? <Text className='class-code__problem'>{hostProblem}</Text> : null}
          {error ? <Text className='class-code__problem'>{error.message}（正在重试）</Text> : null}
          <View className='class-code__actions'>
            {process.env.TARO_ENV === 'h5' ? <AtButton size='small' onClick={fullScreen}>全屏显示</AtButton> : null}
            <AtButton size='small' onClick={attendance}>查看出勤</AtButton>
          </View>
        </View>
      </View>
    </PageShell>
  )
}

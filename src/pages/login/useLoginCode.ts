// The login page's code (扫码登录): asks for a login code, polls it about once a second, shows a fresh one every
// LOGIN_CODE_RENEW_SECONDS while nobody has scanned it, and hands over the session once the phone confirms. Polling
// runs only while the page is shown: hiding or leaving the page stops it, and an answer arriving after that is
// dropped, so no timer outlives the page.
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { LOGIN_CODE_RENEW_SECONDS, LOGIN_CODE_STATE_LABELS, userService } from '@/services'
import type { LoginCodeState, UserOutput } from '@/services'

export const LOGIN_POLL_MS = 1000

type Code = UserOutput['loginCode']

export type LoginCodeView =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'code'; code: Code; state: LoginCodeState; message: string }

/** Where the page is: its code and what it last heard; `onSignedIn` runs once the session is kept. */
export function useLoginCode(onSignedIn: () => void) {
  const [view, setView] = useState<LoginCodeView>({ kind: 'loading' })
  /** Bumped by every stop: a run whose number is no longer current drops what it hears. */
  const run = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const stop = () => {
    run.current++
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  /** Shows a fresh code and polls it; `replaced`: the code it replaces, followed too while it is still valid. */
  const start = async (replaced: Code | null = null) => {
    stop()
    const mine = run.current
    const live = () => mine === run.current
    const fresh = await userService.loginCode()
    if (!live()) return
    if (!fresh.ok) return setView({ kind: 'failed', message: fresh.message })
    let current = fresh.data
    // A phone that scanned the old code just as it was replaced still signs this browser in.
    let previous = replaced
    const shownAt = Date.now()
    const show = (state: LoginCodeState) => setView({ kind: 'code', code: current, state, message: LOGIN_CODE_STATE_LABELS[state] })
    show('waiting')
    const signedIn = () => {
      stop()
      show('confirmed')
      onSignedIn()
    }

    const tick = async () => {
      if (previous && Date.now() >= new Date(previous.expiresAt).getTime()) previous = null
      if (previous) {
        const before = await userService.loginCodeStatus(previous.code, previous.key)
        if (!live()) return
        if (before.ok && before.data.state !== 'waiting' && before.data.state !== 'expired') {
          current = previous
          previous = null
          if (before.data.session) return signedIn()
        }
      }
      const answer = await userService.loginCodeStatus(current.code, current.key)
      if (!live()) return
      if (!answer.ok) {
        // A network blip: ask again; a code the server does not accept: offer a fresh one.
        if (answer.code === 'TOKEN_INVALID') return setView({ kind: 'failed', message: answer.message })
      } else if (answer.data.session) {
        return signedIn()
      } else {
        show(answer.data.state)
        if (answer.data.state === 'waiting' && Date.now() - shownAt >= LOGIN_CODE_RENEW_SECONDS * 1000) return start(current)
        if (answer.data.state !== 'waiting' && answer.data.state !== 'scanned') return stop()
      }
      timer.current = setTimeout(tick, LOGIN_POLL_MS)
    }
    timer.current = setTimeout(tick, LOGIN_POLL_MS)
  }

  useDidShow(() => {
    start()
  })
  useDidHide(stop)
  useEffect(() => stop, [])

  return { view, refresh: () => start() }
}

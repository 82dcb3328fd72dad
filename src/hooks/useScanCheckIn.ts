// What the two scan pages (class sign-in, site check-in) share: the token the page was opened with (t, q or scene),
// checking in at once when signed in, carrying on after signing in, one check-in at a time, and scanning again.
// The page says what a check-in is (`submit`, with its location step if any) and how each outcome reads. A step may
// name what is being checked in to (`subject`) as soon as it knows: the class sign-in reads the code first and gets
// back the class and a receipt that finishes the sign-in later, so a slow location step never loses the scan.
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { isSignedIn } from '@/services'
import { readQrCode, tokenFromParams, tokenFromScan, type ScanCode } from '@/utils/scanToken'

/** The states every scan page has; a page adds its own (done, already, a location question). */
export type ScanState<Own> =
  | { kind: 'signedOut' }
  | { kind: 'noToken' }
  | { kind: 'working'; what: string; subject?: string }
  | { kind: 'failed'; title: string; message: string; retry: string; subject?: string }
  | Own

export type SetScanState<Own> = (state: ScanState<Own>) => void

/** One step of a check-in with the token: it sets the states it goes through. */
export type ScanStep<Own> = (token: string, set: SetScanState<Own>) => Promise<void>

interface ScanCheckInOptions<Own> {
  code: ScanCode
  /** The check-in itself. */
  submit: ScanStep<Own>
  /** What the page says when a second scan reads something that is not its code. */
  notThisCode: { title: string; message: string }
}

function openedWith(code: ScanCode): string | null {
  const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  return tokenFromParams(code, params)
}

export function useScanCheckIn<Own>({ code, submit, notThisCode }: ScanCheckInOptions<Own>) {
  const [token, setToken] = useState<string | null>(() => openedWith(code))
  const [state, setState] = useState<ScanState<Own>>({ kind: 'working', what: '正在签到…' })
  const busy = useRef(false)

  /** Runs a step with the current token, unless one is already running (a double tap sends once). */
  const run = async (step: ScanStep<Own>, withToken: string | null = token) => {
    if (!withToken || busy.current) return
    busy.current = true
    try {
      await step(withToken, setState)
    } finally {
      busy.current = false
    }
  }

  useEffect(() => {
    if (!isSignedIn()) setState({ kind: 'signedOut' })
    else if (!token) setState({ kind: 'noToken' })
    else run(submit)
  }, [token])

  // Back from signing in: carry on with the code that was scanned, so nobody has to scan it again.
  useDidShow(() => {
    if ((state as { kind: string }).kind === 'signedOut' && isSignedIn() && token) run(submit)
  })

  const scanAgain = async () => {
    const scanned = await readQrCode()
    if (!scanned) return // the person closed the camera: the page stays as it was
    const next = tokenFromScan(code, scanned)
    if (!next) return setState({ kind: 'failed', ...notThisCode, retry: 'scan' })
    if (next === token) run(submit, next)
    else setToken(next)
  }

  return { token, state, run, scanAgain }
}

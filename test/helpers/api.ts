// Calls the product the way the H5 app does (a session from the user function's demo sign-in, then POST
// /api/<function>), a function the way the mini-program does (WeChat vouching for the openid), and the emulator's
// test hooks: its metrics, its clock, its crash switch and its timer triggers.
import type { RunningEmulator } from './emulator'

export interface ApiAnswer<T = any> {
  ok: boolean
  data?: T
  code?: string
  message?: string
  fields?: Array<{ field: string; message: string }>
}

/** A session token for `openid`, from the user function's demo sign-in (the emulator runs with DEMO_LOGIN=1). */
export async function login(emu: RunningEmulator, openid: string): Promise<string> {
  const r = await callApi(emu, null, 'user', { action: 'signIn', openid })
  if (!r.ok) throw new Error(`signing in ${openid}: ${JSON.stringify(r)}`)
  return r.data.token
}

/** A signed-in person: `call('user', 'me')`. */
export interface Caller {
  openid: string
  call<T = any>(fn: string, action: string, input?: Record<string, unknown>): Promise<ApiAnswer<T>>
  /** Signs in again, as the person does after their sessions were ended (approved, role changed ...). */
  signInAgain(): Promise<void>
  /** When the caller's session expires (ms on the functions' clock); Infinity without one. */
  expiresAt(): number
}

const expiryOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).e as number

export async function as(emu: RunningEmulator, openid: string): Promise<Caller> {
  let token = await login(emu, openid)
  let signedOut = false
  const caller: Caller = {
    openid,
    call: async (fn, action, input = {}) => {
      // After signing out, the person signs in again before their next use of the app.
      if (signedOut) await caller.signInAgain()
      let r = await callApi(emu, token, fn, { action, ...input })
      // Tests move the functions' clock years ahead: a session made before then has expired, and the person, told
      // so, signs in again as the app sends them to. Only expiry: a session ended otherwise stays refused.
      if (r.code === 'UNAUTHENTICATED' && r.message?.includes('登录已过期')) {
        await caller.signInAgain()
        r = await callApi(emu, token, fn, { action, ...input })
      }
      if (fn === 'user' && action === 'signOut' && r.ok) signedOut = true
      return r
    },
    signInAgain: async () => {
      token = await login(emu, openid)
      signedOut = false
    },
    expiresAt: () => expiryOf(token),
  }
  return caller
}

/** A mini-program user: the function gets WeChat's openid, as through wx.cloud.callFunction. */
export function asWeChat(emu: RunningEmulator, openid: string): Caller {
  const caller: Caller = {
    openid,
    call: async (fn, action, input = {}) => {
      const res = await fetch(`${emu.url}/__emulator/client/${fn}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, data: { action, ...input } }),
      })
      return res.json()
    },
    signInAgain: async () => {},
    expiresAt: () => Infinity,
  }
  return caller
}

export async function callApi(emu: RunningEmulator, token: string | null, fn: string, event: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${emu.url}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify(event) })
  return res.json()
}

export interface Metrics {
  total: number
  byAction: Record<string, number>
  byFunction: Record<string, number>
  /** Documents written (committed) by collection. */
  writesByCollection: Record<string, number>
}

export async function metrics(emu: RunningEmulator): Promise<Metrics> {
  return (await fetch(`${emu.url}/__emulator/metrics`)).json()
}

export async function resetMetrics(emu: RunningEmulator) {
  await fetch(`${emu.url}/__emulator/metrics/reset`, { method: 'POST' })
}

/** Database operations one action costs, read from the emulator's metrics. */
export async function costOf<T>(emu: RunningEmulator, run: () => Promise<T>): Promise<{ result: T; ops: number }> {
  await resetMetrics(emu)
  const result = await run()
  const { total } = await metrics(emu)
  return { result, ops: total }
}

/** Database writes in the metrics since the last reset. */
export async function writesSinceReset(emu: RunningEmulator): Promise<number> {
  const { byAction } = await metrics(emu)
  return Object.entries(byAction)
    .filter(([a]) => /insert|modify|remove|update|delete|Transaction/i.test(a))
    .reduce((n, [, c]) => n + c, 0)
}

/** Moves the emulator's clock (functions, serverDate, tokens) so that it reads `at` now; null: the real time. */
export async function setClock(emu: RunningEmulator, at: Date | string | null): Promise<void> {
  const res = await fetch(`${emu.url}/__emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(at === null ? { offsetMs: 0 } : { now: new Date(at).toISOString() }),
  })
  if (!res.ok) throw new Error(`setting the clock: HTTP ${res.status}`)
}

/**
 * Arms the emulator's crash switch: the next invocation of `fn` runs its first `afterOps` database operations, then
 * its worker is killed (the caller is answered INTERNAL).
 */
export async function crashAfter(emu: RunningEmulator, fn: string, afterOps: number): Promise<void> {
  const res = await fetch(`${emu.url}/__emulator/crash`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: fn, afterOps }),
  })
  if (!res.ok) throw new Error(`arming the crash: HTTP ${res.status}`)
}

/**
 * Fires a function's timer trigger (config.json) now, as the platform does: source `wx_trigger`, no caller. Answers
 * what the function answered. The only way a test runs a timer job: a timer-shaped event from anywhere else is refused.
 */
export async function fireTimer(emu: RunningEmulator, fn: string, trigger: string): Promise<ApiAnswer> {
  const res = await fetch(`${emu.url}/__emulator/timers/${fn}/${trigger}`, { method: 'POST' })
  const outcome = await res.json()
  if (!res.ok || !outcome.ok) throw new Error(`timer ${fn}.${trigger}: HTTP ${res.status} ${JSON.stringify(outcome)}`)
  return outcome.result
}

/** What the emulator's clock reads now. */
export async function emulatorNow(emu: RunningEmulator): Promise<Date> {
  return new Date((await (await fetch(`${emu.url}/__emulator/clock`)).json()).now)
}

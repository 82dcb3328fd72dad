// A timer job (the figures' recount) runs only when the platform's timer trigger starts it: a timer-shaped event
// sent by a person, over HTTP access or through callFunction, is refused and writes nothing.
import { fromTimerTrigger } from '../../cloudfunctions/common/router'
import { ApiAnswer, callApi, fireTimer, login, resetMetrics, writesSinceReset } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { sdkApp } from '../helpers/emulator'

const bed = useBed()
// Signed in before the metrics are reset: signing in writes its session.
let adminToken = ''
beforeAll(async () => { adminToken = await login(bed.emu, 'demo-admin') })

/** Each function with figures and its config.json timer trigger. */
const TIMERS = [['story', 'recountFigures'], ['classroom', 'settleAndRecount'], ['site', 'recount'], ['library', 'remindAndRecount'], ['studio', 'recount'], ['workbench', 'recount']] as const

const timerEvent = (trigger: string) => ({ Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString(), Message: '' })

/** The ways a person can hand a function an event of their choosing. */
const SPOOFS: Array<[string, (fn: string, event: object) => Promise<ApiAnswer>]> = [
  ['a member in the mini-program (callFunction, WeChat vouching for them)', async (fn, event) =>
    (await fetch(`${bed.emu.url}/__emulator/client/${fn}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-member', data: event }),
    })).json()],
  ['the district office, signed in on H5', (fn, event) => callApi(bed.emu, adminToken, fn, event)],
  ['HTTP access with no token', (fn, event) => callApi(bed.emu, null, fn, event)],
  ['the server SDK (callFunction with no caller)', async (fn, event) => (await sdkApp(bed.emu).callFunction({ name: fn, data: event })).result],
]

describe.each(TIMERS)('%s timer %s', (fn, trigger) => {
  test.each(SPOOFS)('sent by %s: refused, nothing written', async (_who, send) => {
    await resetMetrics(bed.emu)
    const answer = await send(fn, timerEvent(trigger))
    expect(answer).toEqual({ ok: false, code: 'INVALID_INPUT', message: '定时任务只能由云开发平台按计划触发' })
    expect(await writesSinceReset(bed.emu)).toBe(0)
  })
})

test('a recount the figures need happens only when the platform fires the timer', async () => {
  const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)
  const stray = `org-branch-a9_${month}`
  // Figures no story supports, as a function stopped between two writes might leave them.
  await bed.db().collection('storyStats').doc(stray).set({
    orgId: 'org-branch-a9', orgPath: ['org-district', 'org-branch-a9'], month, submitted: 5, approved: 0, featured: 0, aboutRetired: 0,
  })
  for (const [, send] of SPOOFS) expect((await send('story', timerEvent('recountFigures'))).ok).toBe(false)
  expect((await bed.stored('storyStats', stray)).submitted).toBe(5)

  const run = await fireTimer(bed.emu, 'story', 'recountFigures')
  expect(run).toMatchObject({ ok: true, data: { repaired: expect.any(Number) } })
  expect(run.data.repaired).toBeGreaterThanOrEqual(1)
  expect((await bed.stored('storyStats', stray)).submitted).toBe(0)
})

describe('fromTimerTrigger reads what the platform sets, never the event', () => {
  const saved = { ...process.env }
  afterEach(() => { process.env = { ...saved } })
  const run = (source: string, openid: string) => {
    Object.assign(process.env, { TCB_SOURCE: source, WX_OPENID: openid, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID' })
    return fromTimerTrigger()
  }

  test.each([
    ['wx_trigger', '', true],
    // A function the timer run called: the chain began at the trigger.
    ['wx_trigger,scf', '', true],
    // The trigger's source with a caller: a person is there, so it is not the platform's run.
    ['wx_trigger', 'oPerson', false],
    ['wx_client', 'oPerson', false],
    ['wx_client,scf', '', false],
    ['http', '', false],
    ['', '', false],
  ])('source %j, caller %j: %s', (source, openid, expected) => {
    expect(run(source, openid)).toBe(expected)
  })
})

// The functions service: `functions.invokeFunction` for SDK callers, and `invoke` for the HTTP access routes.
import path from 'path'
import { AdminError } from '../errors'
import { parseJson } from '../http'
import type { FunctionsService, HubContext } from '../context'
import { CrashSwitch } from './crash'
import { FunctionPool } from './pool'
import { startTimers, timerEvent, timerTriggers, TimerTrigger } from './timers'

export function createFunctionsService(ctx: Omit<HubContext, 'functions'>): FunctionsService {
  const pool = new FunctionPool({
    functionsDir: ctx.config.functionsDir,
    workerFile: path.join(__dirname, 'worker.js'),
    appId: ctx.config.appId,
    maxWorkers: ctx.config.workersPerFunction,
    clockOffsetMs: ctx.clockOffsetMs,
    baseEnv: (name) => ({
      // The SDK reaches this emulator with no code change; the secret id names the function for the metrics.
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${ctx.url()}/admin` }),
      TENCENTCLOUD_SECRETID: `fn.${name}`,
      TENCENTCLOUD_SECRETKEY: 'local',
      TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE',
      TCB_ENV: ctx.config.envId,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      SCF_FUNCTIONNAME: name,
      SILENCE: 'true',
      // Functions run inside the cloud: tells the SDK so, instead of probing Tencent Cloud's metadata host.
      TENCENTCLOUD: 'true',
      ...ctx.config.functionEnv(ctx.url()),
    }),
  })

  const crashes = new CrashSwitch((name) => pool.killBusy(name))
  const triggers = () => timerTriggers(ctx.config.functionsDir, pool.names())
  // As CloudBase runs a trigger: the timer's event at the emulator's time, source `wx_trigger`, and no caller.
  const fire = (t: TimerTrigger) =>
    pool.invoke(t.functionName, timerEvent(t, new Date(Date.now() + ctx.clockOffsetMs())), { source: 'wx_trigger' })
  const stopTimers = ctx.config.timers ? startTimers(triggers(), fire) : () => {}

  return {
    prefixes: ['functions.'],
    invoke: (name, event, identity) => pool.invoke(name, event, identity),
    armCrash: (name, afterOps) => crashes.arm(name, afterOps),
    stopsOperation: (functionName) => crashes.stops(functionName),
    fireTimer(functionName, triggerName) {
      const t = triggers().find((x) => x.functionName === functionName && x.name === triggerName)
      return t ? fire(t) : null
    },
    async handle({ action, body }) {
      if (action !== 'functions.invokeFunction') throw new AdminError('INVALID_ACTION', `unsupported action ${action}`)
      const name = String(body.function_name ?? '')
      let event: unknown = {}
      try {
        event = body.request_data ? parseJson(String(body.request_data)) : {}
      } catch (err) {
        throw new AdminError('INVALID_PARAM', `request_data: ${(err as Error).message}`)
      }
      const outcome = await pool.invoke(name, event, {})
      if (outcome.ok) return { data: { response_data: JSON.stringify(outcome.result) } }
      if (outcome.reason === 'not-found') throw new AdminError('FUNCTIONS_NOT_EXIST', outcome.message)
      if (outcome.reason === 'unsendable') throw new AdminError('INVALID_PARAM', outcome.message)
      throw new AdminError(outcome.reason === 'timeout' ? 'FUNCTIONS_TIME_LIMIT_EXCEEDED' : 'FUNCTIONS_EXECUTE_FAIL', outcome.message)
    },
    close: () => {
      stopTimers()
      return pool.close()
    },
  }
}

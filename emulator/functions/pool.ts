// Runs the built cloud functions in worker threads: one invocation at a time per worker (as one CloudBase
// instance), up to `maxWorkers` instances per function. A function past its timeout is ended, its worker replaced.
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { Worker } from 'worker_threads'

/**
 * Who or what started an invocation, as CloudBase tells the function: the caller's openid (a mini-program user) and
 * the call's source (`TCB_SOURCE`): `wx_client` with an openid, `wx_trigger` for a timer trigger, else `http`.
 */
export interface Identity { openid?: string; source?: 'wx_trigger' }
export type InvocationResult =
  | { ok: true; result: unknown }
  | { ok: false; reason: 'not-found' | 'error' | 'timeout'; message: string }
  /** The event cannot be handed to an instance (structured clone refused it): the function never ran. */
  | { ok: false; reason: 'unsendable'; message: string }

interface Instance { worker: Worker; busy: boolean; exited: boolean; ready: Promise<void> }
interface Pending { event: unknown; identity: Identity; resolve: (r: InvocationResult) => void }

export interface PoolOptions {
  functionsDir: string
  workerFile: string
  /** Environment every instance starts with: the SDK's endpoint and credentials. `{name}` is the function name. */
  baseEnv: (functionName: string) => Record<string, string>
  appId: string
  maxWorkers: number
  /** The emulator's test clock: milliseconds functions add to Date.now() (PIONEER_CLOCK_OFFSET_MS in their environment). */
  clockOffsetMs: () => number
}

export class FunctionPool {
  private instances = new Map<string, Instance[]>()
  private queues = new Map<string, Pending[]>()
  private nextJobId = 1

  constructor(private readonly opts: PoolOptions) {}

  names(): string[] {
    if (!fs.existsSync(this.opts.functionsDir)) return []
    return fs.readdirSync(this.opts.functionsDir).filter((n) => fs.existsSync(this.entry(n)))
  }

  has(name: string) {
    return /^[A-Za-z0-9_-]+$/.test(name) && fs.existsSync(this.entry(name))
  }

  invoke(name: string, event: unknown, identity: Identity): Promise<InvocationResult> {
    if (!this.has(name)) return Promise.resolve({ ok: false, reason: 'not-found', message: `函数 ${name} 不存在` })
    return new Promise((resolve) => {
      const queue = this.queues.get(name) ?? []
      this.queues.set(name, queue)
      queue.push({ event, identity, resolve })
      this.dispatch(name)
    })
  }

  /** Ends the instances of `name` that are running an invocation (its caller is answered as when it crashes). */
  async killBusy(name: string) {
    const busy = (this.instances.get(name) ?? []).filter((i) => i.busy)
    for (const i of busy) this.retire(name, i)
    await Promise.all(busy.map((i) => i.worker.terminate()))
  }

  async close() {
    const all = [...this.instances.values()].flat()
    this.instances.clear()
    await Promise.all(all.map((i) => i.worker.terminate()))
  }

  private entry(name: string) {
    return path.join(this.opts.functionsDir, name, 'index.js')
  }

  private timeoutMs(name: string): number {
    try {
      const cfg = JSON.parse(fs.readFileSync(path.join(this.opts.functionsDir, name, 'config.json'), 'utf8'))
      if (typeof cfg.timeout === 'number' && cfg.timeout > 0) return cfg.timeout * 1000
    } catch { /* no config: the platform default */ }
    return 3000
  }

  private dispatch(name: string) {
    const queue = this.queues.get(name)!
    const list = this.instances.get(name) ?? []
    this.instances.set(name, list)
    while (queue.length > 0) {
      let instance = list.find((i) => !i.busy)
      if (!instance) {
        if (list.length >= this.opts.maxWorkers) return
        instance = this.spawn(name)
        list.push(instance)
      }
      void this.run(name, instance, queue.shift()!)
    }
  }

  private spawn(name: string): Instance {
    const worker = new Worker(this.opts.workerFile, {
      workerData: { file: this.entry(name), functionName: name },
      env: { ...process.env, ...this.opts.baseEnv(name) },
    })
    const ready = new Promise<void>((resolve) => {
      const onReady = (msg: { ready?: boolean }) => {
        if (!msg?.ready) return
        worker.off('message', onReady)
        resolve()
      }
      worker.on('message', onReady)
      worker.once('exit', () => resolve())
    })
    const instance: Instance = { worker, busy: false, exited: false, ready }
    worker.on('error', (err) => {
      console.error(`[emulator] function ${name} instance crashed:`, err)
      this.retire(name, instance)
    })
    worker.on('exit', () => {
      instance.exited = true
      this.retire(name, instance)
    })
    return instance
  }

  private retire(name: string, instance: Instance) {
    const list = this.instances.get(name)
    if (!list) return
    const i = list.indexOf(instance)
    if (i >= 0) list.splice(i, 1)
  }

  private async run(name: string, instance: Instance, job: Pending) {
    instance.busy = true
    await instance.ready
    if (instance.exited) {
      job.resolve({ ok: false, reason: 'error', message: 'function instance failed to start' })
      if (this.queues.get(name)?.length) this.dispatch(name)
      return
    }
    const id = this.nextJobId++
    const requestId = crypto.randomUUID()
    let settled = false
    const finish = (r: InvocationResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      instance.worker.off('message', onMessage)
      instance.worker.off('exit', onExit)
      instance.busy = false
      job.resolve(r)
      if (this.queues.get(name)?.length) this.dispatch(name)
    }
    const onMessage = (msg: { id: number; ok: boolean; result?: unknown; message?: string }) => {
      if (msg.id !== id) return
      finish(msg.ok ? { ok: true, result: msg.result } : { ok: false, reason: 'error', message: msg.message ?? '' })
    }
    const onExit = () => finish({ ok: false, reason: 'error', message: 'function instance exited' })
    const timeout = this.timeoutMs(name)
    const timer = setTimeout(() => {
      console.error(`[emulator] function ${name} ran past its ${timeout} ms timeout; replacing its instance`)
      this.retire(name, instance)
      void instance.worker.terminate()
      finish({ ok: false, reason: 'timeout', message: `函数执行超过 ${timeout / 1000} 秒` })
    }, timeout)
    instance.worker.on('message', onMessage)
    instance.worker.on('exit', onExit)
    const env: Record<string, string> = {
      WX_OPENID: job.identity.openid ?? '',
      WX_APPID: job.identity.openid ? this.opts.appId : '',
      WX_UNIONID: '',
      TCB_SOURCE: job.identity.source ?? (job.identity.openid ? 'wx_client' : 'http'),
      // What the SDK reads to pick a timer run's open-API token (utils/wxCloudToken.ts).
      TRIGGER_SRC: job.identity.source === 'wx_trigger' ? 'timer' : '',
      PIONEER_CLOCK_OFFSET_MS: String(this.opts.clockOffsetMs()),
    }
    try {
      instance.worker.postMessage({ id, event: job.event, env, requestId })
    } catch (err) {
      // Nothing was sent (this is dispatch's promise, nobody awaits it: a throw here would end the emulator), so the
      // instance is as good as before.
      finish({ ok: false, reason: 'unsendable', message: `the event cannot be sent to the function: ${(err as Error).message}` })
    }
  }
}

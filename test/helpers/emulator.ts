// Starts an emulator as its own process, on a free port, with a fresh data folder; tests stop it.
//   startEmulator       the product run locally (build/local/main.js): its collections, its functions, the demo district
//   startBareEmulator   the emulator package on its own (build/emulator/main.js): fixture functions, no product
import { ChildProcess, spawn } from 'child_process'
import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import type { CollectionDecl } from '../../emulator'

const ROOT = path.resolve(__dirname, '..', '..')
const PRODUCT_MAIN = path.join(ROOT, 'build', 'local', 'main.js')
const BARE_MAIN = path.join(ROOT, 'build', 'emulator', 'main.js')
export const FIXTURE_FUNCTIONS = path.join(ROOT, 'test', 'fixtures', 'functions')

interface CommonOptions {
  /** The user function's demo sign-in (DEMO_LOGIN, as under npm start); on by default: tests sign people in with it. */
  demoLogin?: boolean
  /** Reuse a data folder (to restart on the same data); a fresh one by default. */
  dataDir?: string
  env?: Record<string, string>
}

export interface StartOptions extends CommonOptions {
  /** Seed the demo district (default true). */
  seed?: boolean
}

export interface BareStartOptions extends CommonOptions {
  /** Default: test/fixtures/functions. */
  functionsDir?: string
  collections?: CollectionDecl[]
}

export interface RunningEmulator {
  url: string
  port: number
  dataDir: string
  /** Environment under which @cloudbase/node-sdk in this test process talks to the emulator. */
  sdkEnv: Record<string, string>
  output: () => string
  stop(): Promise<void>
  /** SIGKILL, as a crash would. */
  kill9(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  return spawnEmulator(PRODUCT_MAIN, opts, { SEED: opts.seed === false ? '0' : '1' })
}

export function startBareEmulator(opts: BareStartOptions = {}): Promise<RunningEmulator> {
  return spawnEmulator(BARE_MAIN, opts, {
    FUNCTIONS_DIR: opts.functionsDir ?? FIXTURE_FUNCTIONS,
    EMULATOR_COLLECTIONS: JSON.stringify(opts.collections ?? []),
  })
}

/** A bare emulator for the whole suite: `bed.emu` and `bed.app` (an SDK app on it) once its tests start. */
export function bareEmulatorBed(opts: BareStartOptions = {}) {
  const bed = {} as { emu: RunningEmulator; app: any }
  beforeAll(async () => {
    bed.emu = await startBareEmulator(opts)
    bed.app = sdkApp(bed.emu)
  })
  afterAll(async () => {
    await bed.emu?.stop()
  })
  return bed
}

async function spawnEmulator(main: string, opts: CommonOptions, env: Record<string, string>): Promise<RunningEmulator> {
  if (!fs.existsSync(main)) throw new Error(`${path.relative(ROOT, main)} is missing: run \`npm run build:emulator\``)
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-test-'))
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_LOGIN: opts.demoLogin === false ? '0' : '1',
      TIMERS: '0', // a test fires a timer when it means to (POST /__emulator/timers/<function>/<trigger>)
      EMULATOR_TEST_CONTROLS: '1', // the clock, timers, crash switch, inbox and metrics reset the tests drive
      ...env,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 60 s:\n${out}`)), 60000)
    const check = () => {
      if (/ready at /.test(out)) { clearTimeout(timer); resolve() }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited (${code}):\n${out}`)) })
  })
  const url = `http://127.0.0.1:${port}`
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return {
    url,
    port,
    dataDir,
    sdkEnv: {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
      TENCENTCLOUD_SECRETID: 'test',
      TENCENTCLOUD_SECRETKEY: 'test',
      TCB_CONTEXT_KEYS: 'TCB_ENV',
      TCB_ENV: 'pioneer-local',
      SILENCE: 'true',
      TENCENTCLOUD: 'true', // no probe of Tencent Cloud's metadata host (it would hang on this closed network)
    },
    output: () => out,
    stop: () => stopWith('SIGTERM'),
    kill9: () => stopWith('SIGKILL'),
  }
}

/** Points @cloudbase/node-sdk in this process at the emulator and returns an initialised app. */
export function sdkApp(emu: RunningEmulator) {
  Object.assign(process.env, emu.sdkEnv)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tcb = require('@cloudbase/node-sdk')
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
}

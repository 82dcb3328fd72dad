// What a caller gives the emulator (EmulatorOptions), what the emulator runs on once the defaults are filled in
// (EmulatorConfig), and the environment variables that set the options from a command line.
import fs from 'fs'
import path from 'path'
import type { CollectionDecl } from './database/declarations'

/** What a seed is handed: where the emulator is, and what @cloudbase/node-sdk's `init` takes to write through it. */
export interface SeedContext {
  /** The running emulator, e.g. http://127.0.0.1:8080. */
  url: string
  /** `tcb.init(sdk)`: the seed's writes count as function `seed` in the metrics. */
  sdk: { env: string; secretId: string; secretKey: string; serviceUrl: string }
  /** The emulator's clock. */
  now: Date
}

/** Fills a fresh data folder; run once, before the first start on that folder answers `ready`. */
export type Seed = (ctx: SeedContext) => Promise<void>

export interface EmulatorOptions {
  /** Built functions: a folder per function with `index.js` (exports `main`) and an optional `config.json`. */
  functionsDir: string
  /** Where the database, the files and the subscribe-message inbox are kept. */
  dataDir: string
  /** Default 8080; 0 takes any free port (the returned `url` says which). */
  port?: number
  /** Default 127.0.0.1 (loopback: nothing else on the network reaches it); `serve` warns when it is not loopback. */
  host?: string
  /** Collections (and their indexes) created at start; any other exists only once database.addCollection makes it. */
  collections?: CollectionDecl[]
  /** Run on the first start on an empty data folder (a marker file remembers it ran). */
  seed?: Seed
  /** Run the functions' timer triggers on their schedule (default on; tests fire them by hand). */
  timers?: boolean
  /**
   * The test controls under /__emulator/ (clock, timers, crash switch, inbox, metrics reset) answer (default off:
   * only reading the metrics does). For test runs and benchmarks, never for an emulator a browser shares a machine with.
   */
  testControls?: boolean
  /** Function instances per function (default 8). */
  workersPerFunction?: number
  /** Static files answered for every other GET, e.g. an H5 build (single-page app: unknown paths get index.html). */
  h5Dir?: string
  /** The word list security.msgSecCheck checks against (default: the list shipped with the emulator). */
  sensitiveWordsFile?: string
  /** The function WeChat's message push delivers media-check verdicts to (none by default: verdicts are logged). */
  messagePushFunction?: string
  /** How long after security.mediaCheckAsync its verdict is pushed (default 300 ms; WeChat takes up to 30 minutes). */
  mediaCheckDelayMs?: number
  /** Extra environment for every function instance, given the emulator's URL once it listens. */
  functionEnv?: (url: string) => Record<string, string>
  envId?: string
  appId?: string
}

export interface EmulatorConfig {
  port: number
  host: string
  dataDir: string
  functionsDir: string
  collections: CollectionDecl[]
  timers: boolean
  testControls: boolean
  workersPerFunction: number
  h5Dir: string | null
  sensitiveWordsFile: string
  messagePushFunction: string | null
  mediaCheckDelayMs: number
  functionEnv: (url: string) => Record<string, string>
  envId: string
  appId: string
}

/**
 * The emulator's own folder, where the files it ships are read from: this file's folder when run from source, and
 * the source folder beside the bundle when bundled (build/emulator/ → emulator/), so an edit of the word list takes
 * effect without a rebuild.
 */
const EMULATOR_DIR = fs.existsSync(path.join(__dirname, 'package.json')) ? __dirname : path.resolve(__dirname, '..', '..', 'emulator')

export function resolveOptions(o: EmulatorOptions): EmulatorConfig {
  return {
    port: o.port ?? 8080,
    host: o.host ?? '127.0.0.1',
    dataDir: path.resolve(o.dataDir),
    functionsDir: path.resolve(o.functionsDir),
    collections: o.collections ?? [],
    timers: o.timers ?? true,
    testControls: o.testControls ?? false,
    workersPerFunction: o.workersPerFunction ?? 8,
    h5Dir: o.h5Dir ? path.resolve(o.h5Dir) : null,
    sensitiveWordsFile: o.sensitiveWordsFile ?? path.join(EMULATOR_DIR, 'sensitive-words.txt'),
    messagePushFunction: o.messagePushFunction ?? null,
    mediaCheckDelayMs: o.mediaCheckDelayMs ?? 300,
    functionEnv: o.functionEnv ?? (() => ({})),
    envId: o.envId ?? 'pioneer-local',
    appId: o.appId ?? 'wx-pioneer-local',
  }
}

/** An on/off variable: unset or empty is `fallback`; 0, false, off and no are off; anything else is on. */
export const envFlag = (v: string | undefined, fallback: boolean) =>
  v === undefined || v === '' ? fallback : !['0', 'false', 'off', 'no'].includes(v.toLowerCase())

const envNumber = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v))

/**
 * The options the emulator's environment variables set (PORT, HOST, DATA_DIR, FUNCTIONS_DIR, TIMERS,
 * EMULATOR_TEST_CONTROLS, WORKERS_PER_FUNCTION, WX_MESSAGE_PUSH_FUNCTION, WX_MEDIA_CHECK_DELAY_MS, TCB_ENV_ID,
 * WX_APPID), over `defaults`.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv, defaults: EmulatorOptions): EmulatorOptions {
  const set = <T>(value: T | undefined, fallback: T | undefined) => (value === undefined ? fallback : value)
  return {
    ...defaults,
    port: set(envNumber(env.PORT), defaults.port),
    host: env.HOST || defaults.host,
    dataDir: env.DATA_DIR || defaults.dataDir,
    functionsDir: env.FUNCTIONS_DIR || defaults.functionsDir,
    timers: envFlag(env.TIMERS, defaults.timers ?? true),
    testControls: envFlag(env.EMULATOR_TEST_CONTROLS, defaults.testControls ?? false),
    workersPerFunction: set(envNumber(env.WORKERS_PER_FUNCTION), defaults.workersPerFunction),
    messagePushFunction: env.WX_MESSAGE_PUSH_FUNCTION || defaults.messagePushFunction,
    mediaCheckDelayMs: set(envNumber(env.WX_MEDIA_CHECK_DELAY_MS), defaults.mediaCheckDelayMs),
    envId: env.TCB_ENV_ID ?? defaults.envId,
    appId: env.WX_APPID ?? defaults.appId,
  }
}

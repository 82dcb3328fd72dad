import path from 'path'

export interface EmulatorConfig {
  port: number
  host: string
  dataDir: string
  /** `POST /auth/dev-login` exists only when this is on (npm start turns it on). */
  devLogin: boolean
  /** Seed the demo district into an empty data folder. */
  seed: boolean
  /** Run the functions' timer triggers on their schedule (off in tests, which fire them by hand). */
  timers: boolean
  envId: string
  appId: string
  repoRoot: string
  functionsDir: string
  h5Dir: string
  /** Extra milliseconds added to the clock seen by functions and serverDate (tests move time with it). */
  clockOffsetMs: number
}

const flag = (v: string | undefined, fallback: boolean) =>
  v === undefined || v === '' ? fallback : !['0', 'false', 'off', 'no'].includes(v.toLowerCase())

export function loadConfig(env = process.env): EmulatorConfig {
  const repoRoot = path.resolve(__dirname, '..', '..')
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, '.data')),
    devLogin: flag(env.DEV_LOGIN, false),
    seed: flag(env.SEED, true),
    timers: flag(env.TIMERS, true),
    envId: env.TCB_ENV_ID ?? 'pioneer-local',
    appId: env.WX_APPID ?? 'wx-pioneer-local',
    repoRoot,
    functionsDir: path.resolve(env.FUNCTIONS_DIR ?? path.join(repoRoot, 'build', 'functions')),
    h5Dir: path.join(repoRoot, 'dist-h5'),
    clockOffsetMs: 0,
  }
}

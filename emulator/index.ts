// @pioneer/cloudbase-emulator: a local CloudBase that speaks the real SDKs' wire protocol (README.md).
//   startEmulator(options)   start it in this process; options name the functions, the data folder, the
//                            collections, the seed and the rest (config.ts)
//   serve(options, name)     the same as this process's server, stopped by SIGINT/SIGTERM
//   optionsFromEnv(env, d)   the options its environment variables set (PORT, DATA_DIR, TIMERS, ...)
export { startEmulator } from './start'
export type { Emulator } from './start'
export { serve } from './serve'
export { envFlag, optionsFromEnv } from './config'
export type { EmulatorOptions, Seed, SeedContext } from './config'
export type { CollectionDecl, IndexDecl, IndexKeyKind } from './database/declarations'

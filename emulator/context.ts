// What the hub hands each emulated service. Types only, so the services and the hub do not import each other.
import type { EmulatorConfig } from './config'
import type { Identity, InvocationResult } from './functions/pool'
import type { Metrics } from './metrics'
import type { EmulatedService } from './service'

export interface FunctionsService extends EmulatedService {
  /** Runs a function (functions.invokeFunction, the HTTP access routes, WeChat's message push). */
  invoke(name: string, event: unknown, identity: Identity): Promise<InvocationResult>
  /** Fires a function's timer trigger now (`POST /__emulator/timers/<function>/<trigger>`), or null if it has none. */
  fireTimer(functionName: string, triggerName: string): Promise<InvocationResult> | null
  /** Tests: kills the busy instances of `name` before its database operation number `afterOps + 1` (crash.ts). */
  armCrash(name: string, afterOps: number): void
  /** Whether a database operation of `functionName` must not run (its instance is killed first). */
  stopsOperation(functionName: string | null): Promise<boolean>
}

export interface HubContext {
  config: EmulatorConfig
  metrics: Metrics
  /** Base URL of the running hub, e.g. http://127.0.0.1:8080 (known once listening). */
  url: () => string
  functions: FunctionsService
  /** Milliseconds the emulator's clock is moved by (tests only). */
  clockOffsetMs: () => number
}

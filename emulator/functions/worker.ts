// One cloud function instance: loads the built function once and runs one invocation at a time, with the caller's
// identity put into the environment the way CloudBase puts it (the SDK's getUserInfo() reads it from there).
import { parentPort, workerData } from 'worker_threads'

interface Job { id: number; event: unknown; env: Record<string, string>; requestId: string }

const { file, functionName } = workerData as { file: string; functionName: string }
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fn = require(file)

process.on('unhandledRejection', (err) => {
  console.error(`[${functionName}] unhandled rejection:`, err)
})

let identityKeys: string[] = []

// Loaded: from now on the instance's time limit applies (a cold start is not the function's fault).
parentPort!.postMessage({ ready: true })

parentPort!.on('message', async (job: Job) => {
  for (const key of identityKeys) delete process.env[key]
  identityKeys = Object.keys(job.env)
  Object.assign(process.env, job.env)
  try {
    if (typeof fn.main !== 'function') throw new Error(`function ${functionName} exports no main`)
    const context = { request_id: job.requestId, function_name: functionName, namespace: 'local' }
    const result = await fn.main(job.event, context)
    parentPort!.postMessage({ id: job.id, ok: true, result: result === undefined ? null : result })
  } catch (err: any) {
    console.error(`[${functionName}] invocation failed:`, err)
    parentPort!.postMessage({ id: job.id, ok: false, message: String(err?.message ?? err) })
  }
})

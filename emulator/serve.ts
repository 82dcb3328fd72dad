// The emulator as a process's server: started, announced (`<name> ready at <url>`: what scripts wait for), and
// stopped on SIGINT or SIGTERM.
import path from 'path'
import type { EmulatorOptions } from './config'
import { hostWarning } from './guard'
import { startEmulator } from './start'

export function serve(options: EmulatorOptions, name = 'CloudBase emulator') {
  startEmulator(options).then((emulator) => {
    console.log(`${name} ready at ${emulator.url} (data: ${path.resolve(options.dataDir)}` +
      `${options.testControls ? ', test controls on' : ''})`)
    const warning = hostWarning(options.host ?? '127.0.0.1')
    if (warning) console.warn(warning)
    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) return
      stopping = true
      console.log(`${signal}: stopping`)
      // A stuck instance or connection must not keep a stop from stopping.
      setTimeout(() => process.exit(0), 5000).unref()
      await emulator.close()
      process.exit(0)
    }
    process.on('SIGINT', () => void stop('SIGINT'))
    process.on('SIGTERM', () => void stop('SIGTERM'))
  }).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}

// Starting the emulator: the hub on its port, then, on a fresh data folder, the caller's seed.
import fs from 'fs'
import path from 'path'
import { EmulatorOptions, resolveOptions } from './config'
import { startHub } from './hub'

export interface Emulator {
  /** Where it answers, e.g. http://127.0.0.1:8080 (the port chosen when options.port was 0). */
  url: string
  close(): Promise<void>
}

/** Written in the data folder once the seed has run, so a restart on the same data does not seed again. */
const SEEDED_MARKER = 'seeded'

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  // CloudBase runs functions in UTC; so does the emulator (its workers are threads of this process and share its
  // time zone), so a date bug shows up locally first.
  process.env.TZ = 'UTC'
  const config = resolveOptions(options)
  const hub = await startHub(config)
  const marker = path.join(config.dataDir, SEEDED_MARKER)
  if (options.seed && !fs.existsSync(marker)) {
    const now = hub.now()
    try {
      await options.seed({ url: hub.url, now, sdk: { env: config.envId, secretId: 'fn.seed', secretKey: 'local', serviceUrl: `${hub.url}/admin` } })
    } catch (err) {
      await hub.close()
      throw err
    }
    fs.writeFileSync(marker, now.toISOString() + '\n')
  }
  return { url: hub.url, close: () => hub.close() }
}

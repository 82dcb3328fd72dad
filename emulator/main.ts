// The local CloudBase: `node build/emulator/main.js` (npm start builds and runs it). PORT, DATA_DIR, DEV_LOGIN, SEED.
import { loadConfig } from './config'
import { startHub } from './hub'

// Cloud functions run in UTC on CloudBase; so do they here, so a date bug shows up locally first.
process.env.TZ = 'UTC'
// The seed speaks to this emulator through the SDK: tell the SDK it is inside the cloud, so it does not probe
// Tencent Cloud's metadata host first.
process.env.TENCENTCLOUD = 'true'

async function main() {
  const config = loadConfig()
  const hub = await startHub(config)
  console.log(`先锋驿站 emulator ready at ${hub.url} (data: ${config.dataDir}${config.devLogin ? ', dev login on' : ''})`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping`)
    // A stuck instance or connection must not keep a stop from stopping.
    setTimeout(() => process.exit(0), 5000).unref()
    await hub.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

// The local CloudBase: `node build/emulator/main.js` (npm start builds and runs it). PORT, DATA_DIR, DEV_LOGIN, SEED.
import { loadConfig } from './config'
import { startHub } from './hub'

// Cloud functions run in UTC on CloudBase; so do they here, so a date bug shows up locally first.
process.env.TZ = 'UTC'

async function main() {
  const config = loadConfig()
  const hub = await startHub(config)
  console.log(`先锋驿站 emulator ready at ${hub.url} (data: ${config.dataDir}${config.devLogin ? ', dev login on' : ''})`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping`)
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

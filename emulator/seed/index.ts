// The demo district, seeded into an empty data folder on first start (not again on restart). It goes in through
// the same wire protocol as everything else: the real SDK, pointed at this emulator.
import fs from 'fs'
import path from 'path'
import tcb from '@cloudbase/node-sdk'
import type { HubContext } from '../hub'
import { seedClasses } from './classes'
import { seedPeople } from './people'
import { seedSites } from './sites'
import { seedStories } from './stories'

const MARKER = 'seeded'

export async function seedDemoDistrict(ctx: HubContext) {
  const marker = path.join(ctx.config.dataDir, MARKER)
  if (fs.existsSync(marker)) return
  const app = tcb.init({
    env: ctx.config.envId,
    secretId: 'fn.seed',
    secretKey: 'local',
    serviceUrl: `${ctx.url()}/admin`,
  } as any)
  const db = app.database()
  const now = new Date(Date.now() + ctx.clockOffsetMs())
  await seedPeople(db, now)
  await seedStories(db, now)
  await seedClasses(db, now)
  await seedSites(db, now)
  fs.writeFileSync(marker, now.toISOString() + '\n')
  console.log('seeded the demo district')
}

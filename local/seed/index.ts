// The demo district, seeded into an empty data folder on first start (not again on restart). It goes in through
// the real SDK, pointed at the emulator, as the functions' own writes do.
import tcb from '@cloudbase/node-sdk'
import type { SeedContext } from '../../emulator'
import { seedClasses } from './classes'
import { seedLibrary } from './library'
import { seedPeople } from './people'
import { seedSites } from './sites'
import { seedStories } from './stories'
import { seedStudio } from './studio'
import { seedYear } from './year'

export async function seedDemoDistrict({ sdk, now }: SeedContext) {
  const db = tcb.init(sdk).database()
  await seedPeople(db, now)
  await seedStories(db, now)
  await seedClasses(db, now)
  await seedSites(db, now)
  await seedStudio(db, now)
  await seedLibrary(db, now)
  // Last: its recount counts every month's records, the other seeds' included.
  await seedYear(db, now)
  console.log('seeded the demo district')
}

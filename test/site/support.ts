// The site's part of the test bed: sites registered the way a secretary registers them, the seeded ones and where
// they are, bookings, and the clock set to a known Monday morning (the rules are about days and hours).
import type { Caller } from '../helpers/api'
import { Bed, useBed } from '../helpers/bed'

/** A Monday morning in Shanghai; March 2030 starts on a Friday and has 31 days. */
export const MONDAY = '2030-03-04'
export const MONTH = '2030-03'
export const at = (date: string, clock: string) => `${date}T${clock}:00+08:00`

/** The seeded sites (emulator/seed/sites.ts) and where they are. */
export const SEEDED = {
  hub: { id: 'site-xingfuli-hub', lat: 30.5431, lng: 114.3627 },
  books: { id: 'site-xingfuli-books', lat: 30.5437, lng: 114.3641 },
  heping: { id: 'site-heping-base', lat: 30.5389, lng: 114.3702 },
  studio: { id: 'site-donghu-studio', lat: 30.5478, lng: 114.3588 },
  center: { id: 'site-donghu-center', lat: 30.5512, lng: 114.3661 },
  changqing: { id: 'site-changqing-books', lat: 30.5262, lng: 114.3912 },
  // 南湖街道's, some 8 km south (its year of history, local/seed/year.ts).
  chunhuiBooks: { id: 'site-chunhui-books', lat: 30.470, lng: 114.355 },
  chunhuiHub: { id: 'site-chunhui-hub', lat: 30.468, lng: 114.352 },
  cuiliuHub: { id: 'site-cuiliu-hub', lat: 30.462, lng: 114.349 },
}

/** Where the sites registered here are (unless overridden), and so where their visitors stand. */
export const PLACE = { lat: 30.5400, lng: 114.3650 }

/** The phone's location at a seeded site. */
export const standingAt = (site: { lat: number; lng: number }) => ({ lat: site.lat, lng: site.lng })

/** A valid site (Mon–Fri 09:00–12:00 and 14:00–17:30, Saturday 09:00–12:00; 30 people), unless overridden. */
export function siteInput(overrides: Record<string, unknown> = {}) {
  const days = [1, 2, 3, 4, 5]
  return {
    type: 'base',
    name: '测试开放式组织生活基地',
    address: '东湖街道测试路 1 号',
    location: PLACE,
    hours: [
      ...days.map((day) => ({ day, start: '09:00', end: '12:00' })),
      ...days.map((day) => ({ day, start: '14:00', end: '17:30' })),
      { day: 6, start: '09:00', end: '12:00' },
    ],
    closedDates: ['2030-03-08'],
    facilities: ['projector', 'meetingRoom'],
    capacity: 30,
    contact: { name: '李芳', phone: '13912345678' },
    ...overrides,
  }
}

export function bookingInput(siteId: string, overrides: Record<string, unknown> = {}) {
  return { siteId, date: '2030-03-05', start: '09:00', end: '10:30', headcount: 20, purpose: '主题党日活动', ...overrides }
}

export interface Testbed extends Bed {
  /** Registers a site as `secretary` (demo-secretary: community A) and returns its id. */
  site(overrides?: Record<string, unknown>, secretary?: Caller): Promise<string>
  /** The token the site's printed QR code carries, as its manager sees it. */
  token(siteId: string, manager?: Caller): Promise<string>
}

/** The bed (with `env` added to the emulator's environment), its clock at 10:00 on MONDAY. */
export function useTestbed(env?: Record<string, string>): Testbed {
  const bed = useBed(env) as Testbed
  beforeAll(async () => { await bed.setClock(at(MONDAY, '10:00')) })
  bed.site = async (overrides = {}, secretary = bed.demo['demo-secretary']) => {
    const r = await secretary.call('site', 'create', siteInput(overrides))
    if (!r.ok) throw new Error(`create: ${JSON.stringify(r)}`)
    return r.data.id
  }
  bed.token = async (siteId, manager = bed.demo['demo-secretary']) => {
    const r = await manager.call('site', 'get', { id: siteId })
    if (!r.ok || !r.data.checkIn) throw new Error(`get: ${JSON.stringify(r)}`)
    return r.data.checkIn.token
  }
  return bed
}

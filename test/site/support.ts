// What every site test needs: a fresh emulator with the demo district, the demo people signed in, sites registered
// the way a secretary registers them, and the clock set to known moments (the rules are about days and hours).
import { as, callApi, Caller } from '../helpers/api'
import { RunningEmulator, sdkApp, startEmulator } from '../helpers/emulator'

export const DEMO = ['demo-admin', 'demo-secretary', 'demo-secretary-b', 'demo-member', 'demo-retired', 'demo-member-b',
  'demo-newcomer', 'demo-pending-a', 'demo-rejected'] as const
export type DemoPerson = (typeof DEMO)[number]

/** Where the site QR codes point in these tests. */
export const H5_BASE = 'https://dangjian.example.cn/h5'

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
}

const EARTH_RADIUS_M = 6_371_008.8
/** The point `metres` due north of `from`. */
export function northOf(from: { lat: number; lng: number }, metres: number) {
  return { lat: from.lat + (metres / EARTH_RADIUS_M) * (180 / Math.PI), lng: from.lng }
}

/** A valid site (Mon–Fri 09:00–12:00 and 14:00–17:30, Saturday 09:00–12:00; 30 people), unless overridden. */
export function siteInput(overrides: Record<string, unknown> = {}) {
  const days = [1, 2, 3, 4, 5]
  return {
    type: 'base',
    name: '测试开放式组织生活基地',
    address: '东湖街道测试路 1 号',
    location: { lat: 30.5400, lng: 114.3650 },
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

export interface Testbed {
  emu: RunningEmulator
  demo: Record<DemoPerson, Caller>
  anonymous: Caller
  /** Moves the emulator's clock so that it reads `at` now (it keeps running from there). */
  setClock(at: Date | string): Promise<void>
  /** Registers a site as `secretary` (demo-secretary: community A) and returns its id. */
  site(overrides?: Record<string, unknown>, secretary?: Caller): Promise<string>
  /** The token the site's printed QR code carries, as its manager sees it. */
  token(siteId: string, manager?: Caller): Promise<string>
  /** Approved members of `orgId`, written straight into `users` through the SDK, then signed in. */
  members(count: number, orgId: string, role?: 'member' | 'secretary'): Promise<Caller[]>
  db(): any
  stored(collection: string, id: string): Promise<any>
}

let serial = 0
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`

export function useTestbed(): Testbed {
  const bed = {} as Testbed
  beforeAll(async () => {
    bed.emu = await startEmulator({ env: { PUBLIC_H5_URL: H5_BASE } })
    bed.demo = {} as Record<DemoPerson, Caller>
    for (const openid of DEMO) bed.demo[openid] = await as(bed.emu, openid)
    await bed.setClock(at(MONDAY, '10:00'))
  })
  afterAll(async () => { await bed.emu?.stop() })

  bed.anonymous = { openid: '', call: (fn, action, input = {}) => callApi(bed.emu, null, fn, { action, ...input }) }
  bed.db = () => sdkApp(bed.emu).database()
  bed.stored = async (collection, id) => (await bed.db().collection(collection).doc(id).get()).data[0]

  bed.setClock = async (when) => {
    const res = await fetch(`${bed.emu.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: new Date(when).toISOString() }),
    })
    expect(res.ok).toBe(true)
  }

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

  bed.members = async (count, orgId, role = 'member') => {
    const db = bed.db()
    const org = (await db.collection('orgs').doc(orgId).get()).data[0]
    const openids = Array.from({ length: count }, () => unique('m'))
    for (let i = 0; i < openids.length; i += 100) {
      await db.collection('users').add(openids.slice(i, i + 100).map((openid, j) => ({
        _id: openid, name: `党员${i + j + 1}`, orgId, orgPath: org.path, orgName: org.name, retired: false,
        status: 'approved', role, ...(role === 'secretary' ? { scopeOrgId: orgId } : {}), registeredAt: new Date(),
      })))
    }
    return Promise.all(openids.map((openid) => as(bed.emu, openid)))
  }
  return bed
}

export const outcome = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

// What every classroom test needs: a fresh emulator with the demo district, the demo people signed in, classes
// scheduled the way a secretary schedules them, the clock moved to the edges the rules are about, and places at
// known distances from a class.
import { as, callApi, Caller } from '../helpers/api'
import { RunningEmulator, sdkApp, startEmulator } from '../helpers/emulator'

export const DEMO = ['demo-admin', 'demo-secretary', 'demo-secretary-b', 'demo-member', 'demo-retired', 'demo-member-b',
  'demo-newcomer', 'demo-pending-a', 'demo-rejected'] as const
export type DemoPerson = (typeof DEMO)[number]

/** Where the sign-in QR codes point in these tests. */
export const H5_BASE = 'https://dangjian.example.cn/h5'

export const MINUTE = 60_000
export const SLOT = 15_000
/** 幸福里社区党群服务中心 (seeded), the place of the classes scheduled here. */
export const HALL = { lat: 30.5431, lng: 114.3627 }
const EARTH_RADIUS_M = 6_371_008.8

/** The point `metres` due north of `from`: its haversine distance is exactly `metres`. */
export function northOf(from: { lat: number; lng: number }, metres: number) {
  return { lat: from.lat + (metres / EARTH_RADIUS_M) * (180 / Math.PI), lng: from.lng }
}

export interface Testbed {
  emu: RunningEmulator
  demo: Record<DemoPerson, Caller>
  anonymous: Caller
  /** Schedules a class (valid unless `overrides` say otherwise) by `secretary` (demo-secretary) and returns its id. */
  schedule(overrides?: Record<string, unknown>, secretary?: Caller): Promise<string>
  /** The code on the screen now, shown by `secretary` (demo-secretary). */
  code(classId: string, secretary?: Caller): Promise<{ token: string; url: string; expiresAt: string; signedIn: number; latest: any[] }>
  /** Moves the emulator's clock so that it reads `at` now (it keeps running from there); null: the real time. */
  setClock(at: Date | string | null): Promise<void>
  /** Approved members of `orgId`, written straight into `users` through the SDK, then signed in. */
  members(count: number, orgId: string): Promise<Caller[]>
  db(): any
  stored(collection: string, id: string): Promise<any>
}

let serial = 0
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`

export function classInput(start: Date, overrides: Record<string, unknown> = {}) {
  return {
    title: '学习党的创新理论',
    topic: '读原著、学原文、悟原理',
    category: 'theory',
    lecturer: { name: '周立新', title: '区委党校副教授' },
    place: { name: '幸福里社区党群服务中心', address: '东湖街道幸福里 18 号', location: HALL },
    start: start.toISOString(),
    end: new Date(start.getTime() + 90 * MINUTE).toISOString(),
    ...overrides,
  }
}

export function useTestbed(): Testbed {
  const bed = {} as Testbed
  beforeAll(async () => {
    bed.emu = await startEmulator({ env: { PUBLIC_H5_URL: H5_BASE } })
    bed.demo = {} as Record<DemoPerson, Caller>
    for (const openid of DEMO) bed.demo[openid] = await as(bed.emu, openid)
  })
  afterAll(async () => { await bed.emu?.stop() })

  bed.anonymous = { openid: '', call: (fn, action, input = {}) => callApi(bed.emu, null, fn, { action, ...input }) }
  bed.db = () => sdkApp(bed.emu).database()
  bed.stored = async (collection, id) => (await bed.db().collection(collection).doc(id).get()).data[0]

  bed.setClock = async (at) => {
    const res = await fetch(`${bed.emu.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(at === null ? { offsetMs: 0 } : { now: new Date(at).toISOString() }),
    })
    expect(res.ok).toBe(true)
  }

  bed.schedule = async (overrides = {}, secretary = bed.demo['demo-secretary']) => {
    const now = new Date(Date.now() + (await clockOffset(bed.emu)))
    const start = new Date(now.getTime() + 60 * MINUTE)
    const r = await secretary.call('classroom', 'create', classInput(start, overrides))
    if (!r.ok) throw new Error(`create: ${JSON.stringify(r)}`)
    return r.data.id
  }

  bed.code = async (classId, secretary = bed.demo['demo-secretary']) => {
    const r = await secretary.call('classroom', 'code', { classId })
    if (!r.ok) throw new Error(`code: ${JSON.stringify(r)}`)
    return r.data
  }

  bed.members = async (count, orgId) => {
    const db = bed.db()
    const org = (await db.collection('orgs').doc(orgId).get()).data[0]
    const openids = Array.from({ length: count }, () => unique('m'))
    for (let i = 0; i < openids.length; i += 100) {
      await db.collection('users').add(openids.slice(i, i + 100).map((openid, j) => ({
        _id: openid, name: `党员${i + j + 1}`, orgId, orgPath: org.path, orgName: org.name, retired: false,
        status: 'approved', role: 'member', registeredAt: new Date(),
      })))
    }
    return Promise.all(openids.map((openid) => as(bed.emu, openid)))
  }
  return bed
}

export async function clockOffset(emu: RunningEmulator): Promise<number> {
  return (await (await fetch(`${emu.url}/__emulator/clock`)).json()).offsetMs
}

/** The class as stored, with its instants as Dates. */
export async function storedClass(bed: Testbed, id: string) {
  const c = await bed.stored('classes', id)
  return { ...c, start: new Date(c.start), end: new Date(c.end), opensAt: new Date(c.opensAt), lateAt: new Date(c.lateAt) }
}

export const outcome = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

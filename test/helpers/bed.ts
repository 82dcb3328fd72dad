// What every function suite needs: a fresh emulator with the demo district for the file's tests, its people signed
// in (the demo people, anyone else, nobody), its clock, and its database read and written behind the functions' back.
// Each feature's support.ts adds what is about that feature only.
import crypto from 'crypto'
import { as, callApi, Caller, emulatorNow, setClock } from './api'
import { RunningEmulator, sdkApp, startEmulator } from './emulator'

/** The seeded demo people (emulator/seed), each signed in for every test file. */
const DEMO = ['demo-admin', 'demo-secretary', 'demo-secretary-b', 'demo-member', 'demo-retired', 'demo-member-b',
  'demo-newcomer', 'demo-pending-a', 'demo-rejected'] as const
export type DemoPerson = (typeof DEMO)[number]

/** Where links and QR codes point in these tests (PUBLIC_H5_URL). */
export const H5_BASE = 'https://dangjian.example.cn/h5'

let serial = 0
/** An id no other test of this run uses. */
const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`

/** 'ok', or the code of the refusal: one value to compare in a table of who gets what. */
export const outcome = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

const EARTH_RADIUS_M = 6_371_008.8
/** The point `metres` due north of `from`: its haversine distance is exactly `metres`. */
export function northOf(from: { lat: number; lng: number }, metres: number) {
  return { lat: from.lat + (metres / EARTH_RADIUS_M) * (180 / Math.PI), lng: from.lng }
}

/** Asks `probe` until `ok` holds of its answer (15 s at most), and answers the last one. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15000
  for (;;) {
    const v = await probe()
    if (ok(v) || Date.now() > deadline) return v
    await new Promise((r) => setTimeout(r, 200))
  }
}

export interface Bed {
  emu: RunningEmulator
  /**
   * The environment's keys, given to the functions as a deployer sets them, so that a fresh function instance costs
   * what a warm one does in the counted and cut-short calls (keys generated on first use: test/boundary/secrets).
   */
  keys: Record<'CHECKIN_SECRET' | 'SESSION_SECRET', string>
  demo: Record<DemoPerson, Caller>
  /** A caller with no sign-in at all (a page opened from Moments). */
  anonymous: Caller
  /** A WeChat identity that never registered. */
  visitor(): Promise<Caller>
  /** A newcomer who registers in `orgId` through the user function and is left pending. */
  applicant(orgId: string, retired?: boolean): Promise<Caller>
  /** A newcomer who registers in `orgId` and is approved by the district office. */
  newMember(orgId: string, retired?: boolean): Promise<Caller>
  /** Approved people of `orgId`, written straight into `users` through the SDK (fast, for many), then signed in. */
  members(count: number, orgId: string, role?: 'member' | 'secretary'): Promise<Caller[]>
  /** Moves the emulator's clock so that it reads `at` now (it keeps running from there); null: the real time. */
  setClock(at: Date | string | null): Promise<void>
  /** What the emulator's clock reads now. */
  now(): Promise<Date>
  /**
   * Uploads a photo the way the app does (a ticket from `fn`'s uploadPhoto, then a PUT of its bytes) and returns its
   * fileID.
   */
  photo(uploader: Caller, bytes?: string, fn?: 'story' | 'site' | 'studio'): Promise<string>
  /** The database, through @cloudbase/node-sdk (outside the functions). */
  db(): any
  /** A stored document, read through the SDK; undefined when there is none. */
  stored(collection: string, id: string): Promise<any>
}

/** Keys as a deployer sets them (CHECKIN_SECRET, SESSION_SECRET), fresh for each run. */
export const deployedKeys = (): Record<'CHECKIN_SECRET' | 'SESSION_SECRET', string> => ({
  CHECKIN_SECRET: crypto.randomBytes(32).toString('base64url'),
  SESSION_SECRET: crypto.randomBytes(32).toString('base64url'),
})

/** Starts the emulator (with `env` added to its environment) before the file's tests and stops it after. */
export function useBed(env: Record<string, string> = {}): Bed {
  const bed = {} as Bed
  beforeAll(async () => {
    bed.keys = deployedKeys()
    bed.emu = await startEmulator({ env: { PUBLIC_H5_URL: H5_BASE, ...bed.keys, ...env } })
    bed.demo = {} as Record<DemoPerson, Caller>
    for (const openid of DEMO) bed.demo[openid] = await as(bed.emu, openid)
  })
  afterAll(async () => { await bed.emu?.stop() })
  // Each test starts with fresh rate-limit windows (as if an hour had passed): a suite's many calls by one demo
  // person add up to no limit of a single test. Tests of the limits themselves stay inside one test.
  beforeEach(async () => {
    const db = bed.db()
    await db.collection('rateLimits').where({ _id: db.command.exists(true) }).remove()
    // And the limits carried by the documents an action reads anyway (common/rateLimit.ts carriedLimit).
    for (const c of ['sites', 'studioReps']) await db.collection(c).where({ limits: db.command.exists(true) }).update({ limits: db.command.remove() })
  })

  bed.anonymous = { openid: '', call: (fn, action, input = {}) => callApi(bed.emu, null, fn, { action, ...input }), signInAgain: async () => {}, expiresAt: () => Infinity }
  bed.visitor = () => as(bed.emu, unique('visitor'))
  bed.applicant = async (orgId, retired = false) => {
    const p = await as(bed.emu, unique('applicant'))
    const r = await p.call('user', 'register', { name: `申请人${serial}`, orgId, retired, phone: '13912345678' })
    expect(r).toEqual({ ok: true, data: { status: 'pending' } })
    return p
  }
  bed.newMember = async (orgId, retired = false) => {
    const p = await bed.applicant(orgId, retired)
    expect((await bed.demo['demo-admin'].call('user', 'approve', { openid: p.openid })).ok).toBe(true)
    await p.signInAgain() // the approval ended the applicant's session
    return p
  }
  bed.members = async (count, orgId, role = 'member') => {
    const db = bed.db()
    const org = await bed.stored('orgs', orgId)
    const openids = Array.from({ length: count }, () => unique('m'))
    for (let i = 0; i < openids.length; i += 100) {
      await db.collection('users').add(openids.slice(i, i + 100).map((openid, j) => ({
        _id: openid, name: `党员${i + j + 1}`, orgId, orgPath: org.path, orgName: org.name, retired: false,
        status: 'approved', role, ...(role === 'secretary' ? { scopeOrgId: orgId } : {}), registeredAt: new Date(),
      })))
    }
    return Promise.all(openids.map((openid) => as(bed.emu, openid)))
  }

  bed.photo = async (uploader, bytes = `a photo ${Math.random()}`, fn = 'story') => {
    const ticket = await uploader.call(fn, 'uploadPhoto')
    expect(ticket.ok).toBe(true)
    const res = await fetch(ticket.data.url, { method: 'PUT', headers: ticket.data.headers, body: new Uint8Array(Buffer.from(bytes)) })
    expect(res.status).toBe(200)
    return ticket.data.fileID
  }
  bed.setClock = async (at) => {
    await setClock(bed.emu, at)
    // Moved past the demo people's sessions: they sign in again, so a measured call is not also a sign-in.
    const now = (at === null ? new Date() : new Date(at)).getTime()
    for (const caller of Object.values(bed.demo)) if (now >= caller.expiresAt()) await caller.signInAgain()
  }
  bed.now = () => emulatorNow(bed.emu)
  bed.db = () => sdkApp(bed.emu).database()
  bed.stored = async (collection, id) => (await bed.db().collection(collection).doc(id).get()).data[0]
  return bed
}

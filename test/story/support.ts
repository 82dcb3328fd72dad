// What every story test needs: a fresh emulator with the demo district, the demo people signed in, fresh members
// registered the way people register, and a story written the way the app writes one.
import { as, callApi, Caller, metrics } from '../helpers/api'
import { RunningEmulator, sdkApp, startEmulator } from '../helpers/emulator'

export const DEMO = ['demo-admin', 'demo-secretary', 'demo-secretary-b', 'demo-member', 'demo-retired', 'demo-member-b',
  'demo-newcomer', 'demo-pending-a', 'demo-rejected'] as const
export type DemoPerson = (typeof DEMO)[number]

export interface Testbed {
  emu: RunningEmulator
  demo: Record<DemoPerson, Caller>
  /** A caller with no sign-in at all (a page opened from Moments). */
  anonymous: Caller
  /** A newcomer who registers in `orgId` and is approved by the district office. */
  newMember(orgId: string, retired?: boolean): Promise<Caller>
  /** A WeChat identity that never registered. */
  visitor(): Promise<Caller>
  /** Submits a story (valid unless `overrides` say otherwise) and returns its id. */
  submit(author: Caller, overrides?: Record<string, unknown>): Promise<string>
  /** Submits a story and brings it to `status` (reviewed by the district office). */
  storyIn(status: 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn', author?: Caller, featured?: boolean): Promise<string>
  /** The stored story document, read through the SDK (outside the functions). */
  storedStory(id: string): Promise<any>
  db(): any
  setClock(iso: string | null): Promise<void>
}

let serial = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`

export function storyInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '社区里的热心人',
    content: '她每天早上六点就到社区服务站，帮老人量血压、读报纸，十年如一日。',
    category: 'volunteer',
    subject: { self: true },
    ...overrides,
  }
}

/** Starts the emulator before the file's tests and stops it after. */
export function useTestbed(): Testbed {
  const bed = {} as Testbed
  beforeAll(async () => {
    bed.emu = await startEmulator()
    bed.demo = {} as Record<DemoPerson, Caller>
    for (const openid of DEMO) bed.demo[openid] = await as(bed.emu, openid)
  })
  afterAll(async () => { await bed.emu?.stop() })

  bed.anonymous = {
    openid: '',
    call: (fn, action, input = {}) => callApi(bed.emu, null, fn, { action, ...input }),
  }
  bed.visitor = () => as(bed.emu, unique('visitor'))
  bed.newMember = async (orgId, retired = false) => {
    const p = await as(bed.emu, unique('member'))
    const r = await p.call('user', 'register', { name: `新党员${serial}`, orgId, retired })
    expect(r.ok).toBe(true)
    expect((await bed.demo['demo-admin'].call('user', 'approve', { openid: p.openid })).ok).toBe(true)
    return p
  }
  bed.submit = async (author, overrides = {}) => {
    const r = await author.call('story', 'submit', storyInput(overrides))
    expect(r).toMatchObject({ ok: true, data: { status: 'pending' } })
    return r.data.id
  }
  bed.storyIn = async (status, author = bed.demo['demo-member'], featured = false) => {
    const id = await bed.submit(author)
    // Nobody reviews their own story: the district office's own stories go to a second admin.
    const admin = author.openid === 'demo-admin' ? await secondAdmin() : bed.demo['demo-admin']
    const step = async (who: Caller, action: string, input: Record<string, unknown>) => {
      const r = await who.call('story', action, { id, ...input })
      expect(r.ok).toBe(true)
    }
    if (status === 'approved') await step(admin, 'review', { decision: 'approve', featured })
    if (status === 'rejected') await step(admin, 'review', { decision: 'reject', reason: '内容不完整' })
    if (status === 'returned') await step(admin, 'review', { decision: 'return', reason: '请补充细节' })
    if (status === 'withdrawn') await step(author, 'withdraw', {})
    return id
  }
  let second: Caller | null = null
  const secondAdmin = async () => {
    if (!second) {
      second = await bed.newMember('org-district')
      const r = await bed.demo['demo-admin'].call('user', 'setRole', { openid: second.openid, role: 'admin' })
      expect(r.ok).toBe(true)
    }
    return second
  }
  bed.db = () => sdkApp(bed.emu).database()
  bed.storedStory = async (id) => (await bed.db().collection('stories').doc(id).get()).data[0]
  bed.setClock = async (iso) => {
    const res = await fetch(`${bed.emu.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(iso ? { now: iso } : { offsetMs: 0 }),
    })
    expect(res.ok).toBe(true)
  }
  return bed
}

/** Database writes in the metrics since the last reset. */
export async function writesSinceReset(emu: RunningEmulator): Promise<number> {
  const { byAction } = await metrics(emu)
  return Object.entries(byAction)
    .filter(([a]) => /insert|modify|remove|update|delete|Transaction/i.test(a))
    .reduce((n, [, c]) => n + c, 0)
}

// The studio's part of the test bed: a studio of community A (so both demo-secretary and the district office manage
// it, and demo-secretary-b does not), its representatives, 民情 left the way the form leaves them, and the clock on a
// known Monday morning in Shanghai (deadlines count working days).
import crypto from 'crypto'
import type { Caller } from '../helpers/api'
import { Bed, useBed } from '../helpers/bed'

/** Monday 7 December 2026, 10:00 in Shanghai; 15 working days later is Monday 28 December. */
export const MONDAY = '2026-12-07'
export const at = (date: string, clock: string) => `${date}T${clock}:00+08:00`
/** The seeded studio, managed by 东湖街道党工委: only the district office manages it among the demo people. */
export const SEEDED_STUDIO = 'site-donghu-studio'

export interface StudioBed extends Bed {
  /** A new studio of community A (registered by demo-secretary through the site function). */
  studio(): Promise<string>
  /** A representative of `siteId`, linked to `linked`'s account when given. */
  rep(siteId: string, linked?: Caller, overrides?: Record<string, unknown>): Promise<string>
  /** A 民情 left by `by`; answers its id. */
  leave(by: Caller, siteId: string, overrides?: Record<string, unknown>): Promise<string>
  /** Moves a case along `events` as `by`, each expected to succeed. */
  move(by: Caller, id: string, ...events: string[]): Promise<void>
}

export const caseInput = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  siteId, kind: 'problem', content: '小区东门路灯坏了两个星期，晚上老人出门看不清路。', requestId: crypto.randomBytes(8).toString('hex'), ...overrides,
})

export function useStudioBed(): StudioBed {
  const bed = useBed() as StudioBed
  beforeAll(async () => { await bed.setClock(at(MONDAY, '10:00')) })
  let n = 0
  bed.studio = async () => {
    const r = await bed.demo['demo-secretary'].call('site', 'create', {
      type: 'studio', name: `幸福里党代表工作室${++n}`, address: '幸福里社区服务中心二楼', location: { lat: 30.54, lng: 114.36 },
      hours: [{ day: 1, start: '09:00', end: '17:00' }], capacity: 10, contact: { name: '幸福里社区党委', phone: '027-86661234' },
    })
    if (!r.ok) throw new Error(`studio: ${JSON.stringify(r)}`)
    return r.data.id
  }
  bed.rep = async (siteId, linked, overrides = {}) => {
    const r = await bed.demo['demo-secretary'].call('studio', 'saveRep', {
      siteId, name: '周建华', term: '第十三届区党代表', phone: '13812341234', ...(linked ? { openid: linked.openid } : {}), ...overrides,
    })
    if (!r.ok) throw new Error(`rep: ${JSON.stringify(r)}`)
    return r.data.id
  }
  bed.leave = async (by, siteId, overrides = {}) => {
    const r = await by.call('studio', 'submit', caseInput(siteId, overrides))
    if (!r.ok) throw new Error(`submit: ${JSON.stringify(r)}`)
    return r.data.id
  }
  bed.move = async (by, id, ...events) => {
    for (const event of events) {
      const r = await by.call('studio', 'act', { id, event, ...(event === 'close' ? { reply: '已联系物业更换路灯，今晚恢复照明。' } : {}) })
      if (!r.ok) throw new Error(`${event}: ${JSON.stringify(r)}`)
    }
  }
  return bed
}

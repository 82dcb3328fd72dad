// The classroom's part of the test bed: classes scheduled the way a secretary schedules them, the code on the
// screen, and the hall the classes are held in (with places at known distances from it: see northOf).
import type { Caller } from '../helpers/api'
import { Bed, useBed } from '../helpers/bed'

export const MINUTE = 60_000
export const SLOT = 15_000
/** 幸福里社区党群服务中心 (seeded), the place of the classes scheduled here. */
export const HALL = { lat: 30.5431, lng: 114.3627 }

export interface Testbed extends Bed {
  /** Schedules a class (valid unless `overrides` say otherwise) by `secretary` (demo-secretary) and returns its id. */
  schedule(overrides?: Record<string, unknown>, secretary?: Caller): Promise<string>
  /** The code on the screen now, shown by `secretary` (demo-secretary). */
  code(classId: string, secretary?: Caller): Promise<{ token: string; url: string; expiresAt: string; signedIn: number; latest: any[] }>
}

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

/** The bed (with `env` added to the emulator's environment). */
export function useTestbed(env?: Record<string, string>): Testbed {
  const bed = useBed(env) as Testbed
  bed.schedule = async (overrides = {}, secretary = bed.demo['demo-secretary']) => {
    const start = new Date((await bed.now()).getTime() + 60 * MINUTE)
    const r = await secretary.call('classroom', 'create', classInput(start, overrides))
    if (!r.ok) throw new Error(`create: ${JSON.stringify(r)}`)
    return r.data.id
  }
  bed.code = async (classId, secretary = bed.demo['demo-secretary']) => {
    const r = await secretary.call('classroom', 'code', { classId })
    if (!r.ok) throw new Error(`code: ${JSON.stringify(r)}`)
    return r.data
  }
  return bed
}

/** The class as stored, with its instants as Dates. */
export async function storedClass(bed: Bed, id: string) {
  const c = await bed.stored('classes', id)
  return { ...c, start: new Date(c.start), end: new Date(c.end), opensAt: new Date(c.opensAt), lateAt: new Date(c.lateAt) }
}

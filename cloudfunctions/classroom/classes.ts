// Classes: the list a person sees, a class's page, scheduling, editing and cancelling one, and its rotating sign-in
// code on the big screen.
import type { z } from 'zod'
import type { ClassroomInput, ClassroomOutput, classroomSchemas } from '../../contract/classroom'
import {
  CHECKIN_PAGE, CLASSROOM_LIMITS, DEFAULT_OPENS_BEFORE_MINUTES, GEOFENCE, LATE_AFTER_MINUTES, PRESENT_STATUSES,
} from '../../contract/classroom'
import { audited, updateAudited } from '../common/audit'
import { rotatingToken } from '../common/checkInToken'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { loadOrg, orgInScope } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import { findDoc, loadDoc, pageAfter, withFreshId } from '../common/query'
import { publicH5Url } from '../common/publicUrl'
import { shanghaiMonth } from '../common/time'
import { resolveLecturer } from './lecturers'
import { attendanceId, AttendanceDoc, ClassDoc, stateAt, toDetail, toSummary } from './model'
import { whenAll } from '../common/whenAll'

const MINUTE = 60_000

/** The H5 address the sign-in QR code points to (the mini-program opens it through the plain-link QR rule). */
const checkInUrl = (token: string) => `${publicH5Url()}/#/${CHECKIN_PAGE}?t=${token}`

const records = () => database().collection(COLLECTIONS.attendance)

export const loadClass = (classId: string) => loadDoc<ClassDoc>(COLLECTIONS.classes, classId, () => fail.notFound('这节课'))

export function assertManages(person: PersonDoc, c: ClassDoc) {
  if (!inScope(person, c.orgPath)) throw fail.forbidden('这节课不在您管理的党组织内')
}

/** A class the caller manages. */
export async function managedClass(classId: string, person: PersonDoc): Promise<ClassDoc> {
  const c = await loadClass(classId)
  assertManages(person, c)
  return c
}

const countMembers = async (orgId: string): Promise<number> =>
  (await database().collection(COLLECTIONS.users).where({ status: 'approved', orgPath: orgId }).count()).total

/** The times of a class, checked against the clock, and what follows from them. */
function schedule(start: Date, end: Date, opensBefore: number, at: Date) {
  if (end.getTime() <= start.getTime()) throw fail.invalid('end', '结束时间应晚于开始时间')
  if (end.getTime() - start.getTime() > CLASSROOM_LIMITS.maxHours * 60 * MINUTE) {
    throw fail.invalid('end', `一节课最长 ${CLASSROOM_LIMITS.maxHours} 小时`)
  }
  if (end.getTime() <= at.getTime()) throw fail.invalid('end', '结束时间已经过去，请重新选择')
  if (start.getTime() > at.getTime() + CLASSROOM_LIMITS.maxDaysAhead * 24 * 60 * MINUTE) {
    throw fail.invalid('start', `最多提前 ${CLASSROOM_LIMITS.maxDaysAhead} 天安排课程`)
  }
  return {
    start, end, opensBefore,
    opensAt: new Date(start.getTime() - opensBefore * MINUTE),
    lateAt: new Date(start.getTime() + LATE_AFTER_MINUTES * MINUTE),
    month: shanghaiMonth(start),
  }
}

/**
 * Members see their organisations' classes and those open to all; secretaries also their subtree's. `to` alone: what
 * had ended by then, newest first. Otherwise what is still running at `from` (now) or later — and starts before `to`
 * when given — soonest first. The caller's own attendance comes along (one more read).
 */
export async function list(input: z.output<typeof classroomSchemas.list>, person: PersonDoc): Promise<ClassroomOutput['list']> {
  const at = now()
  const _ = database().command
  const conds: object[] = []
  if (person.role !== 'admin') {
    const visible: object[] = [{ orgId: _.in(person.orgPath) }, { openToAll: true }]
    if (person.role === 'secretary' && person.scopeOrgId) visible.push({ orgPath: person.scopeOrgId })
    conds.push(_.or(visible))
  }
  if (input.orgId) conds.push({ orgPath: input.orgId })
  const past = !!input.to && !input.from
  if (past) conds.push({ end: _.lte(input.to) })
  else conds.push({ end: _.gt(input.from ?? at) }, ...(input.to ? [{ start: _.lt(input.to) }] : []))
  const { rows, nextCursor } = await pageAfter<ClassDoc>({
    collection: COLLECTIONS.classes, where: conds, order: 'start', dir: past ? 'desc' : 'asc', size: CLASSROOM_LIMITS.page,
    cursor: input.cursor,
  })
  const mine = new Map<string, AttendanceDoc>()
  if (rows.length > 0) {
    const { data: recs } = await records().where({ _id: _.in(rows.map((c) => attendanceId(c._id, person._id))) }).limit(rows.length).get()
    for (const r of recs as AttendanceDoc[]) mine.set(r.classId, r)
  }
  return { items: rows.map((c) => toSummary(c, at, mine.get(c._id)?.status)), nextCursor }
}

/** Any member may open a class they have the link of (a class is no secret); lists show only their own. */
export async function read(classId: string, person: PersonDoc): Promise<ClassroomOutput['get']> {
  const [c, mine] = await whenAll([
    loadClass(classId),
    findDoc<AttendanceDoc>(COLLECTIONS.attendance, attendanceId(classId, person._id)),
  ])
  return toDetail(c, now(), mine, inScope(person, c.orgPath))
}

export async function create(input: z.output<typeof classroomSchemas.create>, person: PersonDoc): Promise<ClassroomOutput['create']> {
  const at = now()
  const org = await orgInScope(person, input.orgId, '只能为您管理的党组织安排课程')
  const times = schedule(input.start, input.end, input.opensBefore ?? DEFAULT_OPENS_BEFORE_MINUTES, at)
  const [lecturer, members] = await whenAll([
    resolveLecturer(input.lecturer, org),
    input.expected === undefined ? countMembers(org._id) : Promise.resolve(input.expected),
  ])
  const doc: Omit<ClassDoc, '_id'> = {
    title: input.title,
    topic: input.topic,
    category: input.category,
    description: input.description ?? '',
    lecturer,
    orgId: org._id,
    orgPath: org.path,
    orgName: org.name,
    place: input.place,
    ...times,
    geofence: input.geofence === undefined ? (input.place.location ? GEOFENCE.default : null) : input.geofence,
    expected: members,
    expectedByDefault: input.expected === undefined,
    ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
    openToAll: input.openToAll === true,
    status: 'scheduled',
    signedIn: 0,
    guests: 0,
    settled: false,
    version: 1,
    createdBy: person._id,
    createdByName: person.name,
    createdAt: at,
    updatedAt: at,
  }
  // A short random id: the check-in token carries it.
  return withFreshId((id) => audited(async (t) => {
    await t.collection(COLLECTIONS.classes).add({ _id: id, ...doc })
    return {
      result: { id },
      entry: {
        actor: person._id, actorName: person.name, action: 'classroom.create', targetType: 'class', targetId: id,
        detail: { title: doc.title, orgId: org._id, start: doc.start, expected: doc.expected },
      },
    }
  }))
}

/** Which of the class's fields an edit sets to something new, each from what to what (the audit entry's detail). */
function changes(c: ClassDoc, fields: Record<string, unknown>, keys: string[]) {
  const out: Record<string, { from: unknown; to: unknown }> = {}
  for (const k of keys.filter((key) => key in fields)) {
    const from = (c as unknown as Record<string, unknown>)[k]
    const to = fields[k]
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from: from ?? null, to: to ?? null }
  }
  return out
}

/** Checks that `c` can still be edited or cancelled at `at`, as the caller's own class. */
function assertChangeable(c: ClassDoc, person: PersonDoc, at: Date, verb: '修改' | '取消') {
  assertManages(person, c)
  if (c.status === 'cancelled') throw verb === '取消' ? fail.alreadyDone('这节课已经取消了') : fail.conflict('这节课已取消，不能修改')
  if (c.settled || stateAt(c, at) === 'ended') throw fail.conflict(`这节课已经结束，不能${verb}`)
}

/** The class edited by its manager, with an audit entry naming each field changed (the expected number included). */
export async function update(input: z.output<typeof classroomSchemas.update>, person: PersonDoc): Promise<ClassroomOutput['update']> {
  const at = now()
  const _ = database().command
  return updateAudited<ClassDoc, ClassroomOutput['update']>(COLLECTIONS.classes, input.classId, () => fail.notFound('这节课'), async (c) => {
    assertChangeable(c, person, at, '修改')
    const place = input.place ?? c.place
    let geofence = input.geofence !== undefined ? input.geofence : c.geofence
    if (!place.location) {
      if (typeof input.geofence === 'number') throw fail.invalid('geofence', '设置签到范围需要先选定上课地点的位置')
      geofence = null
    }
    const plain: Record<string, unknown> = {
      ...schedule(input.start ?? new Date(c.start), input.end ?? new Date(c.end), input.opensBefore ?? c.opensBefore, at),
      geofence,
    }
    for (const k of ['title', 'topic', 'category', 'description', 'capacity'] as const) {
      if (input[k] !== undefined) plain[k] = input[k]
    }
    if (input.openToAll !== undefined) plain.openToAll = input.openToAll
    if (input.expected !== undefined) Object.assign(plain, { expected: input.expected, expectedByDefault: false })
    const lecturer = input.lecturer
      ? await resolveLecturer(input.lecturer, await loadOrg(c.orgId, () => fail.notFound('这个党组织')))
      : c.lecturer
    const changed = changes(c, { ...plain, place, lecturer },
      ['title', 'topic', 'category', 'description', 'capacity', 'openToAll', 'expected', 'start', 'end', 'opensBefore', 'geofence', 'place', 'lecturer'])
    return {
      patch: { ...plain, place: _.set(place), ...(input.lecturer ? { lecturer: _.set(lecturer) } : {}), updatedAt: at, version: _.inc(1) },
      entry: {
        actor: person._id, actorName: person.name, action: 'classroom.update', targetType: 'class', targetId: c._id,
        detail: { title: c.title, changed },
      },
      result: { id: c._id },
    }
  })
}

export async function cancel(input: ClassroomInput['cancel'], person: PersonDoc): Promise<ClassroomOutput['cancel']> {
  const at = now()
  return updateAudited<ClassDoc, ClassroomOutput['cancel']>(COLLECTIONS.classes, input.classId, () => fail.notFound('这节课'), (c) => {
    assertChangeable(c, person, at, '取消')
    return {
      patch: { status: 'cancelled', cancelReason: input.reason, updatedAt: at, version: database().command.inc(1) },
      entry: {
        actor: person._id, actorName: person.name, action: 'classroom.cancel', targetType: 'class', targetId: c._id,
        reason: input.reason, detail: { title: c.title, start: c.start, signedIn: c.signedIn },
      },
      result: { id: c._id, state: 'cancelled' as const },
    }
  })
}

/** The sign-in screen: the token of the moment, its URL for the QR code, the live count and the latest names. */
export async function code(classId: string, person: PersonDoc): Promise<ClassroomOutput['code']> {
  const at = now()
  const _ = database().command
  const [c, { data: latest }, own] = await whenAll([
    loadClass(classId),
    records().where({ classId, status: _.in([...PRESENT_STATUSES]) }).orderBy('at', 'desc').limit(CLASSROOM_LIMITS.latest).get(),
    findDoc<AttendanceDoc>(COLLECTIONS.attendance, attendanceId(classId, person._id)),
  ])
  assertManages(person, c)
  if (c.status === 'cancelled') throw new ApiFailure('NOT_OPEN', '这节课已取消，不能显示签到码')
  const { token, expiresAt } = await rotatingToken('class', c._id, at)
  return {
    token,
    url: checkInUrl(token),
    expiresAt: expiresAt.toISOString(),
    title: c.title,
    state: stateAt(c, at),
    opensAt: new Date(c.opensAt).toISOString(),
    end: new Date(c.end).toISOString(),
    signedIn: c.signedIn,
    guests: c.guests ?? 0,
    expected: c.expected,
    latest: (latest as AttendanceDoc[]).map((r) => ({ name: r.name, status: r.status, at: new Date(r.at).toISOString() })),
    host: person.orgPath.includes(c.orgId) ? own?.status ?? 'none' : null,
  }
}

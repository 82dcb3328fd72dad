// Classes: the list a person sees, a class's page, scheduling, editing and cancelling one, and its rotating sign-in
// code on the big screen.
import type { z } from 'zod'
import type { ClassroomInput, ClassroomOutput, classroomSchemas } from '../../contract/classroom'
import {
  CHECKIN_PAGE, CLASSROOM_LIMITS, DEFAULT_OPENS_BEFORE_MINUTES, GEOFENCE, LATE_AFTER_MINUTES, PRESENT_STATUSES,
} from '../../contract/classroom'
import { writeAudit } from '../common/audit'
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

const MINUTE = 60_000

/** The H5 address the sign-in QR code points to (the mini-program opens it through the plain-link QR rule). */
const checkInUrl = (token: string) => `${publicH5Url()}/#/${CHECKIN_PAGE}?t=${token}`

const classes = () => database().collection(COLLECTIONS.classes)
const records = () => database().collection(COLLECTIONS.attendance)

export const loadClass = (classId: string) => loadDoc<ClassDoc>(COLLECTIONS.classes, classId, () => fail.notFound('这节课'))

export function assertManages(person: PersonDoc, c: ClassDoc) {
  if (!inScope(person, c.orgPath)) throw fail.forbidden('这节课不在你管理的党组织内')
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
  const [c, mine] = await Promise.all([
    loadClass(classId),
    findDoc<AttendanceDoc>(COLLECTIONS.attendance, attendanceId(classId, person._id)),
  ])
  return toDetail(c, now(), mine, inScope(person, c.orgPath))
}

export async function create(input: z.output<typeof classroomSchemas.create>, person: PersonDoc): Promise<ClassroomOutput['create']> {
  const at = now()
  const org = await orgInScope(person, input.orgId, '只能为你管理的党组织安排课程')
  const times = schedule(input.start, input.end, input.opensBefore ?? DEFAULT_OPENS_BEFORE_MINUTES, at)
  const [lecturer, members] = await Promise.all([
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
    settled: false,
    version: 1,
    createdBy: person._id,
    createdByName: person.name,
    createdAt: at,
    updatedAt: at,
  }
  // A short random id: the check-in token carries it.
  return withFreshId(async (id) => {
    await classes().add({ _id: id, ...doc })
    return { id }
  })
}

export async function update(input: z.output<typeof classroomSchemas.update>, person: PersonDoc): Promise<ClassroomOutput['update']> {
  const at = now()
  const c = await managedClass(input.classId, person)
  if (c.status === 'cancelled') throw fail.conflict('这节课已取消，不能修改')
  if (c.settled || stateAt(c, at) === 'ended') throw fail.conflict('这节课已经结束，不能修改')
  const place = input.place ?? c.place
  let geofence = input.geofence !== undefined ? input.geofence : c.geofence
  if (!place.location) {
    if (typeof input.geofence === 'number') throw fail.invalid('geofence', '设置签到范围需要先选定上课地点的位置')
    geofence = null
  }
  const _ = database().command
  const fields: Record<string, unknown> = {
    ...schedule(input.start ?? new Date(c.start), input.end ?? new Date(c.end), input.opensBefore ?? c.opensBefore, at),
    place: _.set(place),
    geofence,
    updatedAt: at,
    version: _.inc(1),
  }
  for (const k of ['title', 'topic', 'category', 'description', 'capacity'] as const) {
    if (input[k] !== undefined) fields[k] = input[k]
  }
  if (input.openToAll !== undefined) fields.openToAll = input.openToAll
  if (input.expected !== undefined) Object.assign(fields, { expected: input.expected, expectedByDefault: false })
  if (input.lecturer) {
    fields.lecturer = _.set(await resolveLecturer(input.lecturer, await loadOrg(c.orgId, () => fail.notFound('这个党组织'))))
  }
  const res = await classes().where({ _id: c._id, version: c.version }).update(fields)
  if (!res.updated) throw fail.conflict('这节课刚刚被修改过，请刷新后再试')
  return { id: c._id }
}

export async function cancel(input: ClassroomInput['cancel'], person: PersonDoc): Promise<ClassroomOutput['cancel']> {
  const at = now()
  const c = await managedClass(input.classId, person)
  if (c.status === 'cancelled') throw fail.alreadyDone('这节课已经取消了')
  if (c.settled || stateAt(c, at) === 'ended') throw fail.conflict('这节课已经结束，不能取消')
  const res = await classes().where({ _id: c._id, version: c.version, status: 'scheduled' })
    .update({ status: 'cancelled', cancelReason: input.reason, updatedAt: at, version: database().command.inc(1) })
  if (!res.updated) throw fail.conflict('这节课刚刚被修改过，请刷新后再试')
  await writeAudit(database(), {
    actor: person._id, actorName: person.name, action: 'classroom.cancel', targetType: 'class', targetId: c._id,
    reason: input.reason, detail: { title: c.title, start: c.start, signedIn: c.signedIn },
  })
  return { id: c._id, state: 'cancelled' }
}

/** The sign-in screen: the token of the moment, its URL for the QR code, the live count and the latest names. */
export async function code(classId: string, person: PersonDoc): Promise<ClassroomOutput['code']> {
  const at = now()
  const _ = database().command
  const [c, { data: latest }] = await Promise.all([
    loadClass(classId),
    records().where({ classId, status: _.in([...PRESENT_STATUSES]) }).orderBy('at', 'desc').limit(CLASSROOM_LIMITS.latest).get(),
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
    expected: c.expected,
    latest: (latest as AttendanceDoc[]).map((r) => ({ name: r.name, status: r.status, at: new Date(r.at).toISOString() })),
  }
}

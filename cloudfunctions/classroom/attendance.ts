// Taking part in a class: signing in by scanning the rotating code, being marked by hand, the attendance list and
// its export.
import type { AttendanceRow, AttendanceStatus, ClassroomInput, ClassroomOutput, MarkStatus } from '../../contract/classroom'
import { ATTENDANCE_STATUS_LABELS, MARK_WINDOW_DAYS } from '../../contract/classroom'
import { writeAudit } from '../common/audit'
import { readRotatingToken } from '../common/checkInToken'
import { database, isDuplicateWrite, isTransactionConflict } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { round3 } from '../common/figures'
import { inScope, loadPerson, PersonDoc } from '../common/people'
import { findDoc } from '../common/query'
import { shanghaiClock, shanghaiDateTime } from '../common/time'
import { assertNear, distanceMetres } from '../common/geo'
import { assertManages, loadClass, managedClass } from './classes'
import { exportAttendance } from './export'
import { changeAttending, settleClass } from './figures'
import { attendanceId, AttendanceDoc, ClassDoc, isPresent, minutesOf, stateAt } from './model'

const MAX_ROWS = 1000

const records = () => database().collection(COLLECTIONS.attendance)

/** A new attendance record of `person` at `c`: who they are, and a snapshot of the class for their study record. */
const newRecord = (c: ClassDoc, person: PersonDoc, taking: Pick<AttendanceDoc, 'status' | 'by' | 'at'> & Partial<AttendanceDoc>): AttendanceDoc => ({
  _id: attendanceId(c._id, person._id),
  classId: c._id,
  openid: person._id,
  name: person.name,
  orgId: person.orgId,
  orgName: person.orgName,
  expected: person.orgPath.includes(c.orgId),
  ...taking,
  classTitle: c.title,
  classCategory: c.category,
  classOrgName: c.orgName,
  classStart: c.start,
  classMinutes: minutesOf(c),
})

/** Why a class does not take a sign-in at `at`, in words the person can act on; null when it does. */
function whyClosed(c: ClassDoc, at: Date): ApiFailure | null {
  if (c.status === 'cancelled') return new ApiFailure('NOT_OPEN', `“${c.title}”已取消，无需签到`)
  if (at.getTime() < new Date(c.opensAt).getTime()) {
    return new ApiFailure('NOT_OPEN', `“${c.title}”还没有开始签到，签到将于 ${shanghaiDateTime(new Date(c.opensAt))} 开放`)
  }
  if (at.getTime() > new Date(c.end).getTime()) return new ApiFailure('NOT_OPEN', `“${c.title}”已经结束，签到已关闭。如需补记，请联系党组织书记`)
  return null
}

/** Refuses a sign-in from outside the class's geofence (when it has one); answers the distance when known. */
function checkPlace(c: ClassDoc, location: ClassroomInput['checkIn']['location']): number | undefined {
  const centre = c.place.location
  if (!centre) return undefined
  if (!c.geofence) return location ? Math.round(distanceMetres(location, centre)) : undefined
  return Math.round(assertNear(location, centre, c.geofence, {
    missing: '这节课需要核对你是否在上课地点，请允许获取你的位置后再签到',
    far: (metres) => `你距离${c.place.name}约 ${metres} 米，需要在 ${c.geofence} 米以内签到。请到达上课地点后再扫码`,
  }))
}

/**
 * Signs the caller in. The happy path is four database operations, the router's read of the person included: the
 * person, the class, the insert of the record under its deterministic id, then the class's live count. The record
 * comes first: a function stopped between the two leaves the count short, and the recount sets it from the records
 * (figures.ts). A repeat stores and counts nothing.
 */
export async function checkIn(input: ClassroomInput['checkIn'], person: PersonDoc): Promise<ClassroomOutput['checkIn']> {
  const at = now()
  const classId = await readRotatingToken('class', input.token, at)
  const c = await findDoc<ClassDoc>(COLLECTIONS.classes, classId)
  if (!c) throw new ApiFailure('NOT_FOUND', '没有找到这节课，请扫描大屏上最新的签到码')
  const closed = whyClosed(c, at)
  if (closed) throw closed
  const distance = checkPlace(c, input.location)
  const status: 'on-time' | 'late' = at.getTime() > new Date(c.lateAt).getTime() ? 'late' : 'on-time'
  const id = attendanceId(c._id, person._id)
  const scan = {
    status, by: 'scan' as const, at,
    ...(input.location ? { location: input.location } : {}),
    ...(distance !== undefined ? { distance } : {}),
  }
  const answer = { status, at: at.toISOString(), classId: c._id, title: c.title }
  try {
    await records().add(newRecord(c, person, scan))
    await changeAttending(c._id, 1)
    return answer
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }

  // A record exists: a repeat, or the secretary marked this person on leave or absent before they arrived.
  const first = await findDoc<AttendanceDoc>(COLLECTIONS.attendance, id)
  if (first && !isPresent(first.status)) {
    const _ = database().command
    const res = await records().where({ _id: id, status: first.status })
      .update({ ...scan, reason: _.remove(), markedBy: _.remove(), markedByName: _.remove() })
    // They came after all.
    if (res.updated) {
      await changeAttending(c._id, 1)
      return answer
    }
  }
  const shown = first && isPresent(first.status) ? first : undefined
  throw fail.alreadyDone(
    shown ? `你已于 ${shanghaiClock(new Date(shown.at))} 签到（${ATTENDANCE_STATUS_LABELS[shown.status]}），无需重复签到` : '你已经签到过了，无需重复签到',
    shown ? { status: shown.status, at: new Date(shown.at).toISOString() } : undefined,
  )
}

const MARKED: Record<MarkStatus, AttendanceStatus> = { present: 'present', leave: 'leave', absent: 'absent' }
const DAY = 24 * 60 * 60_000

/**
 * Whom `actor` may mark at `c`: an approved person of the class's organisation or of the actor's own scope. Anyone
 * else is answered as someone who does not exist, so the answer never tells which openids do.
 */
function markable(actor: PersonDoc, c: ClassDoc, target: PersonDoc | null): PersonDoc {
  if (target && target.status === 'approved' && (target.orgPath.includes(c.orgId) || inScope(actor, target.orgPath))) return target
  throw new ApiFailure('NOT_FOUND', '这节课的党组织和你管理的党组织中没有这位党员')
}

/**
 * The secretary records by hand that a member came, is on leave or was absent, with a reason. Marking closes
 * MARK_WINDOW_DAYS after the class ends; after that only the district office corrects the register. The record and
 * its audit entry are written in one transaction; the live count follows the record (see checkIn).
 */
export async function mark(input: ClassroomInput['mark'], actor: PersonDoc): Promise<ClassroomOutput['mark']> {
  const [c, found] = await Promise.all([loadClass(input.classId), loadPerson(input.userId)])
  assertManages(actor, c)
  const at = now()
  if (c.status === 'cancelled') throw fail.conflict('这节课已取消，不能登记出勤')
  const afterClose = at.getTime() > new Date(c.end).getTime() + MARK_WINDOW_DAYS * DAY
  if (afterClose && actor.role !== 'admin') {
    throw new ApiFailure('NOT_OPEN', `这节课结束已超过 ${MARK_WINDOW_DAYS} 天，出勤登记已关闭。如需更正，请联系区委党建办`)
  }
  const target = markable(actor, c, found)
  const status = MARKED[input.status]
  if (isPresent(status) && at.getTime() < new Date(c.opensAt).getTime()) {
    throw fail.conflict(`这节课还没有开始签到（${shanghaiDateTime(new Date(c.opensAt))} 开放），现在只能登记请假`)
  }
  const id = attendanceId(c._id, target._id)
  const handwritten = { status, by: 'hand' as const, at, reason: input.reason, markedBy: actor._id, markedByName: actor.name }
  let outcome: { from?: AttendanceStatus; to: AttendanceStatus; changed: boolean } = { to: status, changed: false }
  try {
    await database().runTransaction(async (t: any) => {
      const { data } = await t.collection(COLLECTIONS.attendance).doc(id).get()
      const existing = data as AttendanceDoc | null
      // Marking someone present who scanned keeps the scan; the same mark twice changes nothing.
      const kept = !!existing && ((isPresent(existing.status) && isPresent(status)) || (existing.status === status && existing.reason === input.reason))
      outcome = { from: existing?.status, to: kept ? existing!.status : status, changed: !kept }
      if (kept) return
      if (existing) {
        await t.collection(COLLECTIONS.attendance).doc(id).update(handwritten)
      } else {
        const { _id, ...fresh } = newRecord(c, target, handwritten)
        await t.collection(COLLECTIONS.attendance).doc(_id).set(fresh)
      }
      await writeAudit(t, {
        actor: actor._id,
        actorName: actor.name,
        action: 'classroom.mark',
        targetType: 'attendance',
        targetId: id,
        reason: input.reason,
        detail: {
          classId: c._id, title: c.title, userId: target._id, name: target.name, from: existing?.status ?? null, to: status,
          ...(afterClose ? { afterClose } : {}),
        },
      })
    })
  } catch (err) {
    if (isTransactionConflict(err)) throw fail.conflict('这位党员刚刚签到或被登记过，请刷新后再试')
    throw err
  }
  const delta = Number(isPresent(outcome.to)) - Number(isPresent(outcome.from))
  if (outcome.changed && delta !== 0) await changeAttending(c._id, delta)
  return { userId: target._id, status: outcome.to }
}

const ORDER: Record<AttendanceRow['status'], number> = { 'on-time': 0, late: 1, present: 2, leave: 3, absent: 4, none: 5 }

/** The attendance list of a class the caller manages. The first look after the end counts the class into its month
 * (where no timer has done it yet). */
export async function attendance(classId: string, person: PersonDoc): Promise<ClassroomOutput['attendance']> {
  const at = now()
  const c = await managedClass(classId, person)
  await settleClass(c, at)
  return attendanceOf(c, at)
}

/** The attendance list of a class the caller manages, as a workbook. */
export async function exportOf(classId: string, person: PersonDoc): Promise<ClassroomOutput['export']> {
  const at = now()
  const c = await managedClass(classId, person)
  return exportAttendance(c, await attendanceOf(c, at), at)
}

/** The attendance of a class: every expected member (with or without a record) and every guest who came. */
async function attendanceOf(c: ClassDoc, at: Date): Promise<ClassroomOutput['attendance']> {
  const db = database()
  const [{ data: recs }, { data: members }] = await Promise.all([
    records().where({ classId: c._id }).orderBy('at', 'asc').limit(MAX_ROWS).get(),
    db.collection(COLLECTIONS.users).where({ status: 'approved', orgPath: c.orgId }).limit(MAX_ROWS).get(),
  ])
  const state = stateAt(c, at)
  const byPerson = new Map((recs as AttendanceDoc[]).map((r) => [r.openid, r]))
  const row = (r: AttendanceDoc): AttendanceRow => ({
    userId: r.openid, name: r.name, orgName: r.orgName, status: r.status, at: new Date(r.at).toISOString(), by: r.by,
    guest: !r.expected, ...(r.reason ? { reason: r.reason } : {}),
  })
  const items: AttendanceRow[] = (members as PersonDoc[]).map((m) => {
    const r = byPerson.get(m._id)
    byPerson.delete(m._id)
    return r ? row(r) : {
      userId: m._id, name: m.name, orgName: m.orgName, status: state === 'ended' ? 'absent' : 'none', at: null, by: null, guest: false,
    }
  })
  items.push(...[...byPerson.values()].map(row))
  items.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.at ?? '').localeCompare(b.at ?? '') || a.name.localeCompare(b.name, 'zh'))
  const counts = { 'on-time': 0, late: 0, present: 0, leave: 0, absent: 0, none: 0 }
  for (const i of items) counts[i.status] += 1
  const signedIn = counts['on-time'] + counts.late + counts.present
  return {
    classId: c._id,
    title: c.title,
    state,
    items,
    expected: c.expected,
    signedIn,
    onTime: counts['on-time'],
    late: counts.late,
    present: counts.present,
    leave: counts.leave,
    absent: counts.absent,
    rate: c.expected > 0 ? round3(Math.min(1, signedIn / c.expected)) : null,
  }
}

// Taking part in a class: signing in by scanning the rotating code, being marked by hand, the attendance list and
// its export.
import type { AttendanceRow, AttendanceStatus, ClassroomInput, ClassroomOutput, MarkStatus } from '../../contract/classroom'
import { ATTENDANCE_STATUS_LABELS, MARK_WINDOW_DAYS } from '../../contract/classroom'
import { distanceLabel } from '../../contract/common'
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
import { whenAll } from '../common/whenAll'
import { readReceipt, RECEIPT_MS, signReceipt } from './receipt'

const MAX_ROWS = 1000

const records = () => database().collection(COLLECTIONS.attendance)

/** 列席: the person is not a member of the class's organisation (or one under it). */
const isGuest = (c: ClassDoc, person: PersonDoc) => !person.orgPath.includes(c.orgId)

/** A new attendance record of `person` at `c`: who they are, and a snapshot of the class for their study record. */
const newRecord = (c: ClassDoc, person: PersonDoc, taking: Pick<AttendanceDoc, 'status' | 'by' | 'at'> & Partial<AttendanceDoc>): AttendanceDoc => ({
  _id: attendanceId(c._id, person._id),
  classId: c._id,
  openid: person._id,
  name: person.name,
  orgId: person.orgId,
  orgName: person.orgName,
  expected: !isGuest(c, person),
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
    missing: '这节课需要核对您是否在上课地点，请允许获取您的位置后再签到',
    far: (metres) => `您距离${c.place.name}约 ${distanceLabel(metres)}，需要在 ${c.geofence} 米以内签到。请到达上课地点后再扫码`,
  }))
}

/** The class `classId` as it takes a scan made at `at`: found, not cancelled, its sign-in open at that moment. */
async function classScannedAt(classId: string, at: Date): Promise<ClassDoc> {
  const c = await findDoc<ClassDoc>(COLLECTIONS.classes, classId)
  if (!c) throw new ApiFailure('NOT_FOUND', '没有找到这节课，请扫描大屏上最新的签到码')
  const closed = whyClosed(c, at)
  if (closed) throw closed
  return c
}

/** Someone who signed in already is told when, at once (a repeat scan needs no location step). */
function alreadySignedIn(first: AttendanceDoc | null | undefined) {
  const shown = first && isPresent(first.status) ? first : undefined
  return fail.alreadyDone(
    shown ? `您已于 ${shanghaiClock(new Date(shown.at))} 签到（${ATTENDANCE_STATUS_LABELS[shown.status]}），无需重复签到` : '您已经签到过了，无需重复签到',
    shown ? { status: shown.status, at: new Date(shown.at).toISOString() } : undefined,
  )
}

/**
 * Reads a scanned code at once, while it is valid, and hands back a receipt bound to the caller that completes the
 * sign-in (`checkIn`) within RECEIPT_MS: the scan counts as of now, however long the location step takes. Three
 * database operations: the person, the class and the caller's record (a repeat is told at once).
 */
export async function scan(input: ClassroomInput['scan'], person: PersonDoc): Promise<ClassroomOutput['scan']> {
  const at = now()
  const c = await classScannedAt(await readRotatingToken('class', input.token, at), at)
  const first = await findDoc<AttendanceDoc>(COLLECTIONS.attendance, attendanceId(c._id, person._id))
  if (first && isPresent(first.status)) throw alreadySignedIn(first)
  return {
    receipt: await signReceipt(c._id, person._id, at),
    expiresAt: new Date(at.getTime() + RECEIPT_MS).toISOString(),
    classId: c._id,
    title: c.title,
    orgName: c.orgName,
    placeName: c.place.name,
    start: new Date(c.start).toISOString(),
    needsLocation: !!(c.geofence && c.place.location),
    guest: isGuest(c, person),
  }
}

async function scannedNow(token: string) {
  const at = now()
  return { classId: await readRotatingToken('class', token, at), scannedAt: at }
}

/**
 * Signs the caller in, as of the moment they scanned: with a receipt from `scan`, or with the token scanned now. The
 * happy path is four database operations, the router's read of the person included: the person, the class, the
 * insert of the record under its deterministic id, then the class's live count (实到, or 列席 for a guest). The record
 * comes first: a function stopped between the two leaves the count short, and the recount sets it from the records
 * (figures.ts). A repeat stores and counts nothing.
 */
export async function checkIn(input: ClassroomInput['checkIn'], person: PersonDoc): Promise<ClassroomOutput['checkIn']> {
  const { classId, scannedAt: at } = input.receipt ? await readReceipt(input.receipt, person._id, now()) : await scannedNow(input.token!)
  const c = await classScannedAt(classId, at)
  const distance = checkPlace(c, input.location)
  const status: 'on-time' | 'late' = at.getTime() > new Date(c.lateAt).getTime() ? 'late' : 'on-time'
  const id = attendanceId(c._id, person._id)
  const scan = {
    status, by: 'scan' as const, at,
    ...(input.location ? { location: input.location } : {}),
    ...(distance !== undefined ? { distance } : {}),
  }
  const guest = isGuest(c, person)
  const answer = { status, at: at.toISOString(), classId: c._id, title: c.title, guest }
  try {
    await records().add(newRecord(c, person, scan))
    await changeAttending(c._id, 1, guest)
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
      await changeAttending(c._id, 1, !first.expected)
      return answer
    }
  }
  throw alreadySignedIn(first)
}

const MARKED: Record<MarkStatus, AttendanceStatus> = { present: 'present', leave: 'leave', absent: 'absent' }
const DAY = 24 * 60 * 60_000

/**
 * Whom `actor` may mark at `c`: an approved person of the class's organisation or of the actor's own scope. Anyone
 * else is answered as someone who does not exist, so the answer never tells which openids do.
 */
function markable(actor: PersonDoc, c: ClassDoc, target: PersonDoc | null): PersonDoc {
  if (target && target.status === 'approved' && (target.orgPath.includes(c.orgId) || inScope(actor, target.orgPath))) return target
  throw new ApiFailure('NOT_FOUND', '这节课的党组织和您管理的党组织中没有这位党员')
}

/**
 * The secretary records by hand that a member came, is on leave or was absent, with a reason. Marking closes
 * MARK_WINDOW_DAYS after the class ends; after that only the district office corrects the register. The record and
 * its audit entry are written in one transaction; the live count follows the record (see checkIn).
 */
export async function mark(input: ClassroomInput['mark'], actor: PersonDoc): Promise<ClassroomOutput['mark']> {
  const [c, found] = await whenAll([loadClass(input.classId), loadPerson(input.userId)])
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
  // `guest`: the side of the count the record is on (its own `expected`, as the recount reads it).
  let outcome: { from?: AttendanceStatus; to: AttendanceStatus; changed: boolean; guest: boolean } = { to: status, changed: false, guest: false }
  try {
    await database().runTransaction(async (t: any) => {
      const { data } = await t.collection(COLLECTIONS.attendance).doc(id).get()
      const existing = data as AttendanceDoc | null
      // Marking someone present who scanned keeps the scan; the same mark twice changes nothing.
      const kept = !!existing && ((isPresent(existing.status) && isPresent(status)) || (existing.status === status && existing.reason === input.reason))
      outcome = {
        from: existing?.status, to: kept ? existing!.status : status, changed: !kept, guest: existing ? !existing.expected : isGuest(c, target),
      }
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
        also: [{ type: 'class', id: c._id }, { type: 'user', id: target._id }],
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
  if (outcome.changed && delta !== 0) await changeAttending(c._id, delta, outcome.guest)
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

/** The attendance of a class: every expected member (with or without a record) and every guest (列席) on record. The
 * counts and the rate are the expected members'; guests attending are counted apart. */
async function attendanceOf(c: ClassDoc, at: Date): Promise<ClassroomOutput['attendance']> {
  const db = database()
  const [{ data: recs }, { data: members }] = await whenAll([
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
  let guests = 0
  for (const i of items) {
    if (!i.guest) counts[i.status] += 1
    else if (i.status !== 'none' && isPresent(i.status)) guests += 1
  }
  const signedIn = counts['on-time'] + counts.late + counts.present
  return {
    classId: c._id,
    title: c.title,
    state,
    items,
    expected: c.expected,
    signedIn,
    guests,
    onTime: counts['on-time'],
    late: counts.late,
    present: counts.present,
    leave: counts.leave,
    absent: counts.absent,
    rate: c.expected > 0 ? round3(Math.min(1, signedIn / c.expected)) : null,
  }
}

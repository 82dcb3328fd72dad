// A class and an attendance record as stored, and the shapes readers see of them.
import type {
  AttendanceStatus, ClassCategory, ClassDetail, ClassPlace, ClassState, ClassSummary,
} from '../../contract/classroom'
import { PRESENT_STATUSES } from '../../contract/classroom'

export interface ClassDoc {
  /** 8 base64url characters, so a check-in token can carry it (common/checkInToken.ts). */
  _id: string
  title: string
  topic: string
  category: ClassCategory
  description: string
  /** A snapshot: the class keeps its lecturer's name when the roster changes. `id` when picked from the roster. */
  lecturer: { id?: string; name: string; title: string }
  /** The organising organisation; its members are expected. */
  orgId: string
  orgPath: string[]
  orgName: string
  place: ClassPlace
  start: Date
  end: Date
  /** Minutes before the start that sign-in opens, and the instants derived from the times (the check-in's filter). */
  opensBefore: number
  opensAt: Date
  lateAt: Date
  /** The Asia/Shanghai month of the start: the month the class counts in. */
  month: string
  geofence: number | null
  expected: number
  /** `expected` was counted from the organisation's members (not typed in). */
  expectedByDefault: boolean
  capacity?: number
  openToAll: boolean
  status: 'scheduled' | 'cancelled'
  cancelReason?: string
  /** Expected members attending (scanned, or marked present by hand): the live count of 实到. */
  signedIn: number
  /** Guests from other organisations attending (列席), apart from signedIn; absent on classes stored before. */
  guests?: number
  /** Counted into the monthly figures (it ended, not cancelled). */
  settled: boolean
  settledAt?: Date
  /** Bumped by every edit, the cancellation and the settlement: each is conditional on the version it read. */
  version: number
  createdBy: string
  createdByName: string
  createdAt: Date
  updatedAt: Date
}

export interface AttendanceDoc {
  /** `${classId}_${openid}`: one record per person per class, whatever the retries. */
  _id: string
  classId: string
  openid: string
  name: string
  orgId: string
  orgName: string
  /** The person belongs to the organising organisation (else a guest at a class open to all). */
  expected: boolean
  status: AttendanceStatus
  by: 'scan' | 'hand'
  at: Date
  location?: { lat: number; lng: number; accuracy?: number }
  /** Metres from the class's place, when both are known. */
  distance?: number
  reason?: string
  markedBy?: string
  markedByName?: string
  /** A snapshot of the class for the person's study record. */
  classTitle: string
  classCategory: ClassCategory
  classOrgName: string
  classStart: Date
  classMinutes: number
}

export const attendanceId = (classId: string, openid: string) => `${classId}_${openid}`
export const isPresent = (status: AttendanceStatus | undefined) => !!status && PRESENT_STATUSES.includes(status)
export const minutesOf = (c: Pick<ClassDoc, 'start' | 'end'>) =>
  Math.round((new Date(c.end).getTime() - new Date(c.start).getTime()) / 60000)

export function stateAt(c: Pick<ClassDoc, 'status' | 'opensAt' | 'end'>, at: Date): ClassState {
  if (c.status === 'cancelled') return 'cancelled'
  if (at.getTime() > new Date(c.end).getTime()) return 'ended'
  if (at.getTime() >= new Date(c.opensAt).getTime()) return 'open'
  return 'upcoming'
}

const iso = (d: Date) => new Date(d).toISOString()

export function toSummary(c: ClassDoc, at: Date, myStatus?: AttendanceStatus): ClassSummary {
  const out: ClassSummary = {
    id: c._id,
    title: c.title,
    topic: c.topic,
    category: c.category,
    lecturerName: c.lecturer.name,
    orgId: c.orgId,
    orgName: c.orgName,
    place: c.place,
    start: iso(c.start),
    end: iso(c.end),
    state: stateAt(c, at),
    openToAll: c.openToAll,
    expected: c.expected,
    signedIn: c.signedIn,
    guests: c.guests ?? 0,
  }
  if (c.capacity !== undefined) out.capacity = c.capacity
  if (myStatus) out.myStatus = myStatus
  return out
}

export function toDetail(c: ClassDoc, at: Date, mine: AttendanceDoc | undefined, canManage: boolean): ClassDetail {
  const out: ClassDetail = {
    ...toSummary(c, at, mine?.status),
    description: c.description,
    lecturer: c.lecturer,
    geofence: c.geofence,
    opensAt: iso(c.opensAt),
    lateAt: iso(c.lateAt),
    canManage,
  }
  if (c.cancelReason) out.cancelReason = c.cancelReason
  if (mine) out.mine = { status: mine.status, at: iso(mine.at) }
  return out
}


// 新时代党员大课堂: classes, the lecturer roster, the rotating sign-in code, attendance, coverage and study records.
// Signing in and marking are in attendance.ts, the monthly figures in figures.ts, the workbook in export.ts.
import type { ClassroomOutput, ClassSummary, Lecturer, OrgCoverage, StudyMonth, StudyRecord } from '../../contract/classroom'
import {
  CHECKIN_PAGE, CLASSROOM_LIMITS, classroomSchemas, DEFAULT_OPENS_BEFORE_MINUTES, GEOFENCE, LATE_AFTER_MINUTES,
  PRESENT_STATUSES,
} from '../../contract/classroom'
import type { Org } from '../../contract/user'
import { writeAudit } from '../common/audit'
import { newShortId, rotatingToken } from '../common/checkInToken'
import { database, isDuplicateWrite } from '../common/cloud'
import { now } from '../common/clock'
import { publicH5Url } from '../common/publicUrl'
import { decodeCursor, encodeCursor } from '../common/cursor'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { inScope, loadPerson, PersonDoc } from '../common/people'
import { action, ActionTable } from '../common/router'
import { shanghaiMonth, shanghaiYear, yearRange } from '../common/time'
import { attendanceOf, checkIn, loadClass, mark } from './attendance'
import { attendanceWorkbook, saveExport } from './export'
import { ClassMonthDoc, settleClass, settleDue } from './figures'
import { attendanceId, AttendanceDoc, ClassDoc, isPresent, stateAt, toDetail, toSummary } from './model'

const MINUTE = 60_000
const MAX_ROWS = 1000

type OrgDoc = { _id: string; name: string; type: Org['type']; parentId: string | null; path: string[] }
interface LecturerDoc { _id: string; orgId: string; orgName: string; name: string; title: string; topics: string[] }

/** The H5 address the sign-in QR code points to (the mini-program opens it through the plain-link QR rule). */
export const checkInUrl = (token: string) => `${publicH5Url()}/#/${CHECKIN_PAGE}?t=${token}`

const classes = () => database().collection(COLLECTIONS.classes)
const records = () => database().collection(COLLECTIONS.attendance)

async function loadOrg(orgId: string): Promise<OrgDoc> {
  const { data } = await database().collection(COLLECTIONS.orgs).doc(orgId).get()
  const org = data?.[0] as OrgDoc | undefined
  if (!org) throw fail.notFound('这个党组织')
  return org
}

async function loadLecturer(id: string): Promise<LecturerDoc> {
  const { data } = await database().collection(COLLECTIONS.lecturers).doc(id).get()
  const l = data?.[0] as LecturerDoc | undefined
  if (!l) throw fail.invalid('lecturer.id', '没有找到这位讲师，请重新选择')
  return l
}

/** The organisation a secretary acts for when none is named: theirs; the district for the district office. */
function defaultOrg(person: PersonDoc): string {
  const orgId = person.role === 'admin' ? person.orgPath[0] : person.scopeOrgId
  if (!orgId) throw fail.forbidden('你还没有被指定管理的党组织')
  return orgId
}

function assertManages(person: PersonDoc, c: ClassDoc) {
  if (!inScope(person, c.orgPath)) throw fail.forbidden('这节课不在你管理的党组织内')
}

const countMembers = async (orgId: string): Promise<number> =>
  (await database().collection(COLLECTIONS.users).where({ status: 'approved', orgPath: orgId }).count()).total

/** The lecturer as the class keeps it: picked from a roster the organisation may use, or typed in. */
async function resolveLecturer(input: { id?: string; name?: string; title?: string }, org: OrgDoc): Promise<ClassDoc['lecturer']> {
  if (!input.id) return { name: input.name!, title: input.title ?? '' }
  const l = await loadLecturer(input.id)
  if (!org.path.includes(l.orgId)) throw fail.invalid('lecturer.id', '这位讲师不在本组织可选的讲师队伍中')
  return { id: l._id, name: l.name, title: l.title }
}

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

const toLecturer = (l: LecturerDoc): Lecturer =>
  ({ id: l._id, name: l.name, title: l.title, topics: l.topics, orgId: l.orgId, orgName: l.orgName })

const round3 = (x: number) => Math.round(x * 1000) / 1000

/**
 * The grassroots organisations coverage is counted over (基层党组织): communities, 两新 organisations and agencies,
 * and branches standing on their own; a branch of a community is covered through its community's figures.
 */
const GRASSROOTS: ReadonlyArray<Org['type']> = ['community', 'twoNew', 'agency']
const isGrassroots = (type: Org['type'], parentType: Org['type'] | undefined) =>
  GRASSROOTS.includes(type) || (type === 'branch' && !(parentType && GRASSROOTS.includes(parentType)))

export const classroomActions: ActionTable = {
  list: action('member', classroomSchemas.list, async (input, { openid, person }): Promise<ClassroomOutput['list']> => {
    const at = now()
    const _ = database().command
    const conds: object[] = []
    // Members see their organisations' classes and those open to all; secretaries also their subtree's.
    if (person.role !== 'admin') {
      const visible: object[] = [{ orgId: _.in(person.orgPath) }, { openToAll: true }]
      if (person.role === 'secretary' && person.scopeOrgId) visible.push({ orgPath: person.scopeOrgId })
      conds.push(_.or(visible))
    }
    if (input.orgId) conds.push({ orgPath: input.orgId })
    // `to` alone: what had ended by then, newest first. Otherwise what is still running at `from` (now) or
    // later — and starts before `to` when given — soonest first.
    const past = !!input.to && !input.from
    if (past) conds.push({ end: _.lte(input.to) })
    else conds.push({ end: _.gt(input.from ?? at) }, ...(input.to ? [{ start: _.lt(input.to) }] : []))
    if (input.cursor) {
      const [start, id] = decodeCursor(input.cursor)
      conds.push(past
        ? _.or([{ start: _.lt(start) }, { start, _id: _.lt(id) }])
        : _.or([{ start: _.gt(start) }, { start, _id: _.gt(id) }]))
    }
    const dir = past ? 'desc' : 'asc'
    const { data } = await classes().where(_.and(conds)).orderBy('start', dir).orderBy('_id', dir)
      .limit(CLASSROOM_LIMITS.page + 1).get()
    const rows = (data as ClassDoc[]).slice(0, CLASSROOM_LIMITS.page)
    const mine = new Map<string, AttendanceDoc>()
    if (rows.length > 0) {
      const { data: recs } = await records().where({ _id: _.in(rows.map((c) => attendanceId(c._id, openid))) }).limit(rows.length).get()
      for (const r of recs as AttendanceDoc[]) mine.set(r.classId, r)
    }
    const last = rows[rows.length - 1]
    return {
      items: rows.map((c): ClassSummary => toSummary(c, at, mine.get(c._id)?.status)),
      nextCursor: data.length > CLASSROOM_LIMITS.page && last ? encodeCursor(last.start, last._id) : null,
    }
  }),

  // Any member may open a class they have the link of (a class is no secret); lists show only their own.
  get: action('member', classroomSchemas.get, async (input, { openid, person }): Promise<ClassroomOutput['get']> => {
    const [c, { data }] = await Promise.all([
      loadClass(input.classId),
      records().doc(attendanceId(input.classId, openid)).get(),
    ])
    return toDetail(c, now(), data?.[0] as AttendanceDoc | undefined, inScope(person, c.orgPath))
  }),

  create: action('secretary', classroomSchemas.create, async (input, { openid, person }): Promise<ClassroomOutput['create']> => {
    const at = now()
    const org = await loadOrg(input.orgId ?? defaultOrg(person))
    if (!inScope(person, org.path)) throw fail.forbidden('只能为你管理的党组织安排课程')
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
      createdBy: openid,
      createdByName: person.name,
      createdAt: at,
      updatedAt: at,
    }
    // A short random id (the token carries it); a collision, practically never, draws again.
    for (let attempt = 0; ; attempt++) {
      const id = newShortId()
      try {
        await classes().add({ _id: id, ...doc })
        return { id }
      } catch (err) {
        if (!isDuplicateWrite(err) || attempt >= 2) throw err
      }
    }
  }),

  update: action('secretary', classroomSchemas.update, async (input, { person }): Promise<ClassroomOutput['update']> => {
    const at = now()
    const c = await loadClass(input.classId)
    assertManages(person, c)
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
    if (input.lecturer) fields.lecturer = _.set(await resolveLecturer(input.lecturer, await loadOrg(c.orgId)))
    const res = await classes().where({ _id: c._id, version: c.version }).update(fields)
    if (!res.updated) throw fail.conflict('这节课刚刚被修改过，请刷新后再试')
    return { id: c._id }
  }),

  cancel: action('secretary', classroomSchemas.cancel, async (input, { person }): Promise<ClassroomOutput['cancel']> => {
    const at = now()
    const c = await loadClass(input.classId)
    assertManages(person, c)
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
  }),

  lecturers: action('secretary', classroomSchemas.lecturers, async (input, { person }): Promise<ClassroomOutput['lecturers']> => {
    const at = now()
    const org = await loadOrg(input.orgId ?? defaultOrg(person))
    if (!inScope(person, org.path)) throw fail.forbidden('只能管理你所在党组织的讲师队伍')
    const roster = database().collection(COLLECTIONS.lecturers)
    const own = async (id: string) => {
      const l = await loadLecturer(id)
      if (l.orgId !== org._id) throw fail.forbidden('只能修改本组织讲师队伍中的讲师')
      return l
    }
    const out: Pick<ClassroomOutput['lecturers'], 'saved' | 'removed'> = {}
    if (input.save) {
      const fields = { name: input.save.name, title: input.save.title ?? '', topics: input.save.topics ?? [], updatedAt: at }
      if (input.save.id) {
        const l = await own(input.save.id)
        await roster.doc(l._id).update({ ...fields, topics: database().command.set(fields.topics) })
        out.saved = l._id
      } else {
        out.saved = (await roster.add({ orgId: org._id, orgName: org.name, ...fields, createdAt: at })).id as string
      }
    }
    if (input.remove) {
      await roster.doc((await own(input.remove))._id).remove()
      out.removed = input.remove
    }
    const { data } = await roster.where({ orgId: database().command.in(org.path) }).limit(MAX_ROWS).get()
    // The organisation's own lecturers first, then those of the organisations above, nearest first.
    const depth = (l: LecturerDoc) => -org.path.indexOf(l.orgId)
    const items = (data as LecturerDoc[]).sort((a, b) => depth(a) - depth(b) || a.name.localeCompare(b.name, 'zh')).map(toLecturer)
    return { orgId: org._id, items, ...out }
  }),

  code: action('secretary', classroomSchemas.code, async (input, { person }): Promise<ClassroomOutput['code']> => {
    const at = now()
    const _ = database().command
    const [c, { data: latest }] = await Promise.all([
      loadClass(input.classId),
      records().where({ classId: input.classId, status: _.in([...PRESENT_STATUSES]) }).orderBy('at', 'desc')
        .limit(CLASSROOM_LIMITS.latest).get(),
    ])
    assertManages(person, c)
    if (c.status === 'cancelled') throw new ApiFailure('NOT_OPEN', '这节课已取消，不能显示签到码')
    const { token, expiresAt } = rotatingToken('class', c._id, at)
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
  }),

  checkIn: action('member', classroomSchemas.checkIn, (input, { person }) => checkIn(input, person)),

  mark: action('secretary', classroomSchemas.mark, async (input, { person }): Promise<ClassroomOutput['mark']> => {
    const [c, target] = await Promise.all([loadClass(input.classId), loadPerson(input.userId)])
    assertManages(person, c)
    if (!target || target.status !== 'approved') throw fail.notFound('这位党员')
    return mark(c, target, input, person)
  }),

  attendance: action('secretary', classroomSchemas.attendance, async (input, { person }): Promise<ClassroomOutput['attendance']> => {
    const at = now()
    const c = await loadClass(input.classId)
    assertManages(person, c)
    // The first look after the end counts the class into its month (where no timer has done it yet).
    await settleClass(c, at)
    return attendanceOf(c, at)
  }),

  export: action('secretary', classroomSchemas.export, async (input, { person }): Promise<ClassroomOutput['export']> => {
    const at = now()
    const c = await loadClass(input.classId)
    assertManages(person, c)
    const file = await attendanceWorkbook(c, await attendanceOf(c, at))
    return saveExport(c, file, at)
  }),

  coverage: action('secretary', classroomSchemas.coverage, async (input, { person }): Promise<ClassroomOutput['coverage']> => {
    const at = now()
    const month = input.month ?? shanghaiMonth(at)
    const orgId = input.orgId ?? defaultOrg(person)
    const db = database()
    const { data: orgs } = await db.collection(COLLECTIONS.orgs).where({ path: orgId }).limit(MAX_ROWS).get()
    const root = (orgs as OrgDoc[]).find((o) => o._id === orgId)
    if (!root) throw fail.notFound('这个党组织')
    if (!inScope(person, root.path)) throw fail.forbidden('这个党组织不在你管理的范围内')
    await settleDue(at, orgId)
    const { data: figures } = await db.collection(COLLECTIONS.classMonths).where({ month, orgPath: orgId }).limit(MAX_ROWS).get()
    const byOrg = new Map((figures as ClassMonthDoc[]).map((f) => [f.orgId, f]))
    const children = new Map<string, OrgDoc[]>()
    for (const o of orgs as OrgDoc[]) {
      if (o._id === orgId || !o.parentId) continue
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
    }
    const items: OrgCoverage[] = []
    // Tree order: each organisation followed by the organisations under it.
    const visit = (o: OrgDoc) => {
      const f = byOrg.get(o._id)
      items.push({
        orgId: o._id, orgName: o.name, orgType: o.type, parentId: o.parentId,
        classesHeld: f?.classesHeld ?? 0, attendees: f?.attendees ?? 0, expected: f?.expected ?? 0,
        rate: f?.expected ? round3(Math.min(1, f.attendees / f.expected)) : null,
        covered: (f?.classesHeld ?? 0) > 0,
      })
      for (const c of children.get(o._id) ?? []) visit(c)
    }
    visit(root)
    const typeOf = new Map((orgs as OrgDoc[]).map((o) => [o._id, o.type]))
    const grassroots = items.filter((i) => isGrassroots(i.orgType as Org['type'], i.parentId ? typeOf.get(i.parentId) : undefined))
    const covered = grassroots.filter((g) => g.covered).length
    const top = items[0]
    return {
      month,
      orgId,
      items,
      summary: {
        orgs: grassroots.length, covered, uncovered: grassroots.length - covered,
        classesHeld: top.classesHeld, attendees: top.attendees, rate: top.rate,
      },
    }
  }),

  mine: action('member', classroomSchemas.mine, async (input, { openid }): Promise<ClassroomOutput['mine']> => {
    const year = input.year ?? shanghaiYear(now())
    const [from, to] = yearRange(year)
    const _ = database().command
    const { data } = await records().where(_.and([{ openid }, { classStart: _.gte(from) }, { classStart: _.lt(to) }]))
      .orderBy('classStart', 'desc').limit(MAX_ROWS).get()
    const months = new Map<string, StudyMonth>()
    const items: StudyRecord[] = []
    let minutes = 0
    for (const r of data as AttendanceDoc[]) {
      const month = shanghaiMonth(new Date(r.classStart))
      const m = months.get(month) ?? { month, classes: 0, late: 0, leave: 0, minutes: 0 }
      if (isPresent(r.status)) {
        m.classes += 1
        m.minutes += r.classMinutes
        minutes += r.classMinutes
      }
      if (r.status === 'late') m.late += 1
      if (r.status === 'leave') m.leave += 1
      months.set(month, m)
      items.push({
        classId: r.classId, title: r.classTitle, category: r.classCategory, orgName: r.classOrgName,
        start: new Date(r.classStart).toISOString(), status: r.status, at: new Date(r.at).toISOString(), minutes: r.classMinutes,
      })
    }
    return {
      year,
      total: items.filter((i) => isPresent(i.status)).length,
      minutes,
      months: [...months.values()].sort((a, b) => b.month.localeCompare(a.month)),
      items,
    }
  }),
}

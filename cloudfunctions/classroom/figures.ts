// Monthly class figures, pre-counted so coverage reads one document per organisation, never the classes:
//   classMonths      `${orgId}_${YYYY-MM}`:  classesHeld, attendees, expected — for the class's organisation and
//                                             every organisation above it (a street's figure is its own document);
//   classSiteMonths  `${siteId}_${YYYY-MM}`: siteId, month, classesHeld, attendees — read by the site function.
// The month is the Asia/Shanghai month of the class's start.
//
// A class enters the figures when it is held: once it has ended, not cancelled ("settled"). Settling is one
// conditional update of the class (on the version and the live count it read), then the increments. A sign-in or a
// hand mark that changes the live count after that adds its change to the figures itself (it sees `settled` on the
// document its increment returns), so nothing is counted twice or lost. Classes are settled by the function's timer
// and, where no timer runs (the emulator), by whoever looks first: coverage, the attendance list. The same timer
// recounts the month from the attendance records — each class's live count and the figures — and sets whatever
// drifted (a function stopped between writing a record and counting it).
import { PRESENT_STATUSES } from '../../contract/classroom'
import { database, Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { bump, CountedFigures, Figures, recentMonths, setFigures } from '../common/figures'
import { ancestors } from '../common/orgs'
import { findDoc, readAll } from '../common/query'
import type { ClassDoc } from './model'
import { whenAll } from '../common/whenAll'

/** Class ids per `in` query of the recount. */
const IN_BATCH = 500

export interface ClassMonthDoc {
  _id: string
  orgId: string
  /** The organisation's own path: `where({ month, orgPath: X })` reads X's whole subtree. */
  orgPath: string[]
  month: string
  classesHeld: number
  attendees: number
  /** Expected attendees of the classes held: the denominator of the attendance rate. */
  expected: number
}

export interface ClassSiteMonthDoc {
  _id: string
  siteId: string
  month: string
  classesHeld: number
  attendees: number
}

/** What a class adds to its month's figures when it is settled, or when its live count changes after that. */
export interface ClassFigureChange {
  class: Pick<ClassDoc, 'orgPath' | 'month' | 'place'>
  classesHeld: number
  attendees: number
  expected: number
}

const classes = () => database().collection(COLLECTIONS.classes)

/** Adds a change to the figures of the class's organisation, every organisation above it, and its site. */
async function record(db: Database, { class: c, classesHeld, attendees, expected }: ClassFigureChange) {
  const { month } = c
  await whenAll([
    ...ancestors(c.orgPath).map(({ orgId, orgPath }) =>
      bump(db, COLLECTIONS.classMonths, `${orgId}_${month}`, { orgId, orgPath, month }, { classesHeld, attendees, expected })),
    ...(c.place.siteId
      ? [bump(db, COLLECTIONS.classSiteMonths, `${c.place.siteId}_${month}`, { siteId: c.place.siteId, month }, { classesHeld, attendees })]
      : []),
  ])
}

/** Counts a class that has ended into its month's figures, once. Returns whether this call counted it. */
export async function settleClass(c: ClassDoc, at: Date): Promise<boolean> {
  const _ = database().command
  let cls: ClassDoc | undefined = c
  for (let attempt = 0; attempt < 3 && cls; attempt++) {
    if (cls.settled || cls.status !== 'scheduled' || new Date(cls.end).getTime() >= at.getTime()) return false
    const res = await classes()
      .where({ _id: cls._id, version: cls.version, signedIn: cls.signedIn, settled: false })
      .update({ settled: true, settledAt: at, version: _.inc(1) })
    if (res.updated) {
      await record(database(), { class: cls, classesHeld: 1, attendees: cls.signedIn, expected: cls.expected })
      return true
    }
    // Someone signed in, was marked or settled it meanwhile: look again.
    cls = await findDoc<ClassDoc>(COLLECTIONS.classes, cls._id)
  }
  return false
}

/** Settles the classes that have ended and are not counted yet (of one organisation's subtree, or all). */
export async function settleDue(at: Date, orgId?: string): Promise<number> {
  const _ = database().command
  const where: Record<string, unknown> = { status: 'scheduled', settled: false, end: _.lt(at) }
  if (orgId) where.orgPath = orgId
  const { data } = await classes().where(where).orderBy('end', 'asc').limit(100).get()
  const done = await whenAll((data as ClassDoc[]).map((c) => settleClass(c, at)))
  return done.filter(Boolean).length
}

/**
 * Changes the live count of a class by `delta` (a sign-in or a hand mark, once its record is written) and, when the
 * class is already in the figures, the figures too. Returns the class as it is after the change, or undefined when
 * it is gone.
 */
export async function changeAttending(classId: string, delta: number): Promise<ClassDoc | undefined> {
  const _ = database().command
  const res = await classes().where({ _id: classId }).updateAndReturn({ signedIn: _.inc(delta) })
  const doc = res.doc as ClassDoc | undefined
  if (doc) await followSettled(doc, delta)
  return doc
}

/** After the live count of `doc` changed by `delta`: a settled class's figures follow. */
export async function followSettled(doc: ClassDoc, delta: number) {
  if (doc.settled && delta !== 0) await record(database(), { class: doc, classesHeld: 0, attendees: delta, expected: 0 })
}

/** People attending each class (its records of someone present), counted by the database. */
async function attendeesOf(db: Database, classIds: string[]): Promise<Map<string, number>> {
  const _ = db.command
  const out = new Map<string, number>()
  for (let i = 0; i < classIds.length; i += IN_BATCH) {
    const { data } = await db.collection(COLLECTIONS.attendance).aggregate()
      .match({ classId: _.in(classIds.slice(i, i + IN_BATCH)), status: _.in([...PRESENT_STATUSES]) })
      .group({ _id: '$classId', n: { $sum: 1 } })
      .limit(IN_BATCH)
      .end()
    for (const r of data as Array<{ _id: string; n: number }>) out.set(r._id, r.n)
  }
  return out
}

/** The month's classes (of `where`) with their attendees counted from the records. */
async function countedClasses(db: Database, where: Record<string, unknown>): Promise<Array<{ c: ClassDoc; attendees: number }>> {
  const list = await readAll<ClassDoc>(db, COLLECTIONS.classes, where)
  const attendees = await attendeesOf(db, list.map((c) => c._id))
  return list.map((c) => ({ c, attendees: attendees.get(c._id) ?? 0 }))
}

/** A month's organisation and site figures as its held classes' records add them up. */
async function countMonth(db: Database, month: string) {
  const orgs = new Map<string, CountedFigures>()
  const sites = new Map<string, CountedFigures>()
  const add = (into: Map<string, CountedFigures>, id: string, fresh: Record<string, unknown>, values: Record<string, number>) => {
    const f = into.get(id) ?? { fresh, values: {} }
    for (const [k, v] of Object.entries(values)) f.values[k] = (f.values[k] ?? 0) + v
    into.set(id, f)
  }
  for (const { c, attendees } of await countedClasses(db, { month, settled: true, status: 'scheduled' })) {
    for (const { orgId, orgPath } of ancestors(c.orgPath)) {
      add(orgs, `${orgId}_${month}`, { orgId, orgPath, month }, { classesHeld: 1, attendees, expected: c.expected })
    }
    if (c.place.siteId) add(sites, `${c.place.siteId}_${month}`, { siteId: c.place.siteId, month }, { classesHeld: 1, attendees })
  }
  return { orgs, sites }
}

/**
 * Rebuilds a month from the attendance records: the live count of each of its classes, then the figures of its held
 * classes, setting what differs (setFigures). Returns how many documents it repaired (0 when all was right).
 */
async function recountMonth(db: Database, month: string): Promise<number> {
  const liveCounts = await setFigures(db, COLLECTIONS.classes, { month }, ['signedIn'], async () =>
    new Map((await countedClasses(db, { month })).map(({ c, attendees }) => [c._id, { fresh: {}, values: { signedIn: attendees } }])))
  const orgFigures = await setFigures(db, COLLECTIONS.classMonths, { month }, ['classesHeld', 'attendees', 'expected'],
    async () => (await countMonth(db, month)).orgs)
  const siteFigures = await setFigures(db, COLLECTIONS.classSiteMonths, { month }, ['classesHeld', 'attendees'],
    async () => (await countMonth(db, month)).sites)
  return liveCounts + orgFigures + siteFigures
}

/**
 * The class figures: recorded as classes are settled and settled classes' counts change. The timer settles the
 * classes that have ended and recounts this month and the last.
 */
export const classroomFigures: Figures<ClassFigureChange> = {
  record,
  recountMonth,
  async timer(db, at) {
    const settled = await settleDue(at)
    const [month, previous] = recentMonths(at)
    return { settled, repaired: (await recountMonth(db, month)) + (await recountMonth(db, previous)) }
  },
}

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
// recounts the month from the classes and repairs any drift (a function stopped between two writes).
import { database, Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { bump, Figures, recentMonths } from '../common/figures'
import { ancestors } from '../common/orgs'
import { findDoc, readAll } from '../common/query'
import type { ClassDoc } from './model'

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
  await Promise.all([
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
  const done = await Promise.all((data as ClassDoc[]).map((c) => settleClass(c, at)))
  return done.filter(Boolean).length
}

/**
 * Changes the live count of a class by `delta` (a sign-in, a compensation, a hand mark) and, when the class is
 * already in the figures, the figures too. Returns the class as it is after the change, or undefined when it is gone.
 */
export async function changeAttending(classId: string, delta: number, where: Record<string, unknown> = {}): Promise<ClassDoc | undefined> {
  const _ = database().command
  const res = await classes().where({ ...where, _id: classId }).updateAndReturn({ signedIn: _.inc(delta) })
  const doc = res.doc as ClassDoc | undefined
  if (doc) await followSettled(doc, delta)
  return doc
}

/** After the live count of `doc` changed by `delta`: a settled class's figures follow. */
export async function followSettled(doc: ClassDoc, delta: number) {
  if (doc.settled && delta !== 0) await record(database(), { class: doc, classesHeld: 0, attendees: delta, expected: 0 })
}

/**
 * Rebuilds a month's figures from its settled classes and writes the documents that differ. Returns how many
 * documents it repaired (0 when the live figures were right).
 */
async function recountMonth(db: Database, month: string): Promise<number> {
  const [held, orgFigures, siteFigures] = await Promise.all([
    readAll<ClassDoc>(db, COLLECTIONS.classes, { month, settled: true, status: 'scheduled' }),
    readAll<ClassMonthDoc>(db, COLLECTIONS.classMonths, { month }),
    readAll<ClassSiteMonthDoc>(db, COLLECTIONS.classSiteMonths, { month }),
  ])
  const orgs = new Map<string, ClassMonthDoc>()
  const sites = new Map<string, ClassSiteMonthDoc>()
  for (const f of orgFigures) orgs.set(f._id, { ...f, classesHeld: 0, attendees: 0, expected: 0 })
  for (const f of siteFigures) sites.set(f._id, { ...f, classesHeld: 0, attendees: 0 })
  for (const c of held) {
    for (const { orgId, orgPath } of ancestors(c.orgPath)) {
      const id = `${orgId}_${month}`
      const f = orgs.get(id) ?? { _id: id, orgId, orgPath, month, classesHeld: 0, attendees: 0, expected: 0 }
      f.classesHeld += 1
      f.attendees += c.signedIn
      f.expected += c.expected
      orgs.set(id, f)
    }
    if (c.place.siteId) {
      const id = `${c.place.siteId}_${month}`
      const f = sites.get(id) ?? { _id: id, siteId: c.place.siteId, month, classesHeld: 0, attendees: 0 }
      f.classesHeld += 1
      f.attendees += c.signedIn
      sites.set(id, f)
    }
  }
  const liveOrgs = new Map(orgFigures.map((f) => [f._id, f]))
  const liveSites = new Map(siteFigures.map((f) => [f._id, f]))
  const wrong = <T extends { _id: string }>(live: Map<string, T>, right: T, keys: Array<keyof T>) =>
    !live.has(right._id) || keys.some((k) => live.get(right._id)![k] !== right[k])
  const writes = [
    ...[...orgs.values()].filter((f) => wrong(liveOrgs, f, ['classesHeld', 'attendees', 'expected']))
      .map(({ _id, ...f }) => db.collection(COLLECTIONS.classMonths).doc(_id).set(f)),
    ...[...sites.values()].filter((f) => wrong(liveSites, f, ['classesHeld', 'attendees']))
      .map(({ _id, ...f }) => db.collection(COLLECTIONS.classSiteMonths).doc(_id).set(f)),
  ]
  await Promise.all(writes)
  return writes.length
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

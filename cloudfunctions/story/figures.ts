// Pre-counted monthly story figures per organisation: one `storyStats` document per organisation and month
// (`${orgId}_${YYYY-MM}`), incremented as events happen, for the story's organisation and every ancestor, so a
// street's figure is its own document, never a sum over its communities at read time. The function's timer
// recounts the current and the previous month from the stories and repairs any drift (recountMonth).
import type { OrgFigures, StoryFigures, StoryInput, StoryOutput } from '../../contract/story'
import { database, Database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { bump, Figures, recentMonths } from '../common/figures'
import { ancestors, defaultOrgId, subtreeInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { readAll } from '../common/query'
import { monthRange, shanghaiMonth } from '../common/time'
import { whenAll } from '../common/whenAll'

export type FigureEvent = keyof StoryFigures
export const FIGURE_EVENTS: FigureEvent[] = ['submitted', 'approved', 'featured', 'aboutRetired']

export const statsDocId = (orgId: string, month: string) => `${orgId}_${month}`

export interface StatsDoc extends StoryFigures {
  _id: string
  orgId: string
  /** The organisation's own path, root first: `where({ month, orgPath: X })` reads X's whole subtree at once. */
  orgPath: string[]
  month: string
}

export function emptyStats(orgPath: string[], month: string): StatsDoc {
  const orgId = orgPath[orgPath.length - 1]
  return { _id: statsDocId(orgId, month), orgId, orgPath, month, submitted: 0, approved: 0, featured: 0, aboutRetired: 0 }
}

/** Events that happened to a story of the organisation at the end of `orgPath`, at `at`. */
export interface StoryFigureChange { orgPath: string[]; at: Date; events: FigureEvent[] }

/**
 * Adds the events to the month's figures of the organisation at the end of `orgPath` and of each of its ancestors:
 * one operation per organisation once the month's document exists.
 */
async function record(db: Database, { orgPath, at, events }: StoryFigureChange) {
  if (events.length === 0) return
  const month = shanghaiMonth(at)
  const delta = Object.fromEntries(events.map((e) => [e, 1]))
  await whenAll(ancestors(orgPath).map(({ orgPath: path }) => {
    const { _id, ...fresh } = emptyStats(path, month)
    return bump(db, COLLECTIONS.storyStats, _id, fresh, delta)
  }))
}

/** The fields of a story its figures are recounted from. */
interface CountedStory {
  _id: string
  orgPath: string[]
  /** Whether the story was about a retired member when it was submitted (what `aboutRetired` counted). */
  aboutRetired: boolean
  featured: boolean
}

/** Every story whose `field` falls in [start, end). */
function storiesIn(db: Database, field: 'submittedAt' | 'publishedAt', [start, end]: [Date, Date]): Promise<CountedStory[]> {
  const _ = db.command
  return readAll<CountedStory>(db, COLLECTIONS.stories, { [field]: _.gte(start).and(_.lt(end)) },
    { orgPath: true, aboutRetired: true, featured: true })
}

/**
 * Rebuilds a month's figures from the stories (submitted in it, published in it) and writes the documents that
 * differ: the repair of any drift (a function stopped between the story's write and its figures'). Returns how many
 * documents it repaired. An event counted live while it runs may be overwritten; the next run puts it back.
 */
async function recountMonth(db: Database, month: string): Promise<number> {
  const range = monthRange(month)
  const [submitted, published, figures] = await whenAll([
    storiesIn(db, 'submittedAt', range),
    storiesIn(db, 'publishedAt', range),
    db.collection(COLLECTIONS.storyStats).where({ month }).limit(1000).get(),
  ])
  const live = figures.data as StatsDoc[]
  const right = new Map<string, StatsDoc>()
  for (const f of live) right.set(f._id, { ...emptyStats(f.orgPath, month) })
  const add = (s: CountedStory, events: FigureEvent[]) => ancestors(s.orgPath).forEach(({ orgPath }) => {
    const empty = emptyStats(orgPath, month)
    const doc = right.get(empty._id) ?? empty
    for (const e of events) doc[e] += 1
    right.set(doc._id, doc)
  })
  for (const s of submitted) add(s, s.aboutRetired ? ['submitted', 'aboutRetired'] : ['submitted'])
  for (const s of published) add(s, s.featured ? ['approved', 'featured'] : ['approved'])
  const byId = new Map(live.map((f) => [f._id, f]))
  const wrong = [...right.values()].filter((f) => FIGURE_EVENTS.some((e) => byId.get(f._id)?.[e] !== f[e]))
  await whenAll(wrong.map(({ _id, ...f }) => db.collection(COLLECTIONS.storyStats).doc(_id).set(f)))
  return wrong.length
}

/** The story figures: recorded as stories are submitted and published; the timer recounts this month and the last. */
export const storyFigures: Figures<StoryFigureChange> = {
  record,
  recountMonth,
  async timer(db, at) {
    const [month, previous] = recentMonths(at)
    return { repaired: (await recountMonth(db, month)) + (await recountMonth(db, previous)) }
  },
}

/**
 * The organisation asked for (else the caller's) and every organisation under it, with their figures for the month.
 * Two reads whatever the tree's size: the organisations under it, and their figures.
 */
export async function stats(input: StoryInput['stats'], person: PersonDoc): Promise<StoryOutput['stats']> {
  const month = input.month ?? shanghaiMonth(now())
  const orgId = input.orgId ?? defaultOrgId(person)
  const [orgs, { data: figures }] = await whenAll([
    subtreeInScope(person, orgId),
    database().collection(COLLECTIONS.storyStats).where({ month, orgPath: orgId }).limit(1000).get(),
  ])
  const byOrg = new Map((figures as StatsDoc[]).map((f) => [f.orgId, f]))
  const items = orgs.map((o): OrgFigures => {
    const f = byOrg.get(o._id)
    const row = { orgId: o._id, orgName: o.name, orgType: o.type, parentId: o.parentId } as OrgFigures
    for (const e of FIGURE_EVENTS) row[e] = f?.[e] ?? 0
    return row
  })
  return { month, orgId, items }
}

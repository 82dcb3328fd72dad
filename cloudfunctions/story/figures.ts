// Pre-counted monthly story figures per organisation: one `storyStats` document per organisation and month
// (`${orgId}_${YYYY-MM}`), incremented as events happen, for the story's organisation and every ancestor, so a
// street's figure is its own document, never a sum over its communities at read time. The function's timer
// recounts the current and the previous month from the stories and repairs any drift (recountMonth).
import type { StoryFigures } from '../../contract/story'
import { isDuplicateWrite } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { monthRange, shanghaiMonth } from '../common/time'

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

/**
 * Adds `events` to the month's figures of the organisation at the end of `orgPath` and of each of its ancestors.
 * Per organisation: update with `_.inc`; if the month's document does not exist yet, add it with the counts; if a
 * concurrent call added it first (duplicate write), update again. Exact under concurrency, one operation per
 * organisation once the month's document exists.
 */
export async function countEvents(db: any, orgPath: string[], at: Date, events: FigureEvent[]) {
  if (events.length === 0) return
  const month = shanghaiMonth(at)
  const _ = db.command
  const inc: Record<string, unknown> = {}
  for (const e of events) inc[e] = _.inc(1)
  const stats = db.collection(COLLECTIONS.storyStats)
  await Promise.all(orgPath.map(async (_org, i) => {
    const doc = emptyStats(orgPath.slice(0, i + 1), month)
    const first = await stats.doc(doc._id).update(inc)
    if (first.updated > 0) return
    const { _id, ...fresh } = doc
    for (const e of events) fresh[e] = 1
    try {
      await stats.add({ _id, ...fresh })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      await stats.doc(_id).update(inc)
    }
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

/** Every story whose `field` falls in [start, end), paged by _id (a batch job: no skip, no limit on the month). */
async function storiesIn(db: any, field: 'submittedAt' | 'publishedAt', [start, end]: [Date, Date]): Promise<CountedStory[]> {
  const _ = db.command
  const out: CountedStory[] = []
  for (;;) {
    const where: Record<string, unknown> = { [field]: _.gte(start).and(_.lt(end)) }
    if (out.length) where._id = _.gt(out[out.length - 1]._id)
    const { data } = await db.collection(COLLECTIONS.stories).where(where).orderBy('_id', 'asc').limit(1000)
      .field({ orgPath: true, aboutRetired: true, featured: true }).get()
    out.push(...(data as CountedStory[]))
    if (data.length < 1000) return out
  }
}

/**
 * Rebuilds a month's figures from the stories (submitted in it, published in it) and writes the documents that
 * differ: the repair of any drift (a function stopped between the story's write and its figures'). Returns how many
 * documents it repaired. An event counted live while it runs may be overwritten; the next run puts it back.
 */
export async function recountMonth(db: any, month: string): Promise<number> {
  const range = monthRange(month)
  const [submitted, published, figures] = await Promise.all([
    storiesIn(db, 'submittedAt', range),
    storiesIn(db, 'publishedAt', range),
    db.collection(COLLECTIONS.storyStats).where({ month }).limit(1000).get() as Promise<{ data: StatsDoc[] }>,
  ])
  const live = figures.data
  const right = new Map<string, StatsDoc>()
  for (const f of live) right.set(f._id, { ...emptyStats(f.orgPath, month) })
  const add = (s: CountedStory, events: FigureEvent[]) => s.orgPath.forEach((_org, i) => {
    const empty = emptyStats(s.orgPath.slice(0, i + 1), month)
    const doc = right.get(empty._id) ?? empty
    for (const e of events) doc[e] += 1
    right.set(doc._id, doc)
  })
  for (const s of submitted) add(s, s.aboutRetired ? ['submitted', 'aboutRetired'] : ['submitted'])
  for (const s of published) add(s, s.featured ? ['approved', 'featured'] : ['approved'])
  const byId = new Map(live.map((f) => [f._id, f]))
  const wrong = [...right.values()].filter((f) => FIGURE_EVENTS.some((e) => byId.get(f._id)?.[e] !== f[e]))
  await Promise.all(wrong.map(({ _id, ...f }) => db.collection(COLLECTIONS.storyStats).doc(_id).set(f)))
  return wrong.length
}

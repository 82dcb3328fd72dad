// Pre-counted monthly story figures per organisation: one `storyStats` document per organisation and month
// (`${orgId}_${YYYY-MM}`), incremented as events happen, for the story's organisation and every ancestor, so a
// street's figure is its own document, never a sum over its communities at read time.
import type { StoryFigures } from '../../contract/story'
import { isDuplicateWrite } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { shanghaiMonth } from '../common/time'

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

// Monthly case figures per studio and representative (`studioMonths`, one document per studio and month, each
// representative's figures inside it), counted as cases are received, closed and rated; the recount (the daily
// timer, or the admin by hand) rebuilds a month from the cases and sets what drifted.
import type { StudioFigures, StudioInput, StudioOutput } from '../../contract/studio'
import { database, Database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { bump, Figures, recentMonths, setFigures } from '../common/figures'
import type { PersonDoc } from '../common/people'
import { findDoc, readAll } from '../common/query'
import { shanghaiMonth } from '../common/time'
import { CaseDoc, FIGURE_KEYS, figuresOf, repKey, studioMonthId, tally, withRep } from './model'
import { activeReps, loadStudio, managesStudio } from './reps'

export interface CaseFigureChange { siteId: string; repId?: string; month: string; delta: Partial<StudioFigures> }

async function record(db: Database, { siteId, repId, month, delta }: CaseFigureChange) {
  await bump(db, COLLECTIONS.studioMonths, studioMonthId(siteId, month), { siteId, month }, withRep(delta, repId))
}

async function recountMonth(db: Database, month: string): Promise<number> {
  const _ = db.command
  const count = async () => {
    const byId = new Map<string, CaseDoc>()
    for (const where of [{ month }, { closedMonth: month }, { ratedMonth: month }]) {
      for (const c of await readAll<CaseDoc>(db, COLLECTIONS.studioCases, where,
        { siteId: true, repId: true, month: true, status: true, closedMonth: true, closeDays: true, ratedMonth: true, rating: true })) byId.set(c._id, c)
    }
    return tally([...byId.values()], month)
  }
  // Every representative's keys, so a figure the cases no longer support is set to zero too.
  const reps = await readAll<{ _id: string }>(db, COLLECTIONS.studioReps, { _id: _.exists(true) }, { _id: true })
  const keys = [...FIGURE_KEYS, ...reps.flatMap((r) => FIGURE_KEYS.map((k) => repKey(k, r._id)))]
  return setFigures(db, COLLECTIONS.studioMonths, { month }, keys, count)
}

export const studioFigures: Figures<CaseFigureChange> = {
  record,
  recountMonth: (db, month) => recountMonth(db, month),
  async timer(db, at) {
    const out: Record<string, number> = {}
    for (const month of recentMonths(at)) out[month] = await recountMonth(db, month)
    return out
  },
}

/** A studio's figures for a month (its managers only), with each of its representatives'. */
export async function figures(input: StudioInput['figures'], person: PersonDoc): Promise<StudioOutput['figures']> {
  const month = input.month ?? shanghaiMonth(now())
  const [site, doc, reps] = await Promise.all([
    loadStudio(input.siteId), findDoc<Record<string, unknown>>(COLLECTIONS.studioMonths, studioMonthId(input.siteId, month)), activeReps(input.siteId),
  ])
  if (!managesStudio(person, site.managingOrgPath)) throw fail.forbidden('只能查看您所在党组织负责的党代表工作室')
  return {
    siteId: site._id,
    month,
    studio: figuresOf(doc),
    reps: reps.map((r) => ({ repId: r._id, name: r.name, ...figuresOf(doc, r._id) })),
  }
}

export async function recount(input: StudioInput['recount']): Promise<StudioOutput['recount']> {
  const month = input.month ?? shanghaiMonth(now())
  return { month, written: await recountMonth(database(), month) }
}

// A representative's 履职 record, public like the studio's page: their receptions, the cases addressed to them
// (kind, state and dates only: what a person wrote is for those who handle it) and this year's figures.
import type { StudioInput, StudioOutput } from '../../contract/studio'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { shownPhotos } from '../common/photoChecks'
import { findDoc, loadDoc, pageAfter, readAll } from '../common/query'
import { database } from '../common/cloud'
import { shanghaiYear } from '../common/time'
import { whenAll } from '../common/whenAll'
import { CaseDoc, figuresOf, plus, RepDoc, ScheduleDoc, toRep, view, zeroFigures } from './model'

export async function repRecord(input: StudioInput['record']): Promise<StudioOutput['record']> {
  const rep = await loadDoc<RepDoc>(COLLECTIONS.studioReps, input.repId, () => fail.notFound('这位党代表'))
  const year = shanghaiYear(now())
  const _ = database().command
  const [schedule, page, months] = await whenAll([
    findDoc<ScheduleDoc>(COLLECTIONS.studioSchedules, rep.siteId),
    pageAfter<CaseDoc>({
      collection: COLLECTIONS.studioCases, where: [{ repId: rep._id }], order: 'submittedAt', dir: 'desc', size: 20, cursor: input.cursor,
      fields: { kind: true, status: true, submittedAt: true, closedAt: true, rating: true },
    }),
    // One studio's months of the year: at most 12 documents.
    readAll<Record<string, unknown> & { _id: string }>(database(), COLLECTIONS.studioMonths,
      { siteId: rep.siteId, month: _.gte(`${year}-01`).and(_.lte(`${year}-12`)) }),
  ])
  const photo = shownPhotos(rep.photos, rep)[0]
  const urls = await tempUrls(photo ? [photo] : [])
  return {
    rep: toRep(rep, urls, false, photo),
    siteName: rep.siteName,
    receptions: (schedule?.receptions ?? []).filter((r) => r.repId === rep._id),
    year: view(months.map((m) => figuresOf(m, rep._id)).reduce(plus, zeroFigures())),
    cases: page.rows.map((c) => ({
      id: c._id, kind: c.kind, status: c.status, submittedAt: new Date(c.submittedAt).toISOString(),
      ...(c.closedAt ? { closedAt: new Date(c.closedAt).toISOString() } : {}), ...(c.rating ? { rating: c.rating } : {}),
    })),
    nextCursor: page.nextCursor,
  }
}

// Checking in at a site by scanning its fixed, printed QR code: once per person per site per Asia/Shanghai day
// (the visit's deterministic id), counted into the month's figures; the booker's scan during a booking also confirms
// its arrival.
//
// A printed code cannot rotate, so what proves presence is the place: a visit needs the phone's location, within
// VISIT_MAX_DISTANCE of the site. A photo of the code relayed to someone elsewhere is refused for the distance; a
// code the site's manager renewed (the old print was copied) is refused as stale (TOKEN_EXPIRED).
import { distanceLabel } from '../../contract/common'
import type { SiteInput, SiteOutput } from '../../contract/site'
import { minutesClock, SITE_VISIT_PAGE, VISIT_MAX_DISTANCE } from '../../contract/site'
import { signCheckInToken, verifyCheckInToken } from '../common/checkInToken'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure } from '../common/errors'
import type { PersonDoc } from '../common/people'
import { shanghaiDate, shanghaiMinuteOfDay, shanghaiMonth } from '../common/time'
import { assertNear } from '../common/geo'
import { siteFigures } from './figures'
import { publicH5Url } from '../common/publicUrl'
import { findDoc, insertOnce } from '../common/query'
import { spansLabel, spansOn, takesVisitsAt } from './hours'
import { BookingDoc, isOutside, MarkDoc, orgMarkId, SiteDoc, toLatLng, visitId, VisitDoc, visitorMarkId } from './model'
import { whenAll } from '../common/whenAll'

/** A site's code never rotates: its token is signed for slot 0 and stays good until the code is renewed. */
const FIXED_SLOT = 0

export const siteToken = (code: string) => signCheckInToken('site', code, FIXED_SLOT)

export const visitUrl = (token: string) => `${publicH5Url()}/#/${SITE_VISIT_PAGE}?t=${token}`

const SCAN_AGAIN = '请扫描阵地现场张贴的签到码'

/** The site a scanned code is of; a genuine code that was since renewed is stale. One read. */
async function siteOfToken(token: string): Promise<SiteDoc> {
  const claim = await verifyCheckInToken('site', token)
  if (!claim || claim.slot !== FIXED_SLOT) throw new ApiFailure('TOKEN_INVALID', `签到码无法识别，${SCAN_AGAIN}`)
  const _ = database().command
  const { data } = await database().collection(COLLECTIONS.sites)
    .where(_.or([{ code: claim.subjectId }, { retiredCodes: claim.subjectId }])).limit(1).get()
  const site = data?.[0] as SiteDoc | undefined
  if (!site) throw new ApiFailure('TOKEN_INVALID', `这个签到码已停用，${SCAN_AGAIN}`)
  if (site.code !== claim.subjectId) {
    throw new ApiFailure('TOKEN_EXPIRED', `${site.name}的签到码已经更换，这个旧码不能再签到，${SCAN_AGAIN}`)
  }
  return site
}

/** The caller's standing booking at the site that is on now (from 30 minutes before it): marked arrived, once. */
async function confirmArrival(site: SiteDoc, person: PersonDoc, date: string, minute: number, at: Date): Promise<BookingDoc | null> {
  const _ = database().command
  const res = await database().collection(COLLECTIONS.siteBookings)
    .where({ siteId: site._id, date, bookedBy: person._id, status: 'booked', arrived: false, startMin: _.lte(minute + 30), endMin: _.gt(minute) })
    .updateAndReturn({ arrived: true, arrivedAt: at })
  return (res.doc as BookingDoc | undefined) ?? null
}

/**
 * One check-in. Its writes run side by side: the visit, the visitor's and their organisation's first-of-month
 * markers, and (for a secretary) the arrival of their booking. Each figure grows by what THIS call newly wrote, so
 * two scans racing each other count once between them; then one increment of the month's figures.
 */
export async function visit(input: SiteInput['visit'], person: PersonDoc): Promise<SiteOutput['visit']> {
  const at = now()
  const site = await siteOfToken(input.token)
  const date = shanghaiDate(at)
  const minute = shanghaiMinuteOfDay(at)
  if (!site.active) throw new ApiFailure('NOT_OPEN', `${site.name}已停止开放`)
  if (!takesVisitsAt(site, date, minute)) {
    throw new ApiFailure('NOT_OPEN', `${site.name}现在不开放（今日${spansLabel(spansOn(site, date))}），请在开放时间内签到`)
  }
  const distance = Math.round(assertNear(input.location, toLatLng(site.location), VISIT_MAX_DISTANCE, {
    missing: `请允许获取您的位置后再签到：需要核对您是否在${site.name}`,
    far: (metres) => `您距离${site.name}约 ${distanceLabel(metres)}，请到达阵地后再扫码签到`,
  }, Math.round))

  const month = shanghaiMonth(at)
  const outside = isOutside(person.orgPath, site.managingOrgId)
  const record: VisitDoc = {
    _id: visitId(site._id, date, person._id),
    siteId: site._id, date, month,
    openid: person._id, name: person.name, orgId: person.orgId, orgPath: person.orgPath, orgName: person.orgName,
    at,
    distance,
  }
  const visitorMark: MarkDoc = { _id: visitorMarkId(site._id, month, person._id), siteId: site._id, month, kind: 'visitor', key: person._id }
  const orgMark = (orgId: string, isOut: boolean): MarkDoc =>
    ({ _id: orgMarkId(site._id, month, orgId), siteId: site._id, month, kind: 'org', key: orgId, outside: isOut })

  const [visitNew, visitorNew, orgNew, arrival] = await whenAll([
    insertOnce(COLLECTIONS.siteVisits, record),
    insertOnce(COLLECTIONS.siteMarks, visitorMark),
    insertOnce(COLLECTIONS.siteMarks, orgMark(person.orgId, outside)),
    // Only secretaries book, so only their scans can confirm an arrival.
    person.role === 'member' ? Promise.resolve(null) : confirmArrival(site, person, date, minute, at),
  ])
  let servedNew = orgNew ? 1 : 0
  let outsideNew = orgNew && outside ? 1 : 0
  if (arrival && arrival.orgId !== person.orgId) {
    const out = isOutside(arrival.orgPath, site.managingOrgId)
    if (await insertOnce(COLLECTIONS.siteMarks, orgMark(arrival.orgId, out))) {
      servedNew += 1
      if (out) outsideNew += 1
    }
  }
  await siteFigures.record(database(), {
    siteId: site._id,
    month,
    delta: { visits: visitNew ? 1 : 0, visitors: visitorNew ? 1 : 0, orgsServed: servedNew, outsideOrgs: outsideNew, arrivals: arrival ? 1 : 0 },
  })
  const booking = arrival
    ? { id: arrival._id, start: minutesClock(arrival.startMin), end: minutesClock(arrival.endMin), orgName: arrival.orgName }
    : undefined
  // A second scan the same day is refused, unless it confirmed a booking's arrival (a morning visit, an afternoon booking).
  if (!visitNew && !booking) {
    // The time of the first scan, so any phone can say when (one more read, on the repeat only).
    const first = await findDoc<VisitDoc>(COLLECTIONS.siteVisits, visitId(site._id, date, person._id))
    const firstAt = first ? new Date(first.at).toISOString() : undefined
    throw new ApiFailure('ALREADY_DONE', `您今天已经在${site.name}签到过了，明天再来吧`, undefined,
      { siteId: site._id, name: site.name, ...(firstAt ? { at: firstAt } : {}) })
  }
  return { siteId: site._id, name: site.name, at: at.toISOString(), firstThisMonth: visitorNew, ...(booking ? { booking } : {}) }
}

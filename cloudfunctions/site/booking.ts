// Booking a site: a secretary books 30-minute slots for their organisation; the site's manager may confirm or
// decline; the booker (or a secretary over their organisation) may cancel. A booking holds its slots as one document
// per slot with a deterministic id, written in ONE multi-document insert: two bookings that share a slot cannot both
// be written, however close together they arrive. Declining or cancelling removes the slots again.
import crypto from 'crypto'
import type { ErrorCode } from '../../contract/common'
import { asSentence } from '../../contract/common'
import type { SiteInput, SiteOutput } from '../../contract/site'
import { BOOKING_STATUS_LABELS, clockMinutes, minutesClock, SITE_LIMITS } from '../../contract/site'
import { audited, AuditEntry, updateAudited } from '../common/audit'
import { database, isDuplicateWrite } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { defaultOrgId, loadOrg, OrgDoc } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import { loadDoc, pageAtOffset } from '../common/query'
import { addDays, dayLabel, shanghaiDate, shanghaiInstant, shanghaiMonth } from '../common/time'
import { siteFigures } from './figures'
import { fitsHours, slotStarts, spansLabel, spansOn } from './hours'
import { BookingDoc, SiteDoc, slotId, SlotDoc, toBooking } from './model'
import { whenAll } from '../common/whenAll'

const bookings = () => database().collection(COLLECTIONS.siteBookings)
const slots = () => database().collection(COLLECTIONS.siteSlots)

export const loadSite = (siteId: string) => loadDoc<SiteDoc>(COLLECTIONS.sites, siteId, () => fail.notFound('这个阵地'))

/** The site's managers: secretaries of its managing organisation or of one above it, and the district office. */
export const manages = (person: PersonDoc | null, site: Pick<SiteDoc, 'managingOrgPath'>) =>
  !!person && inScope(person, site.managingOrgPath)

/** The organisation a booking is for: the one named (in the secretary's scope), else the one they manage. */
async function bookingOrg(person: PersonDoc, orgId: string | undefined): Promise<Pick<OrgDoc, '_id' | 'name' | 'path'>> {
  const target = orgId ?? defaultOrgId(person)
  // A secretary usually belongs to the organisation they manage: no read needed.
  const org = target === person.orgId ? { _id: person.orgId, name: person.orgName, path: person.orgPath } : await loadOrg(target, 'orgId')
  if (!inScope(person, org.path)) throw fail.forbidden('只能为您管理的党组织预约')
  return org
}

const startsAt = (b: Pick<BookingDoc, 'date' | 'startMin'>) => shanghaiInstant(b.date, b.startMin)
const when = (b: Pick<BookingDoc, 'date' | 'startMin' | 'endMin'>) => `${dayLabel(b.date)} ${minutesClock(b.startMin)}–${minutesClock(b.endMin)}`

async function tellBooker(b: BookingDoc, title: string, body: string, at: Date) {
  await database().collection(COLLECTIONS.messages).add({ openid: b.bookedBy, title, body, siteId: b.siteId, bookingId: b._id, at, read: false })
}

/** A booking can still be declined or cancelled: standing, not arrived at, not begun. */
function assertStanding(b: BookingDoc, at: Date) {
  if (b.status !== 'booked') throw fail.alreadyDone(`这条预约${BOOKING_STATUS_LABELS[b.status]}`, { status: b.status })
  if (b.arrived) throw fail.conflict('预约人已到场签到，这条预约不能再取消或婉拒')
  if (startsAt(b).getTime() <= at.getTime()) throw new ApiFailure('OUT_OF_RANGE', '预约的时段已经开始，不能再取消或婉拒')
}

/** The audit entry of `person`'s `action` on booking `b`: in the booking's history and its site's. */
const bookingEntry = (person: PersonDoc, action: string, b: BookingDoc, reason?: string): AuditEntry => ({
  actor: person._id, actorName: person.name, action, targetType: 'booking', targetId: b._id, ...(reason ? { reason } : {}),
  also: [{ type: 'site', id: b.siteId }],
  detail: { siteName: b.siteName, date: b.date, start: minutesClock(b.startMin), end: minutesClock(b.endMin), orgName: b.orgName },
})

/**
 * Takes a booking out of standing (declined or cancelled) once, with its audit entry in the same transaction, after
 * `check` (a throw refuses). Its slots are freed and its figures taken back after the commit: a function stopped in
 * between leaves both for the recount to repair.
 */
async function withdraw(bookingId: string, person: PersonDoc, at: Date, status: 'declined' | 'cancelled', reason: string | undefined,
  check: (b: BookingDoc) => unknown): Promise<BookingDoc> {
  const b = await updateAudited<BookingDoc, BookingDoc>(COLLECTIONS.siteBookings, bookingId, () => fail.notFound('这条预约'), async (b) => {
    await check(b)
    assertStanding(b, at)
    return {
      patch: { status, ...(reason ? { reason } : {}), decidedBy: person._id, decidedAt: at },
      entry: bookingEntry(person, status === 'declined' ? 'site.decline' : 'site.cancel', b, reason),
      result: b,
    }
  })
  await whenAll([
    slots().where({ bookingId: b._id }).remove(),
    siteFigures.record(database(), { siteId: b.siteId, month: b.month, delta: { bookings: -1, bookedHours: -b.hours } }),
  ])
  return b
}

export async function book(input: SiteInput['book'], person: PersonDoc): Promise<SiteOutput['book']> {
  const at = now()
  const [site, org] = await whenAll([loadSite(input.siteId), bookingOrg(person, input.orgId)])
  if (!site.active) throw new ApiFailure('NOT_OPEN', `${site.name}已停止开放，不能预约`)
  const { date } = input
  const startMin = clockMinutes(input.start)
  const endMin = clockMinutes(input.end)
  const today = shanghaiDate(at)
  const refuse = (code: ErrorCode, field: string, message: string) => new ApiFailure(code, message, [{ field, message }])
  if (shanghaiInstant(date, startMin).getTime() <= at.getTime()) throw refuse('OUT_OF_RANGE', 'start', '开始时间已经过去，请选择之后的时段')
  if (date > addDays(today, SITE_LIMITS.maxDaysAhead)) throw refuse('OUT_OF_RANGE', 'date', `最多提前 ${SITE_LIMITS.maxDaysAhead} 天预约`)
  if (site.closedDates.includes(date)) throw refuse('NOT_OPEN', 'date', `${site.name}${dayLabel(date)}闭馆，请选择其他日期`)
  if (!fitsHours(site, date, startMin, endMin)) {
    const spans = spansOn(site, date)
    throw refuse('NOT_OPEN', 'start', spans.length
      ? `${site.name}${dayLabel(date)}的开放时间是 ${spansLabel(spans)}，请在开放时间内预约`
      : `${site.name}${dayLabel(date)}不开放，请选择其他日期`)
  }
  if (input.headcount > site.capacity) throw refuse('OUT_OF_RANGE', 'headcount', `${site.name}最多容纳 ${site.capacity} 人`)

  const bookingId = `b${crypto.randomBytes(9).toString('base64url')}`
  const month = shanghaiMonth(shanghaiInstant(date))
  const claims: SlotDoc[] = slotStarts(startMin, endMin)
    .map((m) => ({ _id: slotId(site._id, date, m), siteId: site._id, date, month, startMin: m, bookingId, createdAt: at }))
  try {
    await slots().add(claims)
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    // A MongoDB multi-insert may keep the documents written before the duplicate: give back whatever this one got.
    await slots().where({ bookingId }).remove()
    throw refuse('CONFLICT', 'start', `${when({ date, startMin, endMin })} 已有其他预约，请在阵地日历中选择空闲时段`)
  }
  const hours = (endMin - startMin) / 60
  const doc: BookingDoc = {
    _id: bookingId,
    siteId: site._id,
    siteName: site.name,
    date, month, startMin, endMin, hours,
    headcount: input.headcount,
    purpose: input.purpose,
    orgId: org._id,
    orgPath: org.path,
    orgName: org.name,
    bookedBy: person._id,
    bookedByName: person.name,
    ...(person.phone ? { bookedByPhone: person.phone } : {}),
    status: 'booked',
    confirmed: false,
    arrived: false,
    createdAt: at,
  }
  // The booking (with its audit entry), then its figures: a function stopped in between leaves them short until the
  // recount, which also frees slots that no booking holds.
  await audited(async (t) => {
    await t.collection(COLLECTIONS.siteBookings).add(doc)
    return { result: null, entry: bookingEntry(person, 'site.book', doc) }
  })
  await siteFigures.record(database(), { siteId: site._id, month, delta: { bookings: 1, bookedHours: hours } })
  return { id: bookingId }
}

export async function cancel(input: SiteInput['cancel'], person: PersonDoc): Promise<SiteOutput['cancel']> {
  const at = now()
  const b = await withdraw(input.bookingId, person, at, 'cancelled', input.reason, (b) => {
    if (b.bookedBy !== person._id && !inScope(person, b.orgPath)) throw fail.forbidden('只能取消您本人或您管理的党组织的预约')
  })
  if (b.bookedBy !== person._id) {
    await tellBooker(b, '您的阵地预约已被取消', `${b.siteName} ${when(b)} 的预约已由${person.name}取消。${input.reason ? `原因：${asSentence(input.reason)}` : ''}`, at)
  }
  return { id: b._id, status: 'cancelled' }
}

/** The site's managers confirm a standing booking (once; again changes nothing) or decline it with a reason. */
export async function decide(input: SiteInput['decide'], person: PersonDoc): Promise<SiteOutput['decide']> {
  const at = now()
  const managed = async (b: BookingDoc) => {
    if (!manages(person, await loadSite(b.siteId))) throw fail.forbidden('只有阵地的管理党组织可以处理这条预约')
  }
  if (input.decision === 'confirm') {
    const { b, changed } = await updateAudited<BookingDoc, { b: BookingDoc; changed: boolean }>(
      COLLECTIONS.siteBookings, input.bookingId, () => fail.notFound('这条预约'), async (b) => {
        await managed(b)
        if (b.status !== 'booked') throw fail.alreadyDone(`这条预约${BOOKING_STATUS_LABELS[b.status]}`, { status: b.status })
        if (b.confirmed) return { patch: null, entry: null, result: { b, changed: false } }
        return {
          patch: { confirmed: true, decidedBy: person._id, decidedAt: at },
          entry: bookingEntry(person, 'site.confirm', b),
          result: { b, changed: true },
        }
      })
    if (changed) await tellBooker(b, '您的阵地预约已确认', `${b.siteName} ${when(b)} 的预约已确认，请按时到场，到场后扫描阵地签到码`, at)
    return { id: b._id, status: 'booked', confirmed: true }
  }
  const b = await withdraw(input.bookingId, person, at, 'declined', input.reason, managed)
  await tellBooker(b, '您的阵地预约未能安排', `${b.siteName} ${when(b)} 的预约未能安排。原因：${asSentence(input.reason ?? '')}`, at)
  return { id: b._id, status: 'declined', confirmed: b.confirmed }
}

export async function listBookings(input: SiteInput['bookings'], person: PersonDoc): Promise<SiteOutput['bookings']> {
  const at = now()
  const _ = database().command
  const view = (b: BookingDoc, managesSite: boolean) =>
    toBooking(b, { openid: person._id, manages: managesSite, inBookingScope: inScope(person, b.orgPath) }, startsAt(b), at)
  if (!input.siteId) {
    const { rows, nextCursor } = await pageAtOffset<BookingDoc>(
      bookings().where({ bookedBy: person._id }).orderBy('date', 'desc').orderBy('startMin', 'desc'), SITE_LIMITS.page, input.cursor)
    return { items: rows.map((b) => view(b, false)), nextCursor, canManage: false }
  }
  const site = await loadSite(input.siteId)
  const canManage = manages(person, site)
  const from = input.from ?? shanghaiDate(at)
  const to = input.to ?? addDays(from, 13)
  if (to > addDays(from, SITE_LIMITS.calendarDays - 1)) throw fail.invalid('to', `一次最多查看 ${SITE_LIMITS.calendarDays} 天`)
  // Others see the standing bookings (the busy times); the managers every booking and who made it.
  const { data } = await bookings()
    .where({ siteId: site._id, date: _.gte(from).and(_.lte(to)), ...(canManage ? {} : { status: 'booked' }) })
    .orderBy('date', 'asc').orderBy('startMin', 'asc').limit(1000).get()
  return { items: (data as BookingDoc[]).map((b) => view(b, canManage)), nextCursor: null, canManage }
}

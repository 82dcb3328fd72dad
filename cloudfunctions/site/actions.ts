// 阵地: the directory (list, get, create, update), bookings (booking.ts), check-in by the site's code (visit.ts), and
// the monthly usage figures, their ranking, export and recount (figures.ts).
import type { SiteOutput, SiteUsage } from '../../contract/site'
import { SITE_LIMITS, siteSchemas } from '../../contract/site'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { round3 } from '../common/figures'
import { defaultOrgId, loadOrg } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { inScope } from '../common/people'
import { withFreshId } from '../common/query'
import { defineActions } from '../common/router'
import { isoWeekday, shanghaiDate, shanghaiMinuteOfDay, shanghaiMonth } from '../common/time'
import { tempUrls } from '../common/files'
import { distanceMetres } from '../common/geo'
import { book, cancel, decide, listBookings, loadSite, manages } from './booking'
import { exportUsage } from './export'
import { readUsage, siteFigures } from './figures'
import { toWeekly } from './hours'
import { rank, SiteDoc, toDetail, toLatLng, toSummary, toUsage } from './model'
import { siteToken, visit, visitUrl } from './visit'

const sites = () => database().collection(COLLECTIONS.sites)

const geoPoint = (p: { lat: number; lng: number }) => new (database().Geo.Point)(p.lng, p.lat)

const isSecretary = (person: PersonDoc | null): person is PersonDoc =>
  !!person && person.status === 'approved' && (person.role === 'secretary' || person.role === 'admin')

/** The sites a secretary manages (their organisation's subtree), or every site for the district office. */
const managedMatch = (person: PersonDoc): Record<string, unknown> =>
  (person.role === 'admin' ? {} : { managingOrgPath: defaultOrgId(person) })

async function usageOf(person: PersonDoc, input: { siteId?: string; month?: string }): Promise<SiteOutput['usage']> {
  const month = input.month ?? shanghaiMonth(now())
  const rows = await readUsage(input.siteId ? { _id: input.siteId } : { ...managedMatch(person), active: true }, month)
  if (input.siteId) {
    if (!rows[0]) throw fail.notFound('这个阵地')
    if (!manages(person, rows[0].site)) throw fail.forbidden('只能查看你管理的阵地的使用情况')
  }
  const items: SiteUsage[] = rows.map((r) => toUsage(r.site, month, r.figures, r.classes))
  if (!input.siteId) rank(items)
  const sum = (k: keyof SiteUsage) => items.reduce((acc, r) => acc + (r[k] as number), 0)
  const openHours = sum('openHours')
  return {
    month,
    items,
    summary: {
      sites: items.length,
      idle: items.filter((r) => r.idle).length,
      visits: sum('visits'),
      bookings: sum('bookings'),
      bookedHours: sum('bookedHours'),
      openHours,
      utilisation: openHours > 0 ? round3(sum('bookedHours') / openHours) : null,
      classesHeld: sum('classesHeld'),
      outsideOrgs: sum('outsideOrgs'),
    },
  }
}

export const siteActions = defineActions<typeof siteSchemas, SiteOutput>({
  // Public (a site page is shared to Moments): one geo query; the caller is read only for `managed`.
  list: {
    who: 'anyone',
    input: siteSchemas.list,
    handler: async (input, { caller }) => {
      const at = now()
      const today = shanghaiDate(at)
      const minute = shanghaiMinuteOfDay(at)
      const _ = database().command
      const where: Record<string, unknown> = {}
      if (input.managed) {
        const person = await caller()
        if (!isSecretary(person)) throw fail.forbidden('只有党组织书记可以管理阵地')
        Object.assign(where, managedMatch(person))
      } else {
        where.active = true
      }
      if (input.type) where.type = input.type
      if (input.facility) where.facilities = input.facility
      if (input.openNow) {
        where.active = true
        where.weekly = _.elemMatch({ day: isoWeekday(today), start: _.lte(minute), end: _.gt(minute) })
        where.closedDates = _.neq(today)
      }
      if (input.near) where.location = _.geoNear({ geometry: geoPoint(input.near) })
      const offset = Number(input.cursor ?? 0)
      let query = sites().where(where)
      if (!input.near) query = query.orderBy('type', 'asc').orderBy('name', 'asc').orderBy('_id', 'asc')
      const { data } = await query.skip(offset).limit(SITE_LIMITS.page + 1).get()
      const rows = (data as SiteDoc[]).slice(0, SITE_LIMITS.page)
      const urls = await tempUrls(rows.flatMap((s) => s.photos.slice(0, 1)))
      return {
        items: rows.map((s) => toSummary(s, today, minute, s.photos[0] ? urls.get(s.photos[0]) ?? '' : '',
          input.near ? distanceMetres(input.near, toLatLng(s.location)) : undefined)),
        nextCursor: data.length > SITE_LIMITS.page ? String(offset + SITE_LIMITS.page) : null,
      }
    },
  },

  get: {
    who: 'anyone',
    input: siteSchemas.get,
    handler: async (input, { caller }) => {
      const at = now()
      const [site, person] = await Promise.all([loadSite(input.id), caller()])
      const canManage = manages(person, site)
      const detail = toDetail(site, shanghaiDate(at), shanghaiMinuteOfDay(at), await tempUrls(site.photos), canManage)
      if (canManage) {
        const token = siteToken(site.code)
        detail.checkIn = { token, url: visitUrl(token) }
      }
      return detail
    },
  },

  create: {
    who: 'secretary',
    input: siteSchemas.create,
    handler: async (input, { openid, person }) => {
      const at = now()
      const orgId = input.managingOrgId ?? (person.role === 'admin' ? undefined : person.scopeOrgId)
      if (!orgId) throw fail.invalid('managingOrgId', '请选择管理这个阵地的党组织')
      const org = await loadOrg(orgId, 'managingOrgId')
      if (!inScope(person, org.path)) throw fail.forbidden('只能为你管理的党组织登记阵地')
      const doc: Omit<SiteDoc, '_id' | 'code' | 'location'> & { location: unknown } = {
        type: input.type,
        name: input.name,
        level: input.level ?? null,
        address: input.address,
        location: geoPoint(input.location),
        weekly: toWeekly(input.hours),
        closedDates: [...new Set(input.closedDates ?? [])].sort(),
        facilities: input.facilities ?? [],
        capacity: input.capacity,
        contact: input.contact,
        photos: input.photos ?? [],
        description: input.description ?? '',
        managingOrgId: org._id,
        managingOrgPath: org.path,
        managingOrgName: org.name,
        active: true,
        createdBy: openid,
        createdAt: at,
        updatedAt: at,
      }
      // A site's code must be unique: the printed QR code finds the site by it.
      const { id } = await withFreshId((code) => sites().add({ ...doc, code }))
      return { id: id as string }
    },
  },

  update: {
    who: 'secretary',
    input: siteSchemas.update,
    handler: async (input, { person }) => {
      const site = await loadSite(input.id)
      if (!manages(person, site)) throw fail.forbidden('只能修改你管理的阵地')
      const _ = database().command
      const { id, hours, location, closedDates, managingOrgId, renewCode, contact, ...plain } = input
      const patch: Record<string, unknown> = { ...plain, updatedAt: now() }
      if (hours) patch.weekly = toWeekly(hours)
      if (location) patch.location = geoPoint(location)
      if (closedDates) patch.closedDates = [...new Set(closedDates)].sort()
      if (contact) patch.contact = _.set(contact)
      if (managingOrgId && managingOrgId !== site.managingOrgId) {
        const org = await loadOrg(managingOrgId, 'managingOrgId')
        if (!inScope(person, org.path)) throw fail.forbidden('只能交给你管理的党组织管理')
        Object.assign(patch, { managingOrgId: org._id, managingOrgPath: org.path, managingOrgName: org.name })
      }
      if (renewCode) await withFreshId((code) => sites().doc(id).update({ ...patch, code }))
      else await sites().doc(id).update(patch)
      return { id }
    },
  },

  book: {
    who: 'secretary',
    input: siteSchemas.book,
    handler: (input, { person }) => book(input, person),
  },
  cancel: {
    who: 'secretary',
    input: siteSchemas.cancel,
    handler: (input, { person }) => cancel(input, person),
  },
  decide: {
    who: 'secretary',
    input: siteSchemas.decide,
    handler: (input, { person }) => decide(input, person),
  },
  bookings: {
    who: 'member',
    input: siteSchemas.bookings,
    handler: (input, { person }) => listBookings(input, person),
  },
  visit: {
    who: 'member',
    input: siteSchemas.visit,
    handler: (input, { person }) => visit(input, person),
  },

  // The site's managers and the district office: person + ONE aggregation, however many events are behind it.
  usage: {
    who: 'secretary',
    input: siteSchemas.usage,
    handler: (input, { person }) => usageOf(person, input),
  },

  exportUsage: {
    who: 'secretary',
    input: siteSchemas.exportUsage,
    handler: async (input, { person }) => {
      const usage = await usageOf(person, input)
      return exportUsage(usage, person.role === 'admin' ? '全区' : person.orgName, now())
    },
  },

  recount: {
    who: 'admin',
    input: siteSchemas.recount,
    handler: async (input) => {
      const at = now()
      const month = input.month ?? shanghaiMonth(at)
      return { month, ...(await siteFigures.recountMonth(database(), month, at)) }
    },
  },
})

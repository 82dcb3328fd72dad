// The directory of sites: the public list (nearest first, open now ...), a site's page, and registering and editing a
// site by the secretaries who manage it.
import type { z } from 'zod'
import type { SiteInput, SiteOutput, siteSchemas } from '../../contract/site'
import { SITE_LIMITS } from '../../contract/site'
import { audited, updateAudited } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { distanceMetres } from '../common/geo'
import { defaultOrgId, loadOrg } from '../common/orgs'
import { inScope, PersonDoc } from '../common/people'
import { startPhotoChecks } from '../common/photoChecks'
import { pageAtOffset, withFreshId } from '../common/query'
import { isoWeekday, shanghaiDate, shanghaiMinuteOfDay } from '../common/time'
import { loadSite, manages } from './booking'
import { toWeekly } from './hours'
import { coverPhoto, coverUrl, SiteDoc, toDetail, toLatLng, toSummary } from './model'
import { siteToken, visitUrl } from './visit'
import { whenAll } from '../common/whenAll'

const sites = () => database().collection(COLLECTIONS.sites)

const geoPoint = (p: { lat: number; lng: number }) => new (database().Geo.Point)(p.lng, p.lat)

const isSecretary = (person: PersonDoc | null): person is PersonDoc =>
  !!person && person.status === 'approved' && (person.role === 'secretary' || person.role === 'admin')

/** The sites a secretary manages (their organisation's subtree), or every site for the district office. */
export const managedMatch = (person: PersonDoc): Record<string, unknown> =>
  (person.role === 'admin' ? {} : { managingOrgPath: defaultOrgId(person) })

/** Public (a site page is shared to Moments): one geo query; the caller is read only for `managed`. */
export async function list(input: SiteInput['list'], caller: () => Promise<PersonDoc | null>): Promise<SiteOutput['list']> {
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
  let query = sites().where(where)
  if (!input.near) query = query.orderBy('type', 'asc').orderBy('name', 'asc').orderBy('_id', 'asc')
  const { rows, nextCursor } = await pageAtOffset<SiteDoc>(query, SITE_LIMITS.page, input.cursor)
  const urls = await tempUrls(rows.flatMap((s) => coverPhoto(s) ?? []))
  return {
    items: rows.map((s) => toSummary(s, today, minute, coverUrl(s, urls),
      input.near ? distanceMetres(input.near, toLatLng(s.location)) : undefined)),
    nextCursor,
  }
}

/** A site's page; its managers also get its check-in code. */
export async function read(id: string, caller: () => Promise<PersonDoc | null>): Promise<SiteOutput['get']> {
  const at = now()
  const [site, person] = await whenAll([loadSite(id), caller()])
  const canManage = manages(person, site)
  const detail = toDetail(site, shanghaiDate(at), shanghaiMinuteOfDay(at), await tempUrls(site.photos), canManage)
  if (canManage) {
    const token = await siteToken(site.code)
    detail.checkIn = { token, url: visitUrl(token) }
  }
  return detail
}

export async function create(input: z.output<typeof siteSchemas.create>, person: PersonDoc): Promise<SiteOutput['create']> {
  const at = now()
  const orgId = input.managingOrgId ?? (person.role === 'admin' ? undefined : person.scopeOrgId)
  if (!orgId) throw fail.invalid('managingOrgId', '请选择管理这个阵地的党组织')
  const org = await loadOrg(orgId, 'managingOrgId')
  if (!inScope(person, org.path)) throw fail.forbidden('只能为您管理的党组织登记阵地')
  const photoChecks = await startPhotoChecks('sites', person._id, input.photos ?? [], 'photos')
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
    photoChecks,
    description: input.description ?? '',
    managingOrgId: org._id,
    managingOrgPath: org.path,
    managingOrgName: org.name,
    active: true,
    createdBy: person._id,
    createdAt: at,
    updatedAt: at,
  }
  // A site's code must be unique: the printed QR code finds the site by it.
  return withFreshId((code) => audited(async (t) => {
    const { id } = await t.collection(COLLECTIONS.sites).add({ ...doc, code })
    return {
      result: { id: id as string },
      entry: {
        actor: person._id, actorName: person.name, action: 'site.create', targetType: 'site', targetId: id as string,
        detail: { name: doc.name, type: doc.type, managingOrgId: org._id },
      },
    }
  }))
}

/** A site edited by its managers (a new printed code, when asked, retires the old one), audited with what changed. */
export async function update(input: z.output<typeof siteSchemas.update>, person: PersonDoc): Promise<SiteOutput['update']> {
  const site = await loadSite(input.id)
  if (!manages(person, site)) throw fail.forbidden('只能修改您管理的阵地')
  const _ = database().command
  const { id, hours, location, closedDates, managingOrgId, renewCode, contact, ...plain } = input
  const patch: Record<string, unknown> = { ...plain, updatedAt: now() }
  if (hours) patch.weekly = toWeekly(hours)
  if (location) patch.location = geoPoint(location)
  if (closedDates) patch.closedDates = [...new Set(closedDates)].sort()
  if (contact) patch.contact = _.set(contact)
  if (plain.photos) {
    const checks = await startPhotoChecks('sites', person._id, plain.photos, 'photos', site.photos)
    if (checks.length) patch.photoChecks = _.push(checks)
  }
  if (managingOrgId && managingOrgId !== site.managingOrgId) {
    const org = await loadOrg(managingOrgId, 'managingOrgId')
    if (!inScope(person, org.path)) throw fail.forbidden('只能交给您管理的党组织管理')
    Object.assign(patch, { managingOrgId: org._id, managingOrgPath: org.path, managingOrgName: org.name })
  }
  const changed = Object.keys(input).filter((k) => k !== 'id')
  const write = (code?: string) => updateAudited<SiteDoc, SiteOutput['update']>(COLLECTIONS.sites, id, () => fail.notFound('这个阵地'), (current) => {
    // Checked again on the document the change is written over: a manager moved away meanwhile may not write.
    if (!manages(person, current)) throw fail.forbidden('只能修改您管理的阵地')
    return {
      patch: code ? { ...patch, code, retiredCodes: _.push(current.code) } : patch,
      entry: {
        actor: person._id, actorName: person.name, action: renewCode ? 'site.renewCode' : 'site.update', targetType: 'site', targetId: id,
        detail: { name: current.name, changed, ...(patch.managingOrgId ? { managingOrgId: { from: current.managingOrgId, to: patch.managingOrgId } } : {}) },
      },
      result: { id },
    }
  })
  return renewCode ? withFreshId(write) : write()
}

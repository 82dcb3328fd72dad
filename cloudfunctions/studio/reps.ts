// A studio's page and what its managers keep up to date: representatives (contact masked for everyone but the
// managers) and the reception schedule (weekly times and one-off dates; the next receptions computed in Shanghai).
import type { StudioInput, StudioOutput } from '../../contract/studio'
import { maskPhone } from '../../contract/common'
import { audited, Tx } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { inScope, loadPerson, PersonDoc } from '../common/people'
import { shownPhotos, startPhotoChecks } from '../common/photoChecks'
import { findDoc, loadDoc, withFreshId } from '../common/query'
import { whenAll } from '../common/whenAll'
import { RepDoc, ScheduleDoc, toRep, upcoming } from './model'

/** What the studio function reads of a site. */
export interface StudioSite { _id: string; type: string; name: string; address: string; active: boolean; managingOrgPath: string[]; managingOrgName: string }

/** A studio (a site of type 'studio'), or NOT_FOUND. */
export async function loadStudio(siteId: string): Promise<StudioSite> {
  const site = await findDoc<StudioSite>(COLLECTIONS.sites, siteId)
  if (!site || site.type !== 'studio' || site.active === false) throw fail.notFound('这个党代表工作室')
  return site
}

/** Its managers: the secretaries whose scope holds the studio's organisation, and the district office. */
export const managesStudio = (person: PersonDoc | null, managingOrgPath: string[]) => !!person && inScope(person, managingOrgPath)

async function managedStudio(siteId: string, person: PersonDoc): Promise<StudioSite> {
  const site = await loadStudio(siteId)
  if (!managesStudio(person, site.managingOrgPath)) throw fail.forbidden('只能管理您所在党组织负责的党代表工作室')
  return site
}

export const activeReps = async (siteId: string): Promise<RepDoc[]> =>
  (await database().collection(COLLECTIONS.studioReps).where({ siteId, active: true }).orderBy('createdAt', 'asc').limit(100).get()).data as RepDoc[]

export async function studioPage(input: StudioInput['get'], caller: () => Promise<PersonDoc | null>): Promise<StudioOutput['get']> {
  const [site, reps, schedule, person] = await whenAll([
    loadStudio(input.siteId), activeReps(input.siteId),
    findDoc<ScheduleDoc>(COLLECTIONS.studioSchedules, input.siteId), caller(),
  ])
  const manages = managesStudio(person, site.managingOrgPath)
  const shown = new Map(reps.map((r) => [r._id, shownPhotos(r.photos, r)[0]]))
  const urls = await tempUrls(reps.flatMap((r) => (manages ? r.photos : shown.get(r._id) ?? [])))
  const names = new Map(reps.map((r) => [r._id, r.name]))
  const receptions = (schedule?.receptions ?? []).map((r) => ({ ...r, ...(r.repId && names.get(r.repId) ? { repName: names.get(r.repId) } : {}) }))
  return {
    siteId: site._id,
    siteName: site.name,
    address: site.address,
    manages,
    reps: reps.map((r) => toRep(r, urls, manages, shown.get(r._id))),
    receptions,
    upcoming: upcoming(receptions, names, now()),
  }
}

export async function saveRep(input: StudioInput['saveRep'], person: PersonDoc): Promise<StudioOutput['saveRep']> {
  const site = await managedStudio(input.siteId, person)
  if (input.openid) {
    const linked = await loadPerson(input.openid)
    if (!linked || linked.status !== 'approved') throw fail.invalid('openid', '没有找到这个党员账号，请确认对方已登记并通过审核')
  }
  const at = now()
  const fields = {
    name: input.name, term: input.term, phone: input.phone, ...(input.intro ? { intro: input.intro } : {}),
    ...(input.openid ? { openid: input.openid } : {}), updatedAt: at,
  }
  const entry = (id: string, action: string) => ({
    actor: person._id, actorName: person.name, action, targetType: 'rep' as const, targetId: id,
    detail: { name: input.name, term: input.term, siteId: site._id, linked: !!input.openid },
    also: [{ type: 'site' as const, id: site._id }],
  })
  if (!input.id) {
    const photos = input.photo ? [input.photo] : []
    const photoChecks = await startPhotoChecks('sites', person._id, photos, 'photo')
    const doc: Omit<RepDoc, '_id'> = {
      siteId: site._id, siteName: site.name, managingOrgPath: site.managingOrgPath, managingOrgName: site.managingOrgName, photos, photoChecks, active: true, createdAt: at, ...fields,
    }
    return withFreshId((id) => audited(async (t) => {
      await t.collection(COLLECTIONS.studioReps).add({ _id: id, ...doc })
      await relink(t, id, undefined, input.openid)
      return { result: { id }, entry: entry(id, 'studio.addRep') }
    }))
  }
  const current = await loadDoc<RepDoc>(COLLECTIONS.studioReps, input.id, () => fail.notFound('这位党代表'))
  if (current.siteId !== site._id) throw fail.invalid('id', '这位党代表不属于这个工作室')
  const photos = input.photo ? [input.photo] : current.photos
  const photoChecks = await startPhotoChecks('sites', person._id, photos, 'photo', current.photos)
  const _ = database().command
  const id = input.id
  return audited(async (t) => {
    const ref = t.collection(COLLECTIONS.studioReps).doc(id)
    const rep = (await ref.get()).data as RepDoc | null
    if (!rep || rep.siteId !== site._id) throw fail.notFound('这位党代表')
    await ref.update({ ...fields, photos, ...(input.openid ? {} : { openid: _.remove() }), ...(photoChecks.length ? { photoChecks: _.push(photoChecks) } : {}) })
    // A serving representative's cases go with the record: to the account linked now, no longer the one before.
    if (rep.active) await relink(t, id, rep.openid, input.openid)
    return { result: { id }, entry: entry(id, 'studio.updateRep') }
  })
}

/**
 * Moves a representative's link from one account to another (either may be none) inside the transaction that changes
 * the link: each person's record lists the serving representatives linked to it (common/people.ts repIdsOf).
 */
async function relink(t: Tx, repId: string, from: string | undefined, to: string | undefined) {
  if (from === to) return
  const _ = database().command
  const people = t.collection(COLLECTIONS.users)
  const change = async (openid: string, next: (reps: string[]) => string[]) => {
    const person = (await people.doc(openid).get()).data as PersonDoc | null
    if (person) await people.doc(openid).update({ reps: _.set(next(person.reps ?? [])) })
  }
  if (from) await change(from, (reps) => reps.filter((r) => r !== repId))
  if (to) await change(to, (reps) => [...reps.filter((r) => r !== repId), repId])
}

/** Approved members of that exact name the manager may link a representative to: in their scope (the office: all). */
export async function linkable(input: StudioInput['linkable'], person: PersonDoc): Promise<StudioOutput['linkable']> {
  await managedStudio(input.siteId, person)
  const where = { status: 'approved', name: input.name.trim(), ...(person.role === 'admin' ? {} : { orgPath: person.scopeOrgId }) }
  const { data } = await database().collection(COLLECTIONS.users).where(where).orderBy('_id', 'asc').limit(20).get()
  return {
    items: (data as PersonDoc[]).map((p) => ({ openid: p._id, name: p.name, orgName: p.orgName, ...(p.phone ? { phone: maskPhone(p.phone) } : {}) })),
  }
}

export async function removeRep(input: StudioInput['removeRep'], person: PersonDoc): Promise<StudioOutput['removeRep']> {
  return audited(async (t) => {
    const ref = t.collection(COLLECTIONS.studioReps).doc(input.id)
    const r = (await ref.get()).data as RepDoc | null
    if (!r) throw fail.notFound('这位党代表')
    if (!managesStudio(person, r.managingOrgPath)) throw fail.forbidden('只能管理您所在党组织负责的党代表工作室')
    if (!r.active) throw fail.alreadyDone('这位党代表已经移出名单')
    // Kept, inactive: their cases and 履职 record still name them; their account no longer handles those cases.
    await ref.update({ active: false, updatedAt: now() })
    await relink(t, r._id, r.openid, undefined)
    return {
      result: { id: r._id },
      entry: { actor: person._id, actorName: person.name, action: 'studio.removeRep', targetType: 'rep', targetId: r._id, detail: { name: r.name }, also: [{ type: 'site', id: r.siteId }] },
    }
  })
}

export async function saveSchedule(input: StudioInput['saveSchedule'], person: PersonDoc): Promise<StudioOutput['saveSchedule']> {
  const [site, reps] = await whenAll([managedStudio(input.siteId, person), activeReps(input.siteId)])
  const known = new Set(reps.map((r) => r._id))
  const unknown = input.receptions.findIndex((r) => r.repId && !known.has(r.repId))
  if (unknown >= 0) throw fail.invalid(`receptions.${unknown}.repId`, '接待的党代表不在这个工作室的名单中')
  const receptions = input.receptions.map(({ weekday, date, start, end, repId }) => ({
    ...(weekday ? { weekday } : {}), ...(date ? { date } : {}), start, end, ...(repId ? { repId } : {}),
  }))
  return audited(async (t) => {
    // set(): the schedule is replaced as a whole, created on first save.
    await t.collection(COLLECTIONS.studioSchedules).doc(site._id).set({ receptions, updatedAt: now() })
    return {
      result: { count: receptions.length },
      entry: { actor: person._id, actorName: person.name, action: 'studio.saveSchedule', targetType: 'site', targetId: site._id, detail: { receptions: receptions.length } },
    }
  })
}

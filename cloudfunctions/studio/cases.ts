// 民情 and the case behind each: anyone with WeChat leaves one (registered or not) for a studio or one of its
// representatives; the studio's managers (or the representative, for a case addressed to them) take it through
// 受理 → 办理中 → 已办结, or 转办 it to an organisation in their scope, whose secretary then handles it; the person
// is told at each step and rates the result once. Every transition is a conditional update in one transaction with
// its audit entry (two handlers at once: the first wins, the other gets CONFLICT).
import type { CaseEvent, CaseStatus, StudioInput, StudioOutput } from '../../contract/studio'
import { CASE_STATUS_LABELS, OPEN_CASE_STATUSES, RATING_LABELS, STUDIO_LIMITS } from '../../contract/studio'
import { maskPhone } from '../../contract/common'
import { updateAudited } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { tempUrls } from '../common/files'
import { loadOrg, OrgDoc } from '../common/orgs'
import { inScope, PersonDoc, repIdsOf } from '../common/people'
import { photosAsShown, startPhotoChecks } from '../common/photoChecks'
import { findDoc, insertOnce, loadDoc, pageAfter } from '../common/query'
import { carriedLimit, RATE_LIMITS, RateLimit } from '../common/rateLimit'
import { shanghaiDate, shanghaiMonth } from '../common/time'
import { wechat } from '../common/wechat'
import { whenAll } from '../common/whenAll'
import { studioFigures } from './figures'
import { tellAuthor } from './messages'
import { CaseDoc, CaseStepDoc, caseId, closing, receipt, RepDoc, STEP_LABELS, toSummary } from './model'
import { loadStudio, StudioSite } from './reps'

/** Which event moves a case from which states to which. A transfer hands the case to another organisation, to accept anew. */
export const CASE_TRANSITIONS: Record<CaseEvent, { from: CaseStatus[]; to: CaseStatus }> = {
  accept: { from: ['pending'], to: 'accepted' },
  start: { from: ['accepted'], to: 'handling' },
  close: { from: ['accepted', 'handling'], to: 'closed' },
  transfer: { from: OPEN_CASE_STATUSES, to: 'pending' },
}

/** The studio's managers and those of the organisation it was transferred to. */
const handles = (person: PersonDoc | null, c: CaseDoc) => !!person && (inScope(person, c.orgPath) || inScope(person, c.managingOrgPath))
/**
 * The representative the case is addressed to, through the account linked to that record now (`repIds`: the
 * caller's, repIdsOf): relinking a representative hands their cases to the new account and takes them from the old.
 */
const isRep = (person: PersonDoc | null, c: CaseDoc, repIds: string[]) =>
  !!person && person.status === 'approved' && !!c.repId && repIds.includes(c.repId)

/** What `person` may do to the case now. */
function allowedEvents(person: PersonDoc | null, c: CaseDoc, repIds: string[]): CaseEvent[] {
  const manager = handles(person, c)
  if (!manager && !isRep(person, c, repIds)) return []
  return (Object.keys(CASE_TRANSITIONS) as CaseEvent[])
    .filter((e) => CASE_TRANSITIONS[e].from.includes(c.status) && (e !== 'transfer' || manager))
}

async function checkText(openid: string, fields: Array<{ field: string; label: string; text?: string }>) {
  const texts = fields.filter((f) => f.text)
  const verdicts = await whenAll(texts.map((t) => wechat.msgSecCheck(t.text!, openid, 'forum')))
  const refused = texts.filter((_t, i) => verdicts[i] === 'risky')
  if (refused.length > 0) {
    throw new ApiFailure('CONTENT_REJECTED', `${refused[0].label}含有不宜发布的内容，请修改后再提交`,
      refused.map((t) => ({ field: t.field, message: `${t.label}含有不宜发布的内容` })))
  }
}

/** A person's 民情 an hour, counted on the studio or representative each goes to. */
export const SUBMIT_LIMIT: RateLimit = { ...RATE_LIMITS.submit, carriedIn: [COLLECTIONS.sites, COLLECTIONS.studioReps] }

/**
 * The studio (or representative) a 民情 goes to, read by the write that spends from the person's limit carried on it
 * (common/rateLimit.ts carriedLimit): one operation for both. A miss reads the document once more, to say why.
 */
async function addressee(siteId: string, repId: string | undefined, openid: string, at: Date) {
  const limit = carriedLimit(openid, SUBMIT_LIMIT, at)
  const spend = async <T>(collection: string, id: string, where: Record<string, unknown>) =>
    (await database().collection(collection).where({ _id: id, ...where, ...limit.where }).updateAndReturn(limit.raise)).doc as T | undefined
  if (!repId) {
    const site = await spend<StudioSite>(COLLECTIONS.sites, siteId, { type: 'studio', active: database().command.neq(false) })
    if (!site) {
      await loadStudio(siteId)
      throw limit.refused()
    }
    return { siteName: site.name, managingOrgPath: site.managingOrgPath, orgName: site.managingOrgName }
  }
  const rep = await spend<RepDoc>(COLLECTIONS.studioReps, repId, { siteId, active: true })
  if (!rep) {
    const found = await findDoc<RepDoc>(COLLECTIONS.studioReps, repId)
    if (!found || !found.active || found.siteId !== siteId) throw fail.invalid('repId', '这位党代表不在这个工作室，请重新选择')
    throw limit.refused()
  }
  return { siteName: rep.siteName, managingOrgPath: rep.managingOrgPath, orgName: rep.managingOrgName, rep }
}

/**
 * Leaves a 民情: the studio or representative read by the write that spends from the person's limit (nothing else is
 * written over the limit), content and photos checked, one insert under the id of (author, request id) — a retry
 * finds its case instead of making another — and one figures write: three operations.
 */
export async function submit(input: StudioInput['submit'], openid: string): Promise<StudioOutput['submit']> {
  const at = now()
  const to = await addressee(input.siteId, input.repId, openid, at)
  await checkText(openid, [{ field: 'content', label: '内容', text: input.content }, { field: 'name', label: '称呼', text: input.name }])
  const photos = input.photos ?? []
  const photoChecks = await startPhotoChecks('cases', openid, photos, 'photos')
  const id = caseId(openid, input.requestId)
  const doc: CaseDoc = {
    _id: id,
    siteId: input.siteId,
    siteName: to.siteName,
    managingOrgPath: to.managingOrgPath,
    orgPath: to.managingOrgPath,
    orgName: to.orgName,
    ...(to.rep ? { repId: to.rep._id, repName: to.rep.name } : {}),
    kind: input.kind,
    content: input.content,
    photos,
    photoChecks,
    ...(input.receptionDate ? { receptionDate: input.receptionDate } : {}),
    author: openid,
    ...(input.name ? { name: input.name } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    subscribe: input.subscribe === true,
    status: 'pending',
    version: 1,
    ...receipt(at),
    history: [{ event: 'submit', by: openid, byName: input.name ?? '留言人', at }],
  }
  if (!(await insertOnce(COLLECTIONS.studioCases, doc))) {
    const existing = await loadDoc<CaseDoc>(COLLECTIONS.studioCases, id, () => fail.notFound('这条民情'))
    return { id, status: existing.status }
  }
  await studioFigures.record(database(), { siteId: doc.siteId, repId: doc.repId, month: doc.month, delta: { received: 1 } })
  return { id, status: 'pending' }
}

export async function mine(input: StudioInput['mine'], openid: string): Promise<StudioOutput['mine']> {
  const { rows, nextCursor } = await pageAfter<CaseDoc>({
    collection: COLLECTIONS.studioCases, where: [{ author: openid }], order: 'submittedAt', dir: 'desc', size: STUDIO_LIMITS.page, cursor: input.cursor,
    fields: { history: false, photoChecks: false },
  })
  const today = shanghaiDate(now())
  return { items: rows.map((c) => toSummary(c, today)), nextCursor }
}

/** One case, to its author, its handlers and its representative; anyone else is refused. */
export async function getCase(input: StudioInput['getCase'], openid: string, caller: () => Promise<PersonDoc | null>): Promise<StudioOutput['getCase']> {
  const [c, person] = await whenAll([loadDoc<CaseDoc>(COLLECTIONS.studioCases, input.id, () => fail.notFound('这条民情')), caller()])
  const author = c.author === openid
  const repIds = person ? repIdsOf(person) : []
  const handler = handles(person, c) || isRep(person, c, repIds)
  if (!author && !handler) throw fail.forbidden('只能查看自己留的民情，或您负责办理的民情')
  const urls = await tempUrls(c.photos)
  const phone = handler ? c.phone : maskPhone(c.phone)
  return {
    ...toSummary(c, shanghaiDate(now())),
    content: c.content,
    photos: photosAsShown(c.photos, c, urls, handler || author),
    ...(c.receptionDate ? { receptionDate: c.receptionDate } : {}),
    ...(c.name ? { name: c.name } : {}),
    ...(phone ? { phone } : {}),
    ...(c.reply ? { reply: c.reply } : {}),
    ...(c.comment ? { comment: c.comment } : {}),
    timeline: c.history.map((h) => ({
      event: h.event, label: STEP_LABELS[h.event], byName: h.byName, at: new Date(h.at).toISOString(), ...(h.note ? { note: h.note } : {}),
    })),
    canAct: allowedEvents(person, c, repIds),
    canRate: author && c.status === 'closed' && !c.rating,
  }
}

/**
 * The cases the caller handles: their subtree's (everything for the district office) and those addressed to them as
 * a representative. Open ones by deadline, so overdue ones come first; closed ones latest first.
 */
export async function handlerCases(input: StudioInput['cases'], person: PersonDoc): Promise<StudioOutput['cases']> {
  const _ = database().command
  const repIds = repIdsOf(person)
  const mineAsRep = repIds.length > 0 ? [{ repId: _.in(repIds) }] : []
  const manager = person.role === 'secretary' && person.scopeOrgId
    ? [{ orgPath: person.scopeOrgId }, { managingOrgPath: person.scopeOrgId }] : []
  if (person.role !== 'admin' && manager.length + mineAsRep.length === 0) return { items: [], nextCursor: null }
  const scope = person.role === 'admin' ? null : _.or([...manager, ...mineAsRep])
  const closed = input.status === 'closed'
  const where: object[] = [
    input.status ? { status: input.status } : { status: _.in(OPEN_CASE_STATUSES) },
    ...(scope ? [scope] : []),
    ...(input.siteId ? [{ siteId: input.siteId }] : []),
  ]
  const { rows, nextCursor } = await pageAfter<CaseDoc>({
    collection: COLLECTIONS.studioCases, where, order: closed ? 'closedAt' : 'deadlineAt', dir: closed ? 'desc' : 'asc',
    size: STUDIO_LIMITS.page, cursor: input.cursor, fields: { history: false, photoChecks: false },
  })
  const today = shanghaiDate(now())
  return { items: rows.map((c) => toSummary(c, today)), nextCursor }
}

const REFUSED_STATE = (status: CaseStatus) => fail.conflict(`这条民情${CASE_STATUS_LABELS[status]}，不能进行这项操作，请刷新后查看`)

export async function act(input: StudioInput['act'], person: PersonDoc): Promise<StudioOutput['act']> {
  const target: OrgDoc | null = input.event === 'transfer'
    ? await loadOrg(input.orgId!, () => fail.invalid('orgId', '没有找到这个党组织，请重新选择')) : null
  const _ = database().command
  const { to } = CASE_TRANSITIONS[input.event]
  const repIds = repIdsOf(person)
  const { c, at } = await updateAudited<CaseDoc, { c: CaseDoc; at: Date }>(COLLECTIONS.studioCases, input.id, () => fail.notFound('这条民情'), (c) => {
    const manager = handles(person, c)
    if (!manager && !isRep(person, c, repIds)) throw fail.forbidden('这条民情不在您负责的范围内')
    if (input.event === 'transfer') {
      if (!manager) throw fail.forbidden('只有工作室所在党组织的书记可以转办')
      if (!inScope(person, target!.path)) throw fail.forbidden('只能转办给您管理范围内的党组织')
      if (target!._id === c.orgPath[c.orgPath.length - 1]) throw fail.invalid('orgId', '这条民情已经由这个党组织办理')
    }
    if (!CASE_TRANSITIONS[input.event].from.includes(c.status)) throw REFUSED_STATE(c.status)
    const when = now()
    const note = input.event === 'close' ? input.reply : input.note
    const step: CaseStepDoc = { event: input.event, by: person._id, byName: person.name, at: when, ...(note ? { note } : {}) }
    return {
      patch: {
        status: to,
        version: _.inc(1),
        history: _.push([step]),
        ...(input.event === 'close' ? { reply: input.reply, ...closing(c.receivedDate, when), subscribe: false } : {}),
        ...(target ? { orgPath: target.path, orgName: target.name } : {}),
      },
      entry: {
        actor: person._id, actorName: person.name, action: `studio.${input.event}`, targetType: 'case', targetId: c._id,
        ...(input.note ? { reason: input.note } : {}),
        detail: { from: c.status, to, siteId: c.siteId, ...(target ? { orgId: target._id, fromOrg: c.orgName, toOrg: target.name } : {}) },
        also: [{ type: 'site', id: c.siteId }],
      },
      result: { c, at: when },
    }
  })
  const db = database()
  if (input.event === 'close') {
    const closedMonth = shanghaiMonth(at)
    const closeDays = closing(c.receivedDate, at).closeDays
    if (closedMonth === c.month) {
      await studioFigures.record(db, { siteId: c.siteId, repId: c.repId, month: c.month, delta: { receivedClosed: 1, closed: 1, closeDays } })
    } else {
      await studioFigures.record(db, { siteId: c.siteId, repId: c.repId, month: c.month, delta: { receivedClosed: 1 } })
      await studioFigures.record(db, { siteId: c.siteId, repId: c.repId, month: closedMonth, delta: { closed: 1, closeDays } })
    }
  }
  await tellAuthor(db, c, input.event, at, input.event === 'close' ? input.reply : input.note, target?.name)
  return { id: c._id, status: to }
}

/** The author rates a closed case once: a conditional update (a second rating, even at the same instant, changes nothing). */
export async function rate(input: StudioInput['rate'], openid: string): Promise<StudioOutput['rate']> {
  const c = await loadDoc<CaseDoc>(COLLECTIONS.studioCases, input.id, () => fail.notFound('这条民情'))
  if (c.author !== openid) throw fail.forbidden('只能评价自己留的民情')
  const done = () => fail.alreadyDone(`您已经评价过这条民情（${RATING_LABELS[c.rating ?? input.rating]}）`)
  if (c.rating) throw done()
  if (c.status !== 'closed') throw fail.conflict('民情办结后才能评价')
  if (input.comment) await checkText(openid, [{ field: 'comment', label: '评价内容', text: input.comment }])
  const db = database()
  const _ = db.command
  const at = now()
  const step: CaseStepDoc = { event: 'rate', by: openid, byName: c.name ?? '留言人', at, note: `${RATING_LABELS[input.rating]}${input.comment ? `：${input.comment}` : ''}` }
  const { updated } = await db.collection(COLLECTIONS.studioCases)
    .where({ _id: input.id, author: openid, status: 'closed', rating: _.exists(false) })
    .update({ rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), ratedAt: at, ratedMonth: shanghaiMonth(at), history: _.push([step]) })
  if (!updated) throw fail.alreadyDone('您已经评价过这条民情')
  await studioFigures.record(db, { siteId: c.siteId, repId: c.repId, month: shanghaiMonth(at), delta: { [input.rating]: 1 } })
  return { id: input.id, rating: input.rating }
}

// People and organisations: registration, its review by a secretary in scope, roles, and the organisation tree.
import type { Org, UserOutput } from '../../contract/user'
import { userSchemas } from '../../contract/user'
import { writeAudit } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { decodeCursor, encodeCursor } from '../common/cursor'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { inScope, PersonDoc, toPerson } from '../common/people'
import { action, ActionTable } from '../common/router'

const PAGE_SIZE = 20
const MAX_READ = 1000

interface OrgDoc { _id: string; name: string; type: Org['type']; parentId: string | null; path: string[] }

const toOrg = (o: OrgDoc): Org => ({ id: o._id, name: o.name, type: o.type, parentId: o.parentId, path: o.path })

async function loadOrg(orgId: string, field: string): Promise<OrgDoc> {
  const { data } = await database().collection(COLLECTIONS.orgs).doc(orgId).get()
  const org = data?.[0] as OrgDoc | undefined
  if (!org) throw fail.invalid(field, '没有找到这个党组织，请重新选择')
  return org
}

/** Reads the person under review inside a transaction and checks the reviewer may decide on them now. */
async function pendingInScope(t: any, reviewer: PersonDoc, openid: string): Promise<PersonDoc> {
  const { data } = await t.collection(COLLECTIONS.users).doc(openid).get()
  const target = data as PersonDoc | null
  if (!target) throw fail.notFound('这位申请人')
  if (!inScope(reviewer, target.orgPath)) throw fail.forbidden('这位申请人不在你管理的党组织内')
  if (target.status !== 'pending') throw fail.conflict(`这位申请人已${target.status === 'approved' ? '通过' : '被退回'}，无需重复审核`)
  return target
}

export const userActions: ActionTable = {
  me: action('signedIn', userSchemas.me, async (_input, { openid, caller }): Promise<UserOutput['me']> => {
    const person = await caller()
    return { openid, person: person ? toPerson(person, true) : null }
  }),

  orgs: action('signedIn', userSchemas.orgs, async (): Promise<UserOutput['orgs']> => {
    const { data } = await database().collection(COLLECTIONS.orgs).limit(MAX_READ).get()
    return { items: (data as OrgDoc[]).map(toOrg) }
  }),

  register: action('signedIn', userSchemas.register, async (input, { openid }): Promise<UserOutput['register']> => {
    const org = await loadOrg(input.orgId, 'orgId')
    const db = database()
    await db.runTransaction(async (t: any) => {
      const { data } = await t.collection(COLLECTIONS.users).doc(openid).get()
      const existing = data as PersonDoc | null
      if (existing?.status === 'approved') throw fail.alreadyDone('你已经登记并通过审核，无需重复登记')
      const doc: Omit<PersonDoc, '_id'> = {
        name: input.name,
        orgId: org._id,
        orgPath: org.path,
        orgName: org.name,
        retired: input.retired,
        status: 'pending',
        role: existing?.role ?? 'member',
        registeredAt: now(),
      }
      if (input.phone) doc.phone = input.phone
      await t.collection(COLLECTIONS.users).doc(openid).set(doc)
    })
    return { status: 'pending' }
  }),

  pending: action('secretary', userSchemas.pending, async (input, { person }): Promise<UserOutput['pending']> => {
    const db = database()
    const _ = db.command
    const scope: Record<string, unknown> = { status: 'pending' }
    if (person.role !== 'admin') scope.orgPath = person.scopeOrgId
    let page: object = scope
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor)
      page = _.and([scope, _.or([{ registeredAt: _.gt(at) }, { registeredAt: at, _id: _.gt(id) }])])
    }
    const [{ data }, { total }] = await Promise.all([
      db.collection(COLLECTIONS.users).where(page).orderBy('registeredAt', 'asc').orderBy('_id', 'asc')
        .limit(PAGE_SIZE + 1).get(),
      db.collection(COLLECTIONS.users).where(scope).count(),
    ])
    const rows = data as PersonDoc[]
    const items = rows.slice(0, PAGE_SIZE)
    const last = items[items.length - 1]
    return {
      items: items.map((p) => toPerson(p, true)),
      total,
      nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.registeredAt, last._id) : null,
    }
  }),

  approve: action('secretary', userSchemas.approve, async (input, { openid, person }): Promise<UserOutput['approve']> => {
    await database().runTransaction(async (t: any) => {
      const target = await pendingInScope(t, person, input.openid)
      await t.collection(COLLECTIONS.users).doc(input.openid).update({ status: 'approved', reviewedAt: now(), reviewedBy: openid })
      await writeAudit(t, {
        actor: openid, actorName: person.name, action: 'user.approve', targetType: 'user', targetId: input.openid,
        detail: { name: target.name, orgId: target.orgId },
      })
    })
    return { status: 'approved' }
  }),

  reject: action('secretary', userSchemas.reject, async (input, { openid, person }): Promise<UserOutput['reject']> => {
    await database().runTransaction(async (t: any) => {
      const target = await pendingInScope(t, person, input.openid)
      await t.collection(COLLECTIONS.users).doc(input.openid).update({
        status: 'rejected', rejectReason: input.reason, reviewedAt: now(), reviewedBy: openid,
      })
      await writeAudit(t, {
        actor: openid, actorName: person.name, action: 'user.reject', targetType: 'user', targetId: input.openid,
        reason: input.reason, detail: { name: target.name, orgId: target.orgId },
      })
    })
    return { status: 'rejected' }
  }),

  setRole: action('admin', userSchemas.setRole, async (input, { openid, person }): Promise<UserOutput['setRole']> => {
    if (input.role !== 'secretary' && input.orgId) throw fail.invalid('orgId', '只有党组织书记需要指定管理的党组织')
    const scopeOrg = input.role === 'secretary' && input.orgId ? await loadOrg(input.orgId, 'orgId') : null
    let scopeOrgId: string | undefined
    await database().runTransaction(async (t: any) => {
      const { data } = await t.collection(COLLECTIONS.users).doc(input.openid).get()
      const target = data as PersonDoc | null
      if (!target) throw fail.notFound('这位人员')
      if (target.status !== 'approved') throw new ApiFailure('CONFLICT', '这位人员的登记还没有通过审核，不能设置角色')
      if (target._id === openid && input.role !== 'admin') throw fail.forbidden('不能取消自己的区委党建办角色')
      scopeOrgId = input.role === 'secretary' ? (scopeOrg?._id ?? target.orgId) : undefined
      const _ = database().command
      await t.collection(COLLECTIONS.users).doc(input.openid).update({
        role: input.role,
        scopeOrgId: scopeOrgId ?? _.remove(),
      })
      await writeAudit(t, {
        actor: openid, actorName: person.name, action: 'user.setRole', targetType: 'user', targetId: input.openid,
        detail: { from: target.role, to: input.role, scopeOrgId: scopeOrgId ?? null },
      })
    })
    return scopeOrgId ? { role: input.role, scopeOrgId } : { role: input.role }
  }),
}

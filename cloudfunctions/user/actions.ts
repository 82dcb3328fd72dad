// People and organisations: registration, its review by a secretary in scope, roles, and the organisation tree.
import type { UserOutput } from '../../contract/user'
import { holdsMembers, NOT_A_MEMBER_ORG, userSchemas } from '../../contract/user'
import { updateAudited } from '../common/audit'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { ApiFailure, fail } from '../common/errors'
import { allOrgs, loadOrg, scopeMatch, toOrg } from '../common/orgs'
import { inScope, PersonDoc, repIdsOf, toPerson } from '../common/people'
import { pageAfter } from '../common/query'
import { defineActions } from '../common/router'
import { cancelLoginCode, confirmLoginCode, loginCodeStatus, newLoginCode, scanLoginCode } from '../common/loginCodes'
import { describeDevice, endSessions, endSessionsField, mintSession } from '../common/sessions'
import { whenAll } from '../common/whenAll'
import { history } from './history'
import { tellApplicant } from './messages'

const PAGE_SIZE = 20

/**
 * A reviewer in scope approves or rejects a pending registration: the person is read and changed in one transaction
 * with its audit entry, so two reviewers at once cannot both decide. Then the applicant is told (once: a second
 * decision is refused before this).
 */
async function decide<S extends 'approved' | 'rejected'>(reviewer: PersonDoc, openid: string, status: S, reason?: string): Promise<S> {
  const at = now()
  const applicant = await updateAudited<PersonDoc, PersonDoc>(COLLECTIONS.users, openid, () => fail.notFound('这位申请人'), (target) => {
    if (!inScope(reviewer, target.orgPath)) throw fail.forbidden('这位申请人不在您管理的党组织内')
    if (target.status !== 'pending') throw fail.conflict(`这位申请人已${target.status === 'approved' ? '通过' : '被退回'}，无需重复审核`)
    // The decision ends the applicant's H5 sessions: signing in again shows them what they may now do.
    return {
      patch: { status, ...(reason ? { rejectReason: reason } : {}), reviewedAt: at, reviewedBy: reviewer._id, ...endSessionsField(at) },
      entry: {
        actor: reviewer._id, actorName: reviewer.name, action: status === 'approved' ? 'user.approve' : 'user.reject',
        targetType: 'user', targetId: openid, ...(reason ? { reason } : {}), detail: { name: target.name, orgId: target.orgId },
      },
      result: target,
    }
  })
  await tellApplicant(applicant, status, at, reason)
  return status
}

export const userActions = defineActions<typeof userSchemas, UserOutput>({
  signIn: {
    who: 'anyone',
    input: userSchemas.signIn,
    handler: async (input, { userAgent }) => {
      // Choosing who to be is a local demonstration only: npm start sets DEMO_LOGIN=1 for the functions.
      if (process.env.DEMO_LOGIN !== '1') throw fail.forbidden('演示登录只在本地演示环境开放，请用小程序扫码登录')
      if (userAgent === undefined) throw fail.forbidden('小程序里由微信确认身份，无需登录')
      const session = await mintSession(input.openid, 'demo', describeDevice(userAgent), now())
      return { ...session, openid: input.openid }
    },
  },

  signOut: {
    who: 'signedIn',
    input: userSchemas.signOut,
    handler: async (_input, { session }) => {
      if (!session) return { ended: false } // a mini-program call: WeChat's identity has nothing to end
      await endSessions(session, now())
      return { ended: true }
    },
  },

  // 扫码登录 (common/loginCodes.ts): the browser asks for a code and polls it; a member confirms it in the mini-program.
  loginCode: {
    who: 'anyone',
    input: userSchemas.loginCode,
    handler: (_input, { userAgent, address }) => newLoginCode(userAgent, address ?? '', now()),
  },

  loginCodeStatus: {
    who: 'anyone',
    input: userSchemas.loginCodeStatus,
    handler: (input) => loginCodeStatus(input.code, input.key, now()),
  },

  scanLogin: {
    who: 'member',
    input: userSchemas.scanLogin,
    handler: (input, { openid, userAgent }) => scanLoginCode(input.code, openid, userAgent, now()),
  },

  confirmLogin: {
    who: 'member',
    input: userSchemas.confirmLogin,
    handler: (input, { openid, userAgent }) => confirmLoginCode(input.code, openid, userAgent, now()),
  },

  cancelLogin: {
    who: 'member',
    input: userSchemas.cancelLogin,
    handler: (input, { openid, userAgent }) => cancelLoginCode(input.code, openid, userAgent, now()),
  },

  me: {
    who: 'signedIn',
    input: userSchemas.me,
    handler: async (_input, { openid, caller }) => {
      const person = await caller()
      const representative = !!person && repIdsOf(person).length > 0
      return { openid, person: person ? toPerson(person, true) : null, ...(representative ? { representative: true as const } : {}) }
    },
  },

  orgs: {
    who: 'signedIn',
    input: userSchemas.orgs,
    handler: async () => ({ items: (await allOrgs()).map(toOrg) }),
  },

  register: {
    who: 'signedIn',
    input: userSchemas.register,
    handler: async (input, { openid, session }) => {
      const org = await loadOrg(input.orgId, 'orgId')
      if (!holdsMembers(org.type)) throw fail.invalid('orgId', NOT_A_MEMBER_ORG)
      const db = database()
      await db.runTransaction(async (t: any) => {
        const { data } = await t.collection(COLLECTIONS.users).doc(openid).get()
        const existing = data as PersonDoc | null
        if (existing?.status === 'approved') throw fail.alreadyDone('您已经登记并通过审核，无需重复登记')
        const doc: Omit<PersonDoc, '_id'> = {
          name: input.name,
          orgId: org._id,
          orgPath: org.path,
          orgName: org.name,
          retired: input.retired,
          status: 'pending',
          role: existing?.role ?? 'member',
          registeredAt: now(),
          // The record replaces any before it: sessions ended before stay ended (those signed out while unregistered
          // included), the one registering stays on.
          sessionsValidFrom: session ? new Date(session.issuedAt) : existing?.sessionsValidFrom ?? now(),
        }
        if (input.phone) doc.phone = input.phone
        if (input.subscribe) doc.subscribe = true
        await t.collection(COLLECTIONS.users).doc(openid).set(doc)
      })
      return { status: 'pending' }
    },
  },

  pending: {
    who: 'secretary',
    input: userSchemas.pending,
    handler: async (input, { person }) => {
      const scope = { status: 'pending', ...scopeMatch(person) }
      const [{ rows, nextCursor }, { total }] = await whenAll([
        pageAfter<PersonDoc>({
          collection: COLLECTIONS.users, where: [scope], order: 'registeredAt', dir: 'asc', size: PAGE_SIZE, cursor: input.cursor,
        }),
        database().collection(COLLECTIONS.users).where(scope).count(),
      ])
      return { items: rows.map((p) => toPerson(p, true)), total, nextCursor }
    },
  },

  approve: {
    who: 'secretary',
    input: userSchemas.approve,
    handler: async (input, { person }) => ({ status: await decide(person, input.openid, 'approved') }),
  },

  reject: {
    who: 'secretary',
    input: userSchemas.reject,
    handler: async (input, { person }) => ({ status: await decide(person, input.openid, 'rejected', input.reason) }),
  },

  setRole: {
    who: 'admin',
    input: userSchemas.setRole,
    handler: async (input, { openid, person }) => {
      if (input.role !== 'secretary' && input.orgId) throw fail.invalid('orgId', '只有党组织书记需要指定管理的党组织')
      const scopeOrg = input.role === 'secretary' && input.orgId ? await loadOrg(input.orgId, 'orgId') : null
      const scopeOrgId = await updateAudited<PersonDoc, string | undefined>(COLLECTIONS.users, input.openid, () => fail.notFound('这位人员'), (target) => {
        if (target.status !== 'approved') throw new ApiFailure('CONFLICT', '这位人员的登记还没有通过审核，不能设置角色')
        if (target._id === openid && input.role !== 'admin') throw fail.forbidden('不能取消自己的区委党建办角色')
        const scope = input.role === 'secretary' ? (scopeOrg?._id ?? target.orgId) : undefined
        return {
          // A role change ends the person's H5 sessions: signing in again shows what they may now do.
          patch: { role: input.role, scopeOrgId: scope ?? database().command.remove(), ...endSessionsField(now()) },
          entry: {
            actor: openid, actorName: person.name, action: 'user.setRole', targetType: 'user', targetId: input.openid,
            detail: { from: target.role, to: input.role, scopeOrgId: scope ?? null },
          },
          result: scope,
        }
      })
      return scopeOrgId ? { role: input.role, scopeOrgId } : { role: input.role }
    },
  },
  history: {
    who: 'secretary',
    input: userSchemas.history,
    handler: (input, { person }) => history(input, person),
  },
})

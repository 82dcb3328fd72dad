// The organisation tree: one document per organisation carrying its path (its ancestors and itself, root first), so
// a subtree is one indexed read (`where({ path: X })`) and the organisations above one are on its own path.
import type { Org, OrgType } from '../../contract/user'
import { database } from './cloud'
import { COLLECTIONS } from './collections'
import { ApiFailure, fail } from './errors'
import { inScope, PersonDoc } from './people'
import { loadDoc } from './query'

export interface OrgDoc { _id: string; name: string; type: OrgType; parentId: string | null; path: string[] }

const MAX_ORGS = 1000

export const toOrg = (o: OrgDoc): Org => ({ id: o._id, name: o.name, type: o.type, parentId: o.parentId, path: o.path })

/** Every organisation (the chooser's tree). */
export async function allOrgs(): Promise<OrgDoc[]> {
  const { data } = await database().collection(COLLECTIONS.orgs).limit(MAX_ORGS).get()
  return data as OrgDoc[]
}

/**
 * An organisation by id. A missing one is refused on `field` ("choose again"), or with the failure `missing` makes.
 */
export function loadOrg(orgId: string, missing: string | (() => ApiFailure)): Promise<OrgDoc> {
  return loadDoc<OrgDoc>(COLLECTIONS.orgs, orgId,
    typeof missing === 'string' ? () => fail.invalid(missing, '没有找到这个党组织，请重新选择') : missing)
}

/** The organisation a secretary acts for when none is named: the one they manage; the district for the district office. */
export function defaultOrgId(person: PersonDoc): string {
  const orgId = person.role === 'admin' ? person.orgPath[0] : person.scopeOrgId
  if (!orgId) throw fail.forbidden('您还没有被指定管理的党组织')
  return orgId
}

/** The named organisation (else the caller's default one), which must be in the caller's scope. */
export async function orgInScope(person: PersonDoc, orgId: string | undefined, refusal: string): Promise<OrgDoc> {
  const org = await loadOrg(orgId ?? defaultOrgId(person), () => fail.notFound('这个党组织'))
  if (!inScope(person, org.path)) throw fail.forbidden(refusal)
  return org
}

/** What a secretary's lists are limited to: the subtree they manage (everything for the district office). */
export const scopeMatch = (person: PersonDoc, field = 'orgPath'): Record<string, unknown> =>
  (person.role === 'admin' ? {} : { [field]: person.scopeOrgId })

/**
 * An organisation in the caller's scope and every organisation under it, in tree order (each followed by the
 * organisations under it, root first): one read, whatever the tree's size.
 */
export async function subtreeInScope(person: PersonDoc, orgId: string): Promise<OrgDoc[]> {
  const { data } = await database().collection(COLLECTIONS.orgs).where({ path: orgId }).limit(MAX_ORGS).get()
  const orgs = data as OrgDoc[]
  const root = orgs.find((o) => o._id === orgId)
  if (!root) throw fail.notFound('这个党组织')
  if (!inScope(person, root.path)) throw fail.forbidden('这个党组织不在您管理的范围内')
  const children = new Map<string, OrgDoc[]>()
  for (const o of orgs) {
    if (o._id === orgId || !o.parentId) continue
    children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
  }
  const ordered: OrgDoc[] = []
  const visit = (o: OrgDoc) => {
    ordered.push(o)
    for (const c of children.get(o._id) ?? []) visit(c)
  }
  visit(root)
  return ordered
}

/** The organisation at the end of `orgPath` and each one above it, each with its own path (root first). */
export const ancestors = (orgPath: string[]): Array<{ orgId: string; orgPath: string[] }> =>
  orgPath.map((orgId, i) => ({ orgId, orgPath: orgPath.slice(0, i + 1) }))

// The organisation list comes flat (each with parentId); pickers show it as a tree, each entry named by its path.
import { holdsMembers, type Org } from '../../contract/user'

export interface OrgOption {
  id: string
  /** "某街道 / 某社区": the path from the top, leaving out the district itself when it is the single root. */
  label: string
  depth: number
  /** A heading of the tree that cannot be chosen (a street committee, when a person's own organisation is asked). */
  heading?: true
}

/** For choosing where a member belongs: the district and street committees are headings, not choices. */
export const memberOrgOptions = (orgs: Org[]) => orgOptions(orgs, (org) => holdsMembers(org.type))

const PATH_SEPARATOR = ' / '

/** Depth-first order (parents before children, siblings in the order given); `choosable` marks the rest headings. */
export function orgOptions(orgs: Org[], choosable: (org: Org) => boolean = () => true): OrgOption[] {
  const ids = new Set(orgs.map((org) => org.id))
  const children = new Map<string | null, Org[]>()
  for (const org of orgs) {
    const parent = org.parentId && ids.has(org.parentId) ? org.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), org])
  }
  const roots = children.get(null) ?? []
  const hideRoot = roots.length === 1 && roots[0].type === 'district'

  const options: OrgOption[] = []
  const visit = (org: Org, names: string[], depth: number) => {
    const path = [...names, org.name]
    options.push({ id: org.id, label: path.join(PATH_SEPARATOR), depth, ...(choosable(org) ? {} : { heading: true as const }) })
    for (const child of children.get(org.id) ?? []) visit(child, path, depth + 1)
  }
  for (const root of roots) {
    if (hideRoot) {
      options.push({ id: root.id, label: root.name, depth: 0, ...(choosable(root) ? {} : { heading: true as const }) })
      for (const child of children.get(root.id) ?? []) visit(child, [], 1)
    } else {
      visit(root, [], 0)
    }
  }
  return options
}

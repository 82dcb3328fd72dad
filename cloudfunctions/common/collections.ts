// Every collection and its indexes, declared once. The emulator applies this at start; scripts/setup-cloudbase.js
// applies the same declaration to a real CloudBase environment.

export type IndexKeyKind = 1 | -1 | '2dsphere'
export interface IndexDecl {
  name: string
  keys: Record<string, IndexKeyKind>
  unique?: boolean
}
export interface CollectionDecl {
  name: string
  indexes: IndexDecl[]
}

export const COLLECTIONS = {
  orgs: 'orgs',
  users: 'users',
  audit: 'audit',
} as const

export const COLLECTION_DECLS: CollectionDecl[] = [
  {
    name: COLLECTIONS.orgs,
    indexes: [{ name: 'parent', keys: { parentId: 1 } }],
  },
  {
    // _id is the person's openid: one person, one record, whatever the retries.
    name: COLLECTIONS.users,
    indexes: [
      { name: 'status_org', keys: { status: 1, orgPath: 1 } },
      { name: 'status_registered', keys: { status: 1, registeredAt: 1 } },
    ],
  },
  {
    name: COLLECTIONS.audit,
    indexes: [{ name: 'target_at', keys: { targetId: 1, at: -1 } }],
  },
]

// The shape of the collections a caller declares (EmulatorOptions.collections): CloudBase's own, so the
// declarations a product applies to its real environment can be handed to the emulator as they are.

/** A collection the emulator creates at start, with its indexes. */
export interface CollectionDecl {
  name: string
  indexes: IndexDecl[]
}

/** One index: its fields in order, each 1 (ascending), -1 (descending) or '2dsphere' (a geo index). */
export interface IndexDecl {
  /** Reported in a duplicate-key error, as CloudBase reports it. */
  name: string
  keys: Record<string, IndexKeyKind>
  /** No two documents may share the indexed values. */
  unique?: boolean
}

export type IndexKeyKind = 1 | -1 | '2dsphere'

/** Declarations read from text (a command line's EMULATOR_COLLECTIONS): a JSON array of `{ name, indexes }`. */
export function parseDeclarations(raw: string): CollectionDecl[] {
  const decls = JSON.parse(raw)
  const valid = Array.isArray(decls) && decls.every((d) => d && typeof d.name === 'string' && Array.isArray(d.indexes))
  if (!valid) throw new Error('EMULATOR_COLLECTIONS must be a JSON array of { name, indexes }')
  return decls
}

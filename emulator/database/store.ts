// The SQLite side: one table per collection (`id` TEXT PRIMARY KEY + `doc` JSON text), the declared indexes as
// expression indexes, and the few statements the service needs. Everything here is synchronous (better-sqlite3), and
// Node runs one request's synchronous part at a time, so a request that reads and then writes is atomic.
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import Database from 'better-sqlite3'
import type { CollectionDecl, IndexKeyKind } from './declarations'
import { AdminError } from '../errors'
import { decodeFromStorage, Doc, encodeForStorage, invalidParam } from './ejson'

export interface IndexInfo {
  /** The declared name (reported in duplicate-key errors). */
  name: string
  sqlName: string
  keys: Array<[string, IndexKeyKind]>
  unique: boolean
}

export interface CollectionInfo {
  name: string
  /** Quoted SQLite table name. */
  table: string
  indexes: IndexInfo[]
  /** Paths with a SQL expression index (candidates for the planner). */
  indexedPaths: Set<string>
  /** Paths with a '2dsphere' index (geo queries are allowed only on these, as on CloudBase). */
  geoPaths: Set<string>
  /**
   * Indexed paths where some document held an array. json_extract sees an array as one value while Mongo matches
   * its elements, so the planner stops using these paths (MongoDB tracks "multikey" indexes the same way).
   */
  multikey: Set<string>
}

export interface StoredRow {
  key: string
  doc: Doc
}

export type WriteOp =
  | { info: CollectionInfo; key: string; mode: 'insert' | 'upsert'; doc: Doc }
  | { info: CollectionInfo; key: string; mode: 'delete' }

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/

/** Marker for a missing or null indexed value: a BLOB, which no json_extract result can equal (see pathExpr). */
export const NULL_SENTINEL = Buffer.from([0])

/** JSON path literal for json_extract, quoting segments that are not plain identifiers. */
function jsonPath(fieldPath: string): string {
  const segments = fieldPath.split('.').map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`))
  return `$.${segments.join('.')}`.replace(/'/g, "''")
}

/**
 * The SQL expression for a field. Missing and null both become NULL_SENTINEL, so a unique index treats them as one
 * value (two documents without the field collide, as on MongoDB), and `{f: null}` can use the index. Index creation
 * and the planner must produce exactly the same text for SQLite to match them.
 */
export function pathExpr(fieldPath: string): string {
  return `ifnull(json_extract(doc, '${jsonPath(fieldPath)}'), x'00')`
}

class Rollback extends Error {}

export class Store {
  readonly db: Database.Database
  private collections = new Map<string, CollectionInfo>()
  private statements = new Map<string, Database.Statement>()

  constructor(dataDir: string, decls: CollectionDecl[]) {
    fs.mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, 'database.sqlite'))
    this.db.pragma('journal_mode = WAL')
    // An answered write must survive kill -9 and power loss: fsync on every commit.
    this.db.pragma('synchronous = FULL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _multikey (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path));
      CREATE TABLE IF NOT EXISTS _indexed_paths (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path));
    `)
    for (const { name } of this.db.prepare('SELECT name FROM _collections').all() as Array<{ name: string }>) {
      this.collections.set(name, this.describe(name, []))
    }
    for (const decl of decls) this.declare(decl)
  }

  close() {
    this.db.close()
  }

  private describe(name: string, indexes: IndexInfo[]): CollectionInfo {
    const multikey = new Set(
      (this.db.prepare('SELECT path FROM _multikey WHERE collection = ?').all(name) as Array<{ path: string }>).map((r) => r.path),
    )
    const info: CollectionInfo = { name, table: `"col_${name}"`, indexes, indexedPaths: new Set(), geoPaths: new Set(), multikey }
    for (const ix of indexes) {
      for (const [p, kind] of ix.keys) (kind === '2dsphere' ? info.geoPaths : info.indexedPaths).add(p)
    }
    return info
  }

  private createTable(name: string) {
    this.db.exec(`CREATE TABLE IF NOT EXISTS "col_${name}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`)
    this.db.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, Date.now())
  }

  /** Creates a declared collection and brings its SQL indexes in line with the declaration. */
  private declare(decl: CollectionDecl) {
    if (!COLLECTION_NAME.test(decl.name)) throw new Error(`collections.ts: invalid collection name ${decl.name}`)
    const indexes: IndexInfo[] = decl.indexes.map((ix) => {
      const keys = Object.entries(ix.keys) as Array<[string, IndexKeyKind]>
      const hash = crypto.createHash('sha1').update(JSON.stringify([keys, !!ix.unique])).digest('hex').slice(0, 8)
      return { name: ix.name, sqlName: `ix_${decl.name}_${ix.name}_${hash}`, keys, unique: !!ix.unique }
    })
    this.db.transaction(() => {
      this.createTable(decl.name)
      const table = `"col_${decl.name}"`
      const wanted = new Set<string>()
      for (const ix of indexes) {
        const columns = ix.keys.filter(([, kind]) => kind !== '2dsphere').map(([p, kind]) => `${pathExpr(p)}${kind === -1 ? ' DESC' : ''}`)
        if (columns.length === 0) continue // a pure 2dsphere index: geo is computed in JS (geo.ts)
        wanted.add(ix.sqlName)
        try {
          this.db.exec(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${ix.sqlName}" ON ${table} (${columns.join(', ')})`)
        } catch (err: any) {
          throw new Error(`cannot create index ${ix.name} on ${decl.name} (existing documents violate it?): ${err.message}`)
        }
      }
      // A path indexed for the first time may already hold arrays in existing documents: look once.
      const known = this.db.prepare('SELECT 1 FROM _indexed_paths WHERE collection = ? AND path = ?')
      for (const ix of indexes) {
        for (const [p, kind] of ix.keys) {
          if (kind === '2dsphere' || known.get(decl.name, p)) continue
          const segments = p.split('.')
          const prefixes = segments.map((_, i) => `json_type(doc, '${jsonPath(segments.slice(0, i + 1).join('.'))}') = 'array'`)
          if (this.db.prepare(`SELECT 1 FROM ${table} WHERE ${prefixes.join(' OR ')} LIMIT 1`).get()) {
            this.db.prepare('INSERT OR IGNORE INTO _multikey (collection, path) VALUES (?, ?)').run(decl.name, p)
          }
          this.db.prepare('INSERT OR IGNORE INTO _indexed_paths (collection, path) VALUES (?, ?)').run(decl.name, p)
        }
      }
      // Indexes from an older declaration of this collection go away.
      const existing = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'").all(`col_${decl.name}`) as Array<{ name: string }>
      for (const { name } of existing) if (!wanted.has(name)) this.db.exec(`DROP INDEX "${name}"`)
    })()
    this.collections.set(decl.name, this.describe(decl.name, indexes))
  }

  collection(name: unknown): CollectionInfo {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name ${JSON.stringify(name)}`)
    const info = this.collections.get(name)
    if (!info) throw new AdminError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    return info
  }

  maybeCollection(name: string): CollectionInfo | undefined {
    return this.collections.get(name)
  }

  createCollection(name: unknown) {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name ${JSON.stringify(name)}`)
    if (this.collections.has(name)) {
      throw new AdminError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceUnavailable.ResourceExist] Table exist: ${name}`)
    }
    this.createTable(name)
    this.collections.set(name, this.describe(name, []))
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      if (this.statements.size > 500) this.statements.clear()
      stmt = this.db.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  get(info: CollectionInfo, key: string): Doc | undefined {
    const row = this.statement(`SELECT doc FROM ${info.table} WHERE id = ?`).get(key) as { doc: string } | undefined
    return row ? decodeFromStorage(row.doc) : undefined
  }

  count(info: CollectionInfo): number {
    return (this.statement(`SELECT count(*) AS n FROM ${info.table}`).get() as { n: number }).n
  }

  /**
   * Candidate documents in natural (insertion) order. `where` narrows them with SQL (planner.ts); the result is a
   * superset of the matches: the caller filters it with mingo. Consume it before the next statement runs.
   */
  *scan(info: CollectionInfo, where: { sql: string; params: unknown[] }): Generator<StoredRow> {
    const sql = `SELECT id, doc FROM ${info.table}${where.sql ? ` WHERE ${where.sql}` : ''} ORDER BY rowid`
    for (const row of this.statement(sql).iterate(...where.params) as Iterable<{ id: string; doc: string }>) {
      yield { key: row.id, doc: decodeFromStorage(row.doc) }
    }
  }

  /** Query plan of a scan (tests check that indexed lookups do not scan the table). */
  explain(info: CollectionInfo, where: { sql: string; params: unknown[] }): string[] {
    const sql = `EXPLAIN QUERY PLAN SELECT id, doc FROM ${info.table}${where.sql ? ` WHERE ${where.sql}` : ''} ORDER BY rowid`
    return (this.db.prepare(sql).all(...where.params) as Array<{ detail: string }>).map((r) => r.detail)
  }

  /**
   * Applies writes in one SQLite transaction: all or nothing. A unique or primary-key violation answers
   * DATABASE_DUPLICATE_WRITE. With dryRun the writes are checked and rolled back (transactions use it to report a
   * duplicate at the write that causes it, not only at commit).
   */
  apply(ops: WriteOp[], dryRun = false) {
    const run = this.db.transaction(() => {
      for (const op of ops) {
        if (op.mode === 'delete') {
          this.statement(`DELETE FROM ${op.info.table} WHERE id = ?`).run(op.key)
          continue
        }
        this.noteArrays(op.info, op.doc)
        const text = encodeForStorage(op.doc)
        if (op.mode === 'insert') this.statement(`INSERT INTO ${op.info.table} (id, doc) VALUES (?, ?)`).run(op.key, text)
        else this.statement(`INSERT INTO ${op.info.table} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`).run(op.key, text)
      }
      if (dryRun) throw new Rollback()
    })
    try {
      run()
    } catch (err: any) {
      if (err instanceof Rollback) return
      if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw this.duplicate(ops, err)
      throw err
    }
  }

  private duplicate(ops: WriteOp[], err: Error): AdminError {
    const message = String(err.message)
    for (const op of ops) {
      const ix = op.info.indexes.find((i) => message.includes(i.sqlName))
      if (ix) return new AdminError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${op.info.name} index: ${ix.name} dup key`)
    }
    const coll = ops.find((op) => message.includes(`col_${op.info.name}.id`))?.info.name ?? ops[0]?.info.name
    return new AdminError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_ dup key`)
  }

  /** Marks indexed paths that hold an array in this document as multikey (see CollectionInfo.multikey). */
  private noteArrays(info: CollectionInfo, doc: Doc) {
    for (const p of info.indexedPaths) {
      let value: any = doc
      for (const segment of p.split('.')) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) break
        value = value[segment]
      }
      if (!Array.isArray(value)) continue
      info.multikey.add(p)
      // Persisted with the write itself (and so rolled back with it); the in-memory flag may stay set after a
      // rollback, which only makes the planner more careful.
      this.statement('INSERT OR IGNORE INTO _multikey (collection, path) VALUES (?, ?)').run(info.name, p)
    }
  }
}

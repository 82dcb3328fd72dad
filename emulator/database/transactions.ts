// Transactions (startTransaction / commitTransaction / abortTransaction and operations carrying transactionId) with
// the snapshot isolation of MongoDB, which CloudBase's database runs on:
// - A transaction reads the snapshot taken when it started (the documents committed by then) plus its own writes,
//   and takes no locks: a reader never waits, never blocks anyone and never fails because of someone else's write.
// - Its writes are staged and applied at commit in one SQLite transaction; nobody else sees them before.
// - Write conflicts are found at the write, as MongoDB does: writing a document that another open transaction has
//   written, or that was committed after this transaction's snapshot, aborts this transaction with
//   DATABASE_TRANSACTION_CONFLICT (the code on which the SDK's runTransaction retries). The first writer wins, the
//   later one gets the conflict; two transactions writing different documents never conflict, so write skew is
//   allowed, as in MongoDB.
// - A write outside any transaction applies at once. MongoDB makes it wait for an open transaction that has written
//   the same document; here it goes first and that transaction's commit answers the conflict instead, so the
//   emulator never holds a request and neither write is lost.
// - A transaction lives at most LIFETIME_MS from its start (MongoDB's transactionLifetimeLimitSeconds, 60 s by
//   default: "a transaction must have a runtime of less than one minute", docs.mongodb.com/manual/core/
//   transactions-production-consideration); then it is aborted, so an abandoned one holds its documents no longer.
import { AdminError } from '../errors'
import { Doc } from './ejson'
import { newTransactionId } from './ids'
import { CollectionInfo, Store, StoredRow, WriteOp } from './store'
import type { SqlWhere } from './planner'

export const LIFETIME_MS = 60_000

/** What an operation reads and writes through: the committed store, or a transaction's snapshot of it. */
export interface Session {
  candidates(info: CollectionInfo, where: SqlWhere): Iterable<Doc>
  get(info: CollectionInfo, key: string): Doc | undefined
  /** Every document, counted by SQLite (outside transactions only). */
  countAll?(info: CollectionInfo): number
  write(ops: WriteOp[]): void
}

type EndReason = 'committed' | 'aborted' | 'conflict' | 'expired'

const docKey = (collection: string, key: string) => `${collection}\u0000${key}`
const conflict = (message: string) => new AdminError('DATABASE_TRANSACTION_CONFLICT', message)
const txFail = (message: string) => new AdminError('DATABASE_TRANSACTION_FAIL', message)

interface Staged {
  info: CollectionInfo
  key: string
  doc: Doc | null
}

/** A committed write of one document, kept while a transaction's snapshot predates it: the version it replaced. */
interface Replaced {
  seq: number
  before: Doc | undefined
}

class Transaction {
  readonly startedAt = Date.now()
  writes = new Map<string, Staged>()
  /** The commit sequence number its snapshot was taken at: it sees the writes committed up to that one. */
  constructor(public id: string, public snapshot: number) {}
}

export class Transactions {
  /** Commit sequence: every committed batch of writes (outside a transaction or a commit) takes the next number. */
  private seq = 0
  private live = new Map<string, Transaction>()
  private ended = new Map<string, { at: number; reason: EndReason }>()
  /** The open transaction that has written each document (the first writer). */
  private writers = new Map<string, Transaction>()
  /** Per document written while a transaction was open: the versions those writes replaced, oldest first. */
  private history = new Map<string, Replaced[]>()
  private sweeper: NodeJS.Timeout

  /** `onCommitted`: told of every batch of writes that reached the store (the metrics count them). */
  constructor(private store: Store, private lifetimeMs = LIFETIME_MS, private onCommitted: (ops: WriteOp[]) => void = () => {}) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(5000, lifetimeMs))
    this.sweeper.unref()
  }

  close() {
    clearInterval(this.sweeper)
  }

  /** The session for operations outside any transaction. */
  readonly committed: Session = {
    candidates: (info, where) => mapRows(this.store.scan(info, where)),
    get: (info, key) => this.store.get(info, key),
    countAll: (info) => this.store.count(info),
    write: (ops) => this.applyCommitted(ops),
  }

  start(): string {
    const tx = new Transaction(newTransactionId(), this.seq)
    this.live.set(tx.id, tx)
    return tx.id
  }

  /** Applies committed writes; while transactions are open, keeps the versions their snapshots still see. */
  private applyCommitted(ops: WriteOp[]) {
    const before = this.live.size ? ops.map((op) => this.store.get(op.info, op.key)) : undefined
    this.store.apply(ops)
    this.onCommitted(ops)
    const seq = ++this.seq
    if (!before) return
    ops.forEach((op, i) => {
      const dk = docKey(op.info.name, op.key)
      this.history.set(dk, [...(this.history.get(dk) ?? []), { seq, before: before[i] }])
    })
  }

  /** The first write of the document committed after `snapshot`, if any: it holds the version the snapshot sees. */
  private replacedAfter(dk: string, snapshot: number): Replaced | undefined {
    return this.history.get(dk)?.find((v) => v.seq > snapshot)
  }

  /** The live transaction with this id, checked usable (not ended, not past its lifetime). */
  private use(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.live.get(id) : undefined
    if (!tx) {
      const ended = typeof id === 'string' ? this.ended.get(id) : undefined
      if (ended?.reason === 'conflict') throw conflict(`transaction ${id} was aborted by a write conflict`)
      throw txFail(ended ? `transaction ${id} has already ${ended.reason === 'expired' ? 'expired' : 'ended'}` : `unknown transaction ${String(id)}`)
    }
    if (Date.now() - tx.startedAt > this.lifetimeMs) {
      this.end(tx, 'expired')
      throw txFail(`transaction ${tx.id} expired: a transaction lives at most ${this.lifetimeMs / 1000} s`)
    }
    return tx
  }

  /** A session reading the transaction's snapshot plus its own writes. */
  session(id: unknown): Session {
    const tx = this.use(id)
    const store = this.store
    // The transaction's own version of a document: its staged write, or what its snapshot saw before a later commit
    // replaced it. Undefined when it sees the committed document.
    const own = (dk: string): { doc: Doc | undefined } | undefined => {
      const staged = tx.writes.get(dk)
      if (staged) return { doc: staged.doc ?? undefined }
      const replaced = this.replacedAfter(dk, tx.snapshot)
      return replaced && { doc: replaced.before }
    }
    const history = this.history
    return {
      *candidates(info, where) {
        const seen = new Set<string>()
        for (const row of store.scan(info, where)) {
          const dk = docKey(info.name, row.key)
          seen.add(dk)
          const mine = own(dk)
          const doc = mine ? mine.doc : row.doc
          if (doc) yield doc
        }
        // Versions the SQL narrowing cannot find in the committed table: the transaction's own writes, and documents
        // changed or deleted since the snapshot. The caller filters every candidate with the query.
        for (const dk of [...tx.writes.keys(), ...history.keys()]) {
          if (seen.has(dk) || !dk.startsWith(docKey(info.name, ''))) continue
          seen.add(dk)
          const doc = own(dk)?.doc
          if (doc) yield doc
        }
      },
      get(info, key) {
        const mine = own(docKey(info.name, key))
        return mine ? mine.doc : store.get(info, key)
      },
      write: (ops) => this.stage(tx, ops),
    }
  }

  /** Ends the transaction on a write conflict and returns the error it answers. */
  private lose(tx: Transaction, why: string): AdminError {
    this.end(tx, 'conflict')
    return conflict(`transaction ${tx.id} was aborted by a write conflict: ${why}`)
  }

  /** Why writing this document would conflict, or null. */
  private conflictOf(tx: Transaction, info: CollectionInfo, key: string): string | null {
    const dk = docKey(info.name, key)
    const writer = this.writers.get(dk)
    if (writer && writer !== tx) return `document ${key} of ${info.name} is being written by transaction ${writer.id}`
    if (this.replacedAfter(dk, tx.snapshot)) return `document ${key} of ${info.name} was changed after the transaction started`
    return null
  }

  /** The overlay as writes: deletes first, so a unique value moved from a deleted document does not collide. */
  private overlayOps(writes: Map<string, Staged>): WriteOp[] {
    const staged = [...writes.values()]
    return [
      ...staged.filter((s) => !s.doc).map((s): WriteOp => ({ info: s.info, key: s.key, mode: 'delete' })),
      ...staged.filter((s) => s.doc).map((s): WriteOp => ({ info: s.info, key: s.key, mode: 'upsert', doc: s.doc! })),
    ]
  }

  private stage(tx: Transaction, ops: WriteOp[]) {
    for (const op of ops) {
      const why = this.conflictOf(tx, op.info, op.key)
      if (why) throw this.lose(tx, why)
    }
    const next = new Map(tx.writes)
    for (const op of ops) next.set(docKey(op.info.name, op.key), { info: op.info, key: op.key, doc: op.mode === 'delete' ? null : op.doc })
    // Report a duplicate key at the write that causes it: try the whole overlay and roll back.
    this.store.apply(this.overlayOps(next), true)
    tx.writes = next
    for (const op of ops) this.writers.set(docKey(op.info.name, op.key), tx)
  }

  commit(id: unknown) {
    const tx = this.use(id)
    // A write outside any transaction may have gone first on a document this one wrote (see the top of the file).
    for (const s of tx.writes.values()) {
      if (this.replacedAfter(docKey(s.info.name, s.key), tx.snapshot)) {
        throw this.lose(tx, `document ${s.key} of ${s.info.name} was written outside the transaction after it started`)
      }
    }
    try {
      this.applyCommitted(this.overlayOps(tx.writes))
    } catch (err) {
      this.end(tx, 'aborted')
      throw err
    }
    this.end(tx, 'committed')
  }

  abort(id: unknown) {
    const tx = typeof id === 'string' ? this.live.get(id) : undefined
    if (tx) return this.end(tx, 'aborted')
    if (typeof id === 'string' && this.ended.has(id)) return // already ended (e.g. by a conflict): nothing to undo
    throw txFail(`unknown transaction ${String(id)}`)
  }

  private end(tx: Transaction, reason: EndReason) {
    this.live.delete(tx.id)
    this.ended.set(tx.id, { at: Date.now(), reason })
    for (const dk of tx.writes.keys()) if (this.writers.get(dk) === tx) this.writers.delete(dk)
    tx.writes.clear()
    // Versions older than every open snapshot are seen by nobody any more.
    const oldest = Math.min(...[...this.live.values()].map((t) => t.snapshot))
    for (const [dk, versions] of this.history) {
      const seen = versions.filter((v) => v.seq > oldest)
      if (seen.length) this.history.set(dk, seen)
      else this.history.delete(dk)
    }
  }

  private sweep() {
    const now = Date.now()
    for (const tx of [...this.live.values()]) if (now - tx.startedAt > this.lifetimeMs) this.end(tx, 'expired')
    for (const [id, e] of this.ended) if (now - e.at > 10 * 60_000) this.ended.delete(id)
  }
}

function* mapRows(rows: Iterable<StoredRow>): Generator<Doc> {
  for (const row of rows) yield row.doc
}

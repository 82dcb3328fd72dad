// Transactions (startTransaction / commitTransaction / abortTransaction and operations carrying transactionId).
//
// Isolation: a transaction's writes live in an overlay until commit and are applied then in one SQLite transaction;
// nobody else sees them before, and abort (or a lost, idle transaction) just drops the overlay. Every document a
// transaction touches (reads by id or query result, writes, inserts) is locked until it ends (strict two-phase
// locking, so read-modify-write inside a transaction never loses an update). A second transaction touching a locked
// document waits for the first to end, up to LOCK_WAIT_MS in all; if it would wait for itself (deadlock) or the wait
// runs out, it is the later one and gets DATABASE_TRANSACTION_CONFLICT, is aborted, and the SDK's runTransaction
// retries it. CloudBase (MongoDB) answers a write conflict at once instead of waiting; waiting briefly here makes
// concurrent retrying transactions converge instead of exhausting the SDK's three retries, while the bound keeps a
// stuck holder from costing a function more than a couple of seconds (4 attempts × LOCK_WAIT_MS).
// A write outside any transaction to a document a live transaction holds is applied at once, and that transaction
// then fails with DATABASE_TRANSACTION_CONFLICT at its next operation or commit, so neither write is silently lost.
import { AdminError } from '../errors'
import { Doc } from './ejson'
import { newTransactionId } from './ids'
import { CollectionInfo, Store, StoredRow, WriteOp } from './store'
import type { SqlWhere } from './planner'

export const LOCK_WAIT_MS = 500
export const IDLE_ABORT_MS = 30_000

/** What an operation reads and writes through: the committed store, or a transaction's view of it. */
export interface Session {
  candidates(info: CollectionInfo, where: SqlWhere): Iterable<Doc>
  get(info: CollectionInfo, key: string): Doc | undefined
  /** Every document, counted by SQLite (outside transactions only). */
  countAll?(info: CollectionInfo): number
  /** Declares the documents the operation is about to use; a transaction must hold their locks first. */
  touch(info: CollectionInfo, keys: string[]): void
  write(ops: WriteOp[]): void
}

/** Thrown by a transaction's touch(): take these locks (maybe waiting), then run the operation again. */
class NeedLocks {
  constructor(public info: CollectionInfo, public keys: string[]) {}
}

const lockKey = (collection: string, key: string) => `${collection}\u0000${key}`
const conflict = (message: string) => new AdminError('DATABASE_TRANSACTION_CONFLICT', message)
const txFail = (message: string) => new AdminError('DATABASE_TRANSACTION_FAIL', message)

interface Staged {
  info: CollectionInfo
  key: string
  doc: Doc | null
}

class Transaction {
  lastActive = Date.now()
  writes = new Map<string, Staged>()
  locks = new Set<string>()
  waitingFor: Transaction | null = null
  /** Set when a write outside the transaction hit a document it holds. */
  doomed: string | null = null
  constructor(public id: string) {}
}

export class Transactions {
  private live = new Map<string, Transaction>()
  private ended = new Map<string, { at: number; reason: 'committed' | 'aborted' | 'conflict' | 'expired' }>()
  private owners = new Map<string, Transaction>()
  private waiters = new Map<string, Set<() => void>>()
  private sweeper: NodeJS.Timeout

  constructor(private store: Store, private lockWaitMs = LOCK_WAIT_MS, private idleMs = IDLE_ABORT_MS) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(5000, idleMs))
    this.sweeper.unref()
  }

  close() {
    clearInterval(this.sweeper)
  }

  /** The session for writes outside any transaction. */
  readonly committed: Session = {
    candidates: (info, where) => mapRows(this.store.scan(info, where)),
    get: (info, key) => this.store.get(info, key),
    countAll: (info) => this.store.count(info),
    touch: () => {},
    write: (ops) => {
      this.store.apply(ops)
      for (const op of ops) {
        const owner = this.owners.get(lockKey(op.info.name, op.key))
        if (owner) owner.doomed = `document ${op.key} of ${op.info.name} was written outside transaction ${owner.id}`
      }
    },
  }

  start(): string {
    const tx = new Transaction(newTransactionId())
    this.live.set(tx.id, tx)
    return tx.id
  }

  /** The live transaction with this id, checked usable (not ended, not idle too long, not doomed). */
  private use(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.live.get(id) : undefined
    if (!tx) {
      const ended = typeof id === 'string' ? this.ended.get(id) : undefined
      if (ended?.reason === 'conflict') throw conflict(`transaction ${id} was aborted by a conflict`)
      throw txFail(ended ? `transaction ${id} has already ${ended.reason === 'expired' ? 'expired' : 'ended'}` : `unknown transaction ${String(id)}`)
    }
    if (!tx.waitingFor && Date.now() - tx.lastActive > this.idleMs) {
      this.end(tx, 'expired')
      throw txFail(`transaction ${tx.id} expired after ${this.idleMs / 1000} s without activity`)
    }
    if (tx.doomed) {
      const why = tx.doomed
      this.end(tx, 'conflict')
      throw conflict(why)
    }
    tx.lastActive = Date.now()
    return tx
  }

  /** A session reading through the transaction's overlay. */
  session(id: unknown): Session & { run<T>(op: () => T): Promise<T> } {
    const tx = this.use(id)
    const store = this.store
    return {
      *candidates(info, where) {
        const seen = new Set<string>()
        for (const row of store.scan(info, where)) {
          const lk = lockKey(info.name, row.key)
          seen.add(lk)
          const staged = tx.writes.get(lk)
          if (!staged) yield row.doc
          else if (staged.doc) yield staged.doc
        }
        // Documents the transaction inserted, or changed so that the SQL narrowing no longer finds them.
        for (const [lk, staged] of tx.writes) if (staged.info === info && staged.doc && !seen.has(lk)) yield staged.doc
      },
      get(info, key) {
        const staged = tx.writes.get(lockKey(info.name, key))
        return staged ? staged.doc ?? undefined : store.get(info, key)
      },
      touch(info, keys) {
        const missing = keys.filter((k) => !tx.locks.has(lockKey(info.name, k)))
        if (missing.length) throw new NeedLocks(info, missing)
      },
      write: (ops) => this.stage(tx, ops),
      // Runs a synchronous operation; when it needs locks, takes them and runs it again on fresh data.
      run: async <T>(op: () => T): Promise<T> => {
        for (;;) {
          this.use(tx.id)
          try {
            return op()
          } catch (err) {
            if (!(err instanceof NeedLocks)) throw err
            for (const key of err.keys) await this.lock(tx, lockKey(err.info.name, key))
          }
        }
      },
    }
  }

  private async lock(tx: Transaction, lk: string) {
    // One budget for the whole acquisition, however many times the lock changes hands meanwhile.
    const deadline = Date.now() + this.lockWaitMs
    for (;;) {
      const owner = this.owners.get(lk)
      if (!owner || owner === tx) {
        this.owners.set(lk, tx)
        tx.locks.add(lk)
        return
      }
      for (let t: Transaction | null = owner; t; t = t.waitingFor) {
        if (t === tx) {
          this.end(tx, 'conflict')
          throw conflict(`transaction ${tx.id} conflicts with transaction ${owner.id} (deadlock)`)
        }
      }
      tx.waitingFor = owner
      const released = await this.waitFor(lk, deadline - Date.now())
      tx.waitingFor = null
      tx.lastActive = Date.now()
      if (!this.live.has(tx.id)) throw txFail(`transaction ${tx.id} has ended`)
      if (!released) {
        this.end(tx, 'conflict')
        throw conflict(`transaction ${tx.id} conflicts with transaction ${owner.id} on the same document`)
      }
    }
  }

  private waitFor(lk: string, ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(false)
    return new Promise((resolve) => {
      let set = this.waiters.get(lk)
      if (!set) this.waiters.set(lk, (set = new Set()))
      const wake = () => {
        clearTimeout(timer)
        set!.delete(wake)
        resolve(true)
      }
      const timer = setTimeout(() => {
        set!.delete(wake)
        resolve(false)
      }, ms)
      set.add(wake)
    })
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
    const next = new Map(tx.writes)
    for (const op of ops) next.set(lockKey(op.info.name, op.key), { info: op.info, key: op.key, doc: op.mode === 'delete' ? null : op.doc })
    // Report a duplicate key at the write that causes it: try the whole overlay and roll back.
    this.store.apply(this.overlayOps(next), true)
    tx.writes = next
  }

  commit(id: unknown) {
    const tx = this.use(id)
    try {
      this.store.apply(this.overlayOps(tx.writes))
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

  private end(tx: Transaction, reason: 'committed' | 'aborted' | 'conflict' | 'expired') {
    this.live.delete(tx.id)
    this.ended.set(tx.id, { at: Date.now(), reason })
    tx.writes.clear()
    for (const lk of tx.locks) {
      if (this.owners.get(lk) !== tx) continue
      this.owners.delete(lk)
      for (const wake of [...(this.waiters.get(lk) ?? [])]) wake()
      if (this.waiters.get(lk)?.size === 0) this.waiters.delete(lk)
    }
    tx.locks.clear()
  }

  private sweep() {
    const now = Date.now()
    for (const tx of [...this.live.values()]) if (!tx.waitingFor && now - tx.lastActive > this.idleMs) this.end(tx, 'expired')
    for (const [id, e] of this.ended) if (now - e.at > 10 * 60_000) this.ended.delete(id)
  }
}

function* mapRows(rows: Iterable<StoredRow>): Generator<Doc> {
  for (const row of rows) yield row.doc
}

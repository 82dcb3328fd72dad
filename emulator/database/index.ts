// The database service: CloudBase's database.* actions over SQLite (store.ts) with Mongo semantics from mingo.
// The declared collections and indexes (EmulatorOptions.collections) are created at start; others exist only after
// database.addCollection. Replies carry the fields @cloudbase/node-sdk 3.18 (and its @cloudbase/database 1.4.3)
// reads; see operations.ts for each one.
import { AdminError } from '../errors'
import type { HubContext } from '../context'
import type { EmulatedService } from '../service'
import { runPipeline } from './aggregate'
import { decode, Doc, encodeForReply, invalidParam } from './ejson'
import { newDocumentId } from './ids'
import {
  countDocuments, getDocuments, insertDocuments, modifyAndReturn, modifyDocuments, removeDocuments, RequestBody, RequestContext,
} from './operations'
import { compileFilter, findDocs } from './query'
import { Store } from './store'
import { Session, Transactions } from './transactions'

type Operation = (session: Session, info: ReturnType<Store['collection']>, body: RequestBody, req: RequestContext) => Record<string, unknown>

/** Actions that may run inside a transaction (the SDK sends transactionId with them). */
const DOCUMENT_OPERATIONS: Record<string, Operation> = {
  'database.getDocument': getDocuments,
  'database.insertDocument': insertDocuments,
  'database.modifyDocument': modifyDocuments,
  'database.modifyAndReturnDoc': modifyAndReturn,
  'database.removeDocument': removeDocuments,
}

export function createDatabaseService(ctx: Omit<HubContext, 'functions'>): EmulatedService & { store: Store } {
  const store = new Store(ctx.config.dataDir, ctx.config.collections)
  const transactions = new Transactions(store, undefined, (ops) => ctx.metrics.countWrites(ops.map((op) => op.info.name)))

  function aggregate(body: Record<string, any>, now: number) {
    const info = store.collection(body.collectionName)
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const pipeline: Doc[] = body.stages.map((s: any) => {
      if (!s || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam('each stage needs a stageKey like $match')
      return { [s.stageKey]: decode(s.stageValue, `${s.stageKey} stage`, now) }
    })
    const list = runPipeline(
      {
        info,
        matching: (compiled) => findDocs(transactions.committed.candidates(info, compiled.where), compiled, {}),
        collection: (name) => {
          const other = store.maybeCollection(name)
          if (!other) return []
          return findDocs(transactions.committed.candidates(other, { sql: '', params: [] }), compileFilter(other, {}), {})
        },
      },
      pipeline,
    )
    return { data: { list: list.map(encodeForReply) } }
  }

  async function handle(action: string, body: Record<string, any>): Promise<Record<string, unknown>> {
    // One clock reading per request: every serverDate in it gets the same time.
    const now = Date.now() + ctx.clockOffsetMs()
    const req: RequestContext = { now, newId: () => newDocumentId(now) }
    const operation = DOCUMENT_OPERATIONS[action]
    if (operation) {
      const info = store.collection(body.collectionName)
      if (body.transactionId === undefined || body.transactionId === null || body.transactionId === '') {
        return operation(transactions.committed, info, body, req)
      }
      return operation(transactions.session(body.transactionId), info, body, req)
    }
    switch (action) {
      case 'database.calculateDocument':
        return countDocuments(transactions.committed, store.collection(body.collectionName), body, req)
      case 'database.aggregateDocuments':
        return aggregate(body, now)
      case 'database.addCollection':
        store.createCollection(body.collectionName)
        return {}
      case 'database.startTransaction':
        // The SDK reads the id at the top level of the reply.
        return { transactionId: transactions.start() }
      case 'database.commitTransaction':
        transactions.commit(body.transactionId)
        return {}
      case 'database.abortTransaction':
        transactions.abort(body.transactionId)
        return {}
      default:
        throw new AdminError('INVALID_ACTION', `${action} is not supported by the emulator`)
    }
  }

  return {
    prefixes: ['database.'],
    store,
    async handle({ action, body, functionName }) {
      ctx.metrics.countDatabaseOperation(action, functionName)
      try {
        return await handle(action, body)
      } catch (err: any) {
        if (err instanceof AdminError) throw err
        // A bug here, not a bad request: log it, but answer in CloudBase's shape so the SDK shows the message.
        console.error(`[emulator] ${action} failed:`, err)
        throw new AdminError('DATABASE_REQUEST_FAILED', String(err?.message ?? err))
      }
    },
    close() {
      transactions.close()
      store.close()
    },
  }
}

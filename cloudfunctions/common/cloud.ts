// The CloudBase app, database and command handles, made once per function instance.
import tcb from '@cloudbase/node-sdk'

let app: ReturnType<typeof tcb.init> | null = null

export function cloud() {
  if (!app) app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function database() {
  return cloud().database()
}

export type Database = ReturnType<typeof database>

/** CloudBase error codes the functions react to. */
export function isDuplicateWrite(err: unknown) {
  return (err as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE'
}
export function isTransactionConflict(err: unknown) {
  return (err as { code?: string })?.code === 'DATABASE_TRANSACTION_CONFLICT'
}

import type tcb from '@cloudbase/node-sdk'

export type SeedDatabase = ReturnType<ReturnType<typeof tcb.init>['database']>

/** Writes documents with fixed ids (set = upsert), so a seed cut short and run again doubles nothing. */
export async function putAll(db: SeedDatabase, collection: string, docs: Array<{ _id: string } & Record<string, unknown>>) {
  for (const { _id, ...rest } of docs) await db.collection(collection).doc(_id).set(rest)
}

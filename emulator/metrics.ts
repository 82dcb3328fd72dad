/**
 * Counts database operations (each one a billed, round-tripped request on CloudBase) by action and by function, and
 * the documents actually written (inserted, replaced or deleted when committed) by collection: a write attempted
 * inside a transaction that never commits, or an update that changes nothing, writes nothing.
 */
export class Metrics {
  private total = 0
  private byAction: Record<string, number> = {}
  private byFunction: Record<string, number> = {}
  private writesByCollection: Record<string, number> = {}

  countDatabaseOperation(action: string, functionName: string | null) {
    this.total += 1
    this.byAction[action] = (this.byAction[action] ?? 0) + 1
    const fn = functionName ?? '(outside a function)'
    this.byFunction[fn] = (this.byFunction[fn] ?? 0) + 1
  }

  countWrites(collections: string[]) {
    for (const c of collections) this.writesByCollection[c] = (this.writesByCollection[c] ?? 0) + 1
  }

  snapshot() {
    return {
      total: this.total,
      byAction: { ...this.byAction },
      byFunction: { ...this.byFunction },
      writesByCollection: { ...this.writesByCollection },
    }
  }

  reset() {
    this.total = 0
    this.byAction = {}
    this.byFunction = {}
    this.writesByCollection = {}
  }
}

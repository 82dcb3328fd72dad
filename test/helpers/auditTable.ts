// Every change a secretary or the district office makes leaves exactly one audit entry, for one cloud function: each
// action of its table open to secretaries or the admin is either a case here (performed through the function against
// the emulator, one new entry with its actor, action and target expected) or listed as not audited with the reason.
// A new action in neither list fails the first test. And the crash check: a function killed after any of its
// operations leaves the change and its entry together, or neither.
import type { Who } from '../../cloudfunctions/common/router'
import { ApiAnswer, Caller, costOf, crashAfter } from './api'
import type { Bed } from './bed'

/** One audited action performed once. */
export interface AuditCase {
  /** Who acts (a secretary or the district office). */
  by(): Caller
  /** Makes what the action needs (fresh records) and answers its input; entries this writes are not counted. */
  input(): Promise<Record<string, unknown>>
  /** The entry expected: its action, the kind of record, and the record's id from the input and the answer. */
  action: string
  targetType: string
  targetId(input: Record<string, any>, answer: ApiAnswer): string
}

export interface AuditTable<A extends { [K in keyof A]: { who: Who } }> {
  bed: Bed
  fn: string
  actions: A
  cases: { [K in keyof A]?: AuditCase }
  /** Actions open to secretaries or the admin that record nothing, each with the reason. */
  notAudited: { [K in keyof A]?: string }
}

/** The ids of every audit entry now (1000 at a time by _id). */
async function auditIds(bed: Bed): Promise<Set<string>> {
  const db = bed.db()
  const ids = new Set<string>()
  let last = ''
  for (;;) {
    const { data } = await db.collection('audit').where(last ? { _id: db.command.gt(last) } : {})
      .orderBy('_id', 'asc').field({ _id: true }).limit(1000).get()
    for (const d of data) ids.add(d._id)
    if (data.length < 1000) return ids
    last = data[data.length - 1]._id
  }
}

/** The audit entries written since `before` was taken. */
export async function newEntries(bed: Bed, before: Set<string>): Promise<any[]> {
  const after = await auditIds(bed)
  const fresh = [...after].filter((id) => !before.has(id))
  if (fresh.length === 0) return []
  const db = bed.db()
  return (await db.collection('audit').where({ _id: db.command.in(fresh) }).limit(1000).get()).data
}

export function runAuditTable<A extends { [K in keyof A]: { who: Who } }>(table: AuditTable<A>) {
  const { bed, fn } = table
  const actions = Object.entries(table.actions as Record<string, { who: Who }>)
  const changers = actions.filter(([, def]) => def.who === 'secretary' || def.who === 'admin').map(([name]) => name).sort()

  test(`every action of the ${fn} function open to secretaries or the admin is audited, or says why not`, () => {
    const cases = Object.keys(table.cases)
    const exempt = Object.keys(table.notAudited)
    expect(cases.filter((name) => exempt.includes(name))).toEqual([])
    expect([...cases, ...exempt].sort()).toEqual(changers)
    for (const reason of Object.values(table.notAudited) as string[]) expect(reason.length).toBeGreaterThan(8)
  })

  for (const [name, c] of Object.entries(table.cases as Record<string, AuditCase>)) {
    test(`${fn}.${name} writes exactly one audit entry: ${c.action} by its actor on its ${c.targetType}`, async () => {
      const input = await c.input()
      const before = await auditIds(bed)
      const by = c.by()
      const answer = await by.call(fn, name, input)
      expect(answer).toMatchObject({ ok: true })
      const entries = await newEntries(bed, before)
      const targetId = c.targetId(input, answer)
      expect(entries).toEqual([expect.objectContaining({
        actor: by.openid, actorName: expect.stringMatching(/\S/), action: c.action, targetType: c.targetType, targetId,
        subjects: expect.arrayContaining([`${c.targetType}:${targetId}`]),
      })])
    })
  }
}

export interface CrashCase<T> {
  bed: Bed
  fn: string
  /** The action, as the cost line printed names it. */
  name: string
  /** A fresh record to act on, each time. */
  prepare(): Promise<T>
  act(target: T): Promise<ApiAnswer>
  /** Whether the change is in the database. */
  changed(target: T): Promise<boolean>
  /** The audit entries of this change. */
  entries(target: T): Promise<unknown[]>
}

/**
 * The action measured whole, then killed after each of its operations but the last: every time, either the change
 * and its one entry are there, or neither is. Answers how often each happened.
 */
export async function crashEverywhere<T>(c: CrashCase<T>): Promise<{ ops: number; kept: number; lost: number }> {
  const whole = await c.prepare()
  const measured = await costOf(c.bed.emu, () => c.act(whole))
  expect(measured.result).toMatchObject({ ok: true })
  console.log(`${c.fn}.${c.name}: ${measured.ops} database operations`)
  expect([await c.changed(whole), (await c.entries(whole)).length]).toEqual([true, 1])
  let kept = 0
  for (let n = 1; n < measured.ops; n++) {
    const target = await c.prepare()
    await crashAfter(c.bed.emu, c.fn, n)
    expect(await c.act(target)).toMatchObject({ ok: false, code: 'INTERNAL' })
    const changed = await c.changed(target)
    expect([n, changed, (await c.entries(target)).length]).toEqual([n, changed, changed ? 1 : 0])
    if (changed) kept++
  }
  return { ops: measured.ops, kept, lost: measured.ops - 1 - kept }
}

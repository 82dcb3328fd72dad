// Who may call what, for one cloud function: every action of its table called by every kind of caller. A caller
// reaches the actions whose `who` is among its levels and is served; any other action refuses it with the router's
// code and a Chinese message. The table of the access each action should have is checked against the function's own,
// so a wrong `who` fails here twice: in the table and in the calls.
import type { Who } from '../../cloudfunctions/common/router'
import { asWeChat, Caller } from './api'
import type { Bed, DemoPerson } from './bed'

export interface CallerKind {
  /** How a test title names this caller. */
  name: string
  /** The demo person calling; null: nobody signed in. */
  openid: DemoPerson | null
  /** The `who` levels this caller reaches. */
  reaches: Who[]
  /** The router's code for an action beyond them. */
  refusal: string
  /** For NOT_REGISTERED: where the person stood at first (the refusal says where they stand; the app offers the way on). */
  registration?: 'none' | 'pending' | 'rejected'
}

const MEMBER_LEVELS: Who[] = ['anyone', 'signedIn', 'member']

/** Every kind of caller the router tells apart, each as one demo person. */
export const CALLERS: CallerKind[] = [
  { name: 'someone not signed in', openid: null, reaches: ['anyone'], refusal: 'UNAUTHENTICATED' },
  { name: 'a WeChat user who never registered', openid: 'demo-newcomer', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED', registration: 'none' },
  { name: 'a registrant awaiting review', openid: 'demo-pending-a', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED', registration: 'pending' },
  { name: 'a rejected registrant', openid: 'demo-rejected', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED', registration: 'rejected' },
  { name: 'a member', openid: 'demo-member', reaches: MEMBER_LEVELS, refusal: 'FORBIDDEN' },
  { name: 'a secretary', openid: 'demo-secretary', reaches: [...MEMBER_LEVELS, 'secretary'], refusal: 'FORBIDDEN' },
  { name: 'the district office', openid: 'demo-admin', reaches: [...MEMBER_LEVELS, 'secretary', 'admin'], refusal: '' },
]

/** More people of the same kinds, for a function whose rule may tell them apart (e.g. by their organisation). */
export const MORE_CALLERS: CallerKind[] = [
  { name: 'a retired member', openid: 'demo-retired', reaches: MEMBER_LEVELS, refusal: 'FORBIDDEN' },
  { name: 'the secretary of another community', openid: 'demo-secretary-b', reaches: [...MEMBER_LEVELS, 'secretary'], refusal: 'FORBIDDEN' },
]

export const callerOf = (bed: Bed, kind: CallerKind): Caller => (kind.openid ? bed.demo[kind.openid] : bed.anonymous)

export interface AccessMatrix<A extends { [K in keyof A]: { who: Who } }> {
  bed: Bed
  /** The cloud function's name, as called: `classroom`. */
  fn: string
  /** The function's action table (each entry's `who` is what the router enforces). */
  actions: A
  /** The access each action should have: the table must say exactly this. */
  access: { [K in keyof A]: Who }
  /** A valid input for the action, for this caller (where the action changes something, made fresh). */
  inputFor(action: string, caller: CallerKind): Promise<Record<string, unknown>>
  /** Default: CALLERS. */
  callers?: CallerKind[]
  /** Answers that also count as served: the action ran and declined on its own rule (e.g. ALREADY_DONE). */
  alsoServed?: string[]
  /**
   * Actions only the mini-program may call (an H5 session is refused by the action itself, proven in its own tests):
   * each signed-in caller calls them as the mini-program does, WeChat vouching for their openid.
   */
  miniProgramOnly?: Array<keyof A>
}

export function runAccessMatrix<A extends { [K in keyof A]: { who: Who } }>(matrix: AccessMatrix<A>) {
  const { bed, fn, access, inputFor, callers = CALLERS, alsoServed = [], miniProgramOnly = [] } = matrix
  const through = (name: string, kind: CallerKind): Caller =>
    (kind.openid && (miniProgramOnly as string[]).includes(name) ? asWeChat(bed.emu, kind.openid) : callerOf(bed, kind))
  const actions = Object.entries(matrix.actions as Record<string, { who: Who }>)
  test(`every action of the ${fn} function is in the matrix, with the access it should have`, () => {
    expect(Object.fromEntries(actions.map(([name, def]) => [name, def.who]))).toEqual(access)
  })

  // The calls expect the access the action should have: a wrong `who` in the table fails them too.
  for (const [name] of actions) {
    const who = (access as Record<string, Who>)[name]
    describe(`${fn}.${name} (open to ${who}):`, () => {
      for (const caller of callers) {
        const reached = caller.reaches.includes(who)
        const person = caller.openid ? `${caller.name} (${caller.openid})` : caller.name
        test(`${person} is ${reached ? 'served' : `refused with ${caller.refusal}`}`, async () => {
          const r = await through(name, caller).call(fn, name, await inputFor(name, caller))
          if (reached) {
            if (!alsoServed.includes(r.code!)) expect(r).toMatchObject({ ok: true })
          } else {
            expect(r.code).toBe(caller.refusal)
            expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
            // Where they stand (the matrix's own calls may have registered them since: the exact value is in user.test).
            if (caller.registration) expect(['none', 'pending', 'rejected']).toContain((r.data as any)?.registration)
          }
        })
      }
    })
  }
}

/** Who may try to manage something of community A: its own secretary, another community's, the district office. */
export const MANAGERS = ['secretary', 'otherCommunitySecretary', 'admin'] as const
export type Manager = (typeof MANAGERS)[number]

export const managerOf = (bed: Bed, role: Manager): Caller =>
  bed.demo[role === 'secretary' ? 'demo-secretary' : role === 'admin' ? 'demo-admin' : 'demo-secretary-b']

/** What a manager gets when acting on community A: only another community's secretary is refused. */
export const managerOutcome = (role: Manager) => (role === 'otherCommunitySecretary' ? 'FORBIDDEN' : 'ok')

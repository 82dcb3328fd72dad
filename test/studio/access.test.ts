// Who may do what in the studio function: every action by every kind of caller (the router's `who`), each given what
// it needs to be served (a representative's account for `act` by a member, their own closed case to rate); every
// change a manager makes audited in its transaction, and a case transition killed after any step leaves the new state
// with its entry, or neither.
import { studioActions } from '../../cloudfunctions/studio/actions'
import { CallerKind, callerOf, CALLERS, runAccessMatrix } from '../helpers/accessMatrix'
import { crashEverywhere, runAuditTable } from '../helpers/auditTable'
import { useStudioBed } from './support'

const bed = useStudioBed()
jest.setTimeout(120_000)
const A = () => bed.demo['demo-secretary']

let studio = ''
let repOfMember = ''
let repId = ''
beforeAll(async () => {
  studio = await bed.studio()
  repOfMember = await bed.rep(studio, bed.demo['demo-member'])
  repId = await bed.rep(studio)
})

/** A case left by the caller (anyone unsigned has none: a case of a visitor's stands in). */
async function caseOf(caller: CallerKind, overrides: Record<string, unknown> = {}) {
  return bed.leave(caller.openid ? callerOf(bed, caller) : await bed.visitor(), studio, overrides)
}

async function inputFor(action: string, caller: CallerKind): Promise<Record<string, unknown>> {
  switch (action) {
    case 'get': case 'figures': return { siteId: studio }
    case 'saveRep': return { siteId: studio, name: '郑国平', term: '第十三届区党代表', phone: '13700001111' }
    case 'removeRep': return { id: await bed.rep(studio) }
    case 'linkable': return { siteId: studio, name: '张晓明' }
    case 'saveSchedule': return { siteId: studio, receptions: [{ weekday: 2, start: '09:00', end: '11:00' }] }
    case 'submit': return { siteId: studio, kind: 'question', content: '想咨询一下老年食堂的开放时间。', requestId: `m${Math.random().toString(36).slice(2)}` }
    case 'getCase': return { id: await caseOf(caller) }
    case 'act': return { id: await bed.leave(await bed.visitor(), studio, { repId: repOfMember }), event: 'accept' }
    case 'rate': {
      const id = await caseOf(caller)
      await bed.move(A(), id, 'accept', 'close')
      return { id, rating: 'satisfied' }
    }
    case 'record': return { repId }
    default: return {}
  }
}

runAccessMatrix({
  bed,
  fn: 'studio',
  actions: studioActions,
  access: {
    get: 'anyone', saveRep: 'secretary', removeRep: 'secretary', linkable: 'secretary', saveSchedule: 'secretary', uploadPhoto: 'signedIn',
    submit: 'signedIn', mine: 'signedIn', getCase: 'signedIn', cases: 'member', act: 'member', rate: 'signedIn',
    figures: 'secretary', record: 'anyone', recount: 'admin',
  },
  inputFor,
  callers: CALLERS,
})

runAuditTable({
  bed,
  fn: 'studio',
  actions: studioActions,
  cases: {
    saveRep: {
      by: A, input: async () => ({ siteId: studio, name: '郑国平', term: '第十三届区党代表', phone: '13700001111' }),
      action: 'studio.addRep', targetType: 'rep', targetId: (_input, answer) => answer.data.id,
    },
    removeRep: {
      by: A, input: async () => ({ id: await bed.rep(studio) }), action: 'studio.removeRep', targetType: 'rep', targetId: (input) => input.id,
    },
    saveSchedule: {
      by: A, input: async () => ({ siteId: studio, receptions: [{ date: '2026-12-10', start: '14:00', end: '16:00', repId }] }),
      action: 'studio.saveSchedule', targetType: 'site', targetId: (input) => input.siteId,
    },
  },
  notAudited: {
    figures: 'reads the pre-counted monthly figures; writes nothing',
    linkable: 'finds members by name for linking a representative; writes nothing',
    recount: 'sets the monthly figures to what the cases say (the timer runs the same); changes no record',
  },
})

test('a case transition killed after any of its steps: the new state with its audit entry, or neither', async () => {
  const outcome = await crashEverywhere({
    bed,
    fn: 'studio',
    name: 'act',
    prepare: () => bed.leave(bed.demo['demo-newcomer'], studio),
    act: (id) => A().call('studio', 'act', { id, event: 'accept' }),
    changed: async (id) => (await bed.stored('studioCases', id)).status === 'accepted',
    entries: async (id) => (await bed.db().collection('audit').where({ targetId: id, action: 'studio.accept' }).get()).data,
  })
  expect(outcome.kept + outcome.lost).toBeGreaterThan(0)
})

test('a representative\'s changes are in the studio\'s history too', async () => {
  const id = await bed.rep(studio, undefined, { name: '韩梅' })
  const { data } = await bed.db().collection('audit').where({ subjects: `site:${studio}`, targetId: id }).get()
  expect(data.map((e: any) => e.action)).toEqual(['studio.addRep'])
})

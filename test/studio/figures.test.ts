// The monthly case figures per studio and representative: counted live as cases are received, closed and rated, they
// equal a recount from the cases after a random stream (over a month's end); a drifted figure is repaired by the
// timer; the figures page reads one document.
import { as, costOf, fireTimer } from '../helpers/api'
import { outcome } from '../helpers/bed'
import { at, useStudioBed } from './support'
import { rngOf } from '../../local/seed/history'

const bed = useStudioBed()
jest.setTimeout(180_000)
const A = () => bed.demo['demo-secretary']

async function monthDocs(month: string) {
  const { data } = await bed.db().collection('studioMonths').where({ month }).limit(1000).get()
  // Zero figures a recount writes for representatives with no case are the same as none.
  return Object.fromEntries(data.map((d: any) => [d._id, Object.fromEntries(Object.entries(d).filter(([k, v]) => k !== '_id' && v !== 0))]))
}

test('after a random stream of cases over a month end, the live figures equal a recount from the cases', async () => {
  const rnd = rngOf(20261207)
  const studios = [await bed.studio(), await bed.studio()]
  const reps = { [studios[0]]: [await bed.rep(studios[0]), await bed.rep(studios[0])], [studios[1]]: [await bed.rep(studios[1])] }
  const open: string[] = []
  const closed: string[] = []
  const accepted = new Set<string>()
  // 27 November to 4 December: cases received in November are closed and rated in December.
  for (const [day, clock] of [['2026-11-27', '09:00'], ['2026-11-30', '15:00'], ['2026-12-01', '10:00'], ['2026-12-04', '16:00']]) {
    await bed.setClock(at(day, clock))
    for (let i = 0; i < 6; i++) {
      const siteId = studios[Math.floor(rnd() * 2)]
      const rep = rnd() < 0.5 ? reps[siteId][Math.floor(rnd() * reps[siteId].length)] : undefined
      open.push(await bed.leave(await bed.visitor(), siteId, rep ? { repId: rep } : {}))
    }
    for (const id of [...open]) {
      const roll = rnd()
      if (roll < 0.3) {
        await bed.move(A(), id, ...(accepted.has(id) ? ['close'] : ['accept', 'close']))
        open.splice(open.indexOf(id), 1)
        closed.push(id)
      } else if (roll < 0.45 && !accepted.has(id)) {
        await bed.move(A(), id, 'accept')
        accepted.add(id)
      }
    }
    for (const id of [...closed]) {
      if (rnd() < 0.5) continue
      const c = await bed.stored('studioCases', id)
      const r = await (await as(bed.emu, c.author)).call('studio', 'rate', { id, rating: ['satisfied', 'basic', 'unsatisfied'][Math.floor(rnd() * 3)] })
      expect(['ok', 'ALREADY_DONE']).toContain(outcome(r))
    }
  }
  const live = { nov: await monthDocs('2026-11'), dec: await monthDocs('2026-12') }
  expect(Object.keys(live.nov).length).toBeGreaterThan(0)
  // The stream reached every kind of event: closes and ratings in December, of cases received before.
  expect(Object.values(live.dec).some((d: any) => d.closed > 0 && (d.satisfied ?? 0) + (d.basic ?? 0) + (d.unsatisfied ?? 0) > 0)).toBe(true)
  for (const month of ['2026-11', '2026-12']) {
    const r = await bed.demo['demo-admin'].call('studio', 'recount', { month })
    expect(r.ok).toBe(true)
  }
  expect(await monthDocs('2026-11')).toEqual(live.nov)
  expect(await monthDocs('2026-12')).toEqual(live.dec)
  // The sums hold: every case received in November counts once there.
  const received = Object.values(live.nov).filter((d: any) => studios.includes(d.siteId)).reduce((n: number, d: any) => n + (d.received ?? 0), 0)
  const { data } = await bed.db().collection('studioCases').where({ month: '2026-11', siteId: bed.db().command.in(studios) }).limit(1000).get()
  expect(received).toBe(data.length)
})

test('a drifted figure is set back by the timer; the figures page reads the month in a few operations', async () => {
  await bed.setClock(at('2026-12-07', '10:00'))
  const siteId = await bed.studio()
  const repId = await bed.rep(siteId, undefined, { name: '钱立新' })
  const one = await bed.leave(await bed.visitor(), siteId, { repId })
  const resident = await bed.visitor()
  const two = await bed.leave(resident, siteId)
  await bed.move(A(), one, 'accept', 'close')
  await bed.setClock(at('2026-12-09', '10:00'))
  await bed.move(A(), two, 'accept', 'start', 'close')
  expect((await resident.call('studio', 'rate', { id: two, rating: 'satisfied' })).ok).toBe(true)

  const docId = `${siteId}_2026-12`
  await bed.db().collection('studioMonths').doc(docId).update({ received: 9, [`closed@${repId}`]: 5 })
  await fireTimer(bed.emu, 'studio', 'recount')
  const { result, ops } = await costOf(bed.emu, () => A().call('studio', 'figures', { siteId, month: '2026-12' }))
  expect(ops).toBeLessThanOrEqual(4)
  expect(result.data.studio).toMatchObject({ received: 2, receivedClosed: 2, closed: 2, closeRate: 1, averageDays: 1, satisfied: 1, satisfaction: 1 })
  expect(result.data.reps).toEqual([expect.objectContaining({ repId, name: '钱立新', received: 1, closed: 1, averageDays: 0 })])
  expect(outcome(await bed.demo['demo-secretary-b'].call('studio', 'figures', { siteId }))).toBe('FORBIDDEN')

  const record = await bed.anonymous.call('studio', 'record', { repId })
  expect(record.data).toMatchObject({ rep: { name: '钱立新', phone: '138****1234' }, year: { received: 1, closed: 1 } })
  expect(record.data.cases).toEqual([expect.objectContaining({ id: one, status: 'closed' })])
  expect(JSON.stringify(record.data)).not.toContain('路灯')
})

test('the demo district\'s studio: cases in every state, one overdue, and figures a recount leaves as they are', async () => {
  await bed.setClock(null)
  const admin = bed.demo['demo-admin']
  const { items } = (await admin.call('studio', 'cases', { siteId: 'site-donghu-studio' })).data
  expect(items[0]).toMatchObject({ id: 'case-demo-overdue', deadline: { overdue: true } })
  const statuses = new Set<string>(items.map((c: any) => c.status))
  const closed = (await admin.call('studio', 'cases', { siteId: 'site-donghu-studio', status: 'closed' })).data.items
  expect([...statuses, ...closed.map((c: any) => c.status)].sort()).toEqual(expect.arrayContaining(['accepted', 'closed', 'handling', 'pending']))
  expect(closed.some((c: any) => c.rating === 'satisfied')).toBe(true)
  const page = (await bed.anonymous.call('studio', 'get', { siteId: 'site-donghu-studio' })).data
  expect(page.reps.map((r: any) => r.phone)).toEqual(['138****0001', '138****0002', '138****0003'])
  expect(page.upcoming.length).toBeGreaterThan(0)
  const months = [...new Set((await bed.db().collection('studioMonths').where({ siteId: 'site-donghu-studio' }).get()).data.map((d: any) => d.month))] as string[]
  expect(months.length).toBeGreaterThan(0)
  for (const month of months) {
    const before = await monthDocs(month)
    await admin.call('studio', 'recount', { month })
    expect(await monthDocs(month)).toEqual(before)
  }
})

// Who may do what: every action of the site function by every kind of caller (the router's `who` rule), and the scope
// rule — the secretary of another community cannot edit a site, see its full contact or code, decide its bookings or
// see its figures; the district office can.
import { siteActions } from '../../cloudfunctions/site/actions'
import type { Who } from '../../cloudfunctions/common/router'
import type { Caller } from '../helpers/api'
import { at, bookingInput, MONDAY, outcome, SEEDED, siteInput, useTestbed } from './support'

const bed = useTestbed()

const CALLERS: Array<{ name: string; openid: string | null; reaches: Who[]; refusal: string }> = [
  { name: 'anonymous', openid: null, reaches: ['anyone'], refusal: 'UNAUTHENTICATED' },
  { name: 'unregistered', openid: 'demo-newcomer', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'pending registrant', openid: 'demo-pending-a', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'rejected registrant', openid: 'demo-rejected', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'member', openid: 'demo-member', reaches: ['anyone', 'signedIn', 'member'], refusal: 'FORBIDDEN' },
  { name: 'secretary', openid: 'demo-secretary', reaches: ['anyone', 'signedIn', 'member', 'secretary'], refusal: 'FORBIDDEN' },
  { name: 'admin', openid: 'demo-admin', reaches: ['anyone', 'signedIn', 'member', 'secretary', 'admin'], refusal: '' },
]

const callerOf = (openid: string | null): Caller => (openid ? bed.demo[openid as 'demo-admin'] : bed.anonymous)

// Bookings of the (always open) book room of community A, each in a slot of its own.
let slot = 0
const freshSlot = () => {
  const i = slot++
  const minutes = (i % 40) * 30
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return { date: `2030-03-${String(5 + Math.floor(i / 40)).padStart(2, '0')}`, start: clock(minutes), end: clock(minutes + 30) }
}
const bookBooks = async () => {
  const r = await bed.demo['demo-secretary'].call('site', 'book', bookingInput(SEEDED.books.id, { ...freshSlot(), headcount: 5 }))
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.data.id as string
}

/** A valid input for the action, made fresh where it changes something. */
async function inputFor(action: string): Promise<Record<string, unknown>> {
  switch (action) {
    case 'get': return { id: SEEDED.hub.id }
    case 'create': return siteInput({ managingOrgId: 'org-community-a' })
    case 'update': return { id: SEEDED.hub.id, capacity: 60 }
    case 'book': return bookingInput(SEEDED.books.id, { ...freshSlot(), headcount: 5 })
    case 'cancel': return { bookingId: await bookBooks() }
    case 'decide': return { bookingId: await bookBooks(), decision: 'confirm' }
    case 'visit': return { token: await bed.token(SEEDED.books.id) }
    default: return {}
  }
}

beforeAll(async () => { await bed.setClock(at(MONDAY, '10:00')) })

const cases = Object.entries(siteActions).flatMap(([name, def]) => CALLERS.map((c) => [name, def.who, c] as const))
test.each(cases)('site.%s (who: %s) called by %o', async (name, who, caller) => {
  const input = await inputFor(name)
  const r = await callerOf(caller.openid).call('site', name, input)
  if (caller.reaches.includes(who)) {
    expect(r).toMatchObject({ ok: true })
  } else {
    expect(r.code).toBe(caller.refusal)
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
  }
})

test('every action of the site function is in the matrix, with the access the issue asks for', () => {
  expect(Object.fromEntries(Object.entries(siteActions).map(([n, d]) => [n, d.who]))).toEqual({
    list: 'anyone', get: 'anyone', create: 'secretary', update: 'secretary', book: 'secretary', cancel: 'secretary',
    decide: 'secretary', bookings: 'member', visit: 'member', usage: 'secretary', exportUsage: 'secretary', recount: 'admin',
  })
})

describe('a site is managed by its organisation\'s secretary and the district office only', () => {
  type Role = 'secretary' | 'otherCommunitySecretary' | 'admin'
  const who = (role: Role): Caller => bed.demo[role === 'secretary' ? 'demo-secretary' : role === 'admin' ? 'demo-admin' : 'demo-secretary-b']
  const roles: Role[] = ['secretary', 'otherCommunitySecretary', 'admin']
  const expected = (role: Role) => (role === 'otherCommunitySecretary' ? 'FORBIDDEN' : 'ok')

  test.each(roles)('edit the site: %s', async (role) => {
    const id = await bed.site({ name: '归属测试阵地' })
    expect(outcome(await who(role).call('site', 'update', { id, name: '改过名的阵地' }))).toBe(expected(role))
    expect((await bed.stored('sites', id)).name).toBe(role === 'otherCommunitySecretary' ? '归属测试阵地' : '改过名的阵地')
  })

  test.each(roles)('see the full contact and the check-in code: %s', async (role) => {
    const r = await who(role).call('site', 'get', { id: SEEDED.hub.id })
    const manages = role !== 'otherCommunitySecretary'
    expect(r.data.canManage).toBe(manages)
    expect(r.data.contact.phone).toBe(manages ? '027-86661234' : '027****1234')
    expect(r.data.checkIn !== undefined).toBe(manages)
  })

  test.each(roles)('decline a booking of the site: %s', async (role) => {
    const bookingId = await bookBooks()
    expect(outcome(await who(role).call('site', 'decide', { bookingId, decision: 'decline', reason: '场地另有安排' }))).toBe(expected(role))
    expect((await bed.stored('siteBookings', bookingId)).status).toBe(role === 'otherCommunitySecretary' ? 'booked' : 'declined')
  })

  test.each(roles)('see the site\'s figures and its calendar in full: %s', async (role) => {
    expect(outcome(await who(role).call('site', 'usage', { siteId: SEEDED.books.id }))).toBe(expected(role))
    const cal = await who(role).call('site', 'bookings', { siteId: SEEDED.books.id, from: '2030-03-05', to: '2030-03-06' })
    expect(cal.data.canManage).toBe(role !== 'otherCommunitySecretary')
  })

  test.each(roles)('register a site for community A: %s', async (role) => {
    expect(outcome(await who(role).call('site', 'create', siteInput({ managingOrgId: 'org-community-a' })))).toBe(expected(role))
  })
})

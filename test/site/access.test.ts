// Who may do what: every action of the site function by every kind of caller (the router's `who` rule), and the scope
// rule — the secretary of another community cannot edit a site, see its full contact or code, decide its bookings or
// see its figures; the district office can.
import { siteActions } from '../../cloudfunctions/site/actions'
import { Manager, managerOf, managerOutcome, MANAGERS, runAccessMatrix } from '../helpers/accessMatrix'
import { outcome } from '../helpers/bed'
import { bookingInput, SEEDED, siteInput, standingAt, useTestbed } from './support'

const bed = useTestbed()

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
    case 'visit': return { token: await bed.token(SEEDED.books.id), location: standingAt(SEEDED.books) }
    default: return {}
  }
}

runAccessMatrix({
  bed,
  fn: 'site',
  actions: siteActions,
  access: {
    list: 'anyone', get: 'anyone', create: 'secretary', update: 'secretary', book: 'secretary', cancel: 'secretary',
    decide: 'secretary', bookings: 'member', visit: 'member', usage: 'secretary', exportUsage: 'secretary', recount: 'admin',
    uploadPhoto: 'secretary',
  },
  inputFor,
})

describe('a site is managed by its organisation\'s secretary and the district office only', () => {
  const who = (role: Manager) => managerOf(bed, role)
  const expected = managerOutcome

  test.each(MANAGERS)('edit the site: %s', async (role) => {
    const id = await bed.site({ name: '归属测试阵地' })
    expect(outcome(await who(role).call('site', 'update', { id, name: '改过名的阵地' }))).toBe(expected(role))
    expect((await bed.stored('sites', id)).name).toBe(role === 'otherCommunitySecretary' ? '归属测试阵地' : '改过名的阵地')
  })

  test.each(MANAGERS)('see the check-in code (the service phone is public to all): %s', async (role) => {
    const r = await who(role).call('site', 'get', { id: SEEDED.hub.id })
    const manages = role !== 'otherCommunitySecretary'
    expect(r.data.canManage).toBe(manages)
    expect(r.data.contact.phone).toBe('027-86661234')
    expect(r.data.checkIn !== undefined).toBe(manages)
  })

  test.each(MANAGERS)('decline a booking of the site: %s', async (role) => {
    const bookingId = await bookBooks()
    expect(outcome(await who(role).call('site', 'decide', { bookingId, decision: 'decline', reason: '场地另有安排' }))).toBe(expected(role))
    expect((await bed.stored('siteBookings', bookingId)).status).toBe(role === 'otherCommunitySecretary' ? 'booked' : 'declined')
  })

  test.each(MANAGERS)('see the site\'s figures and its calendar in full: %s', async (role) => {
    expect(outcome(await who(role).call('site', 'usage', { siteId: SEEDED.books.id }))).toBe(expected(role))
    const cal = await who(role).call('site', 'bookings', { siteId: SEEDED.books.id, from: '2030-03-05', to: '2030-03-06' })
    expect(cal.data.canManage).toBe(role !== 'otherCommunitySecretary')
  })

  test.each(MANAGERS)('register a site for community A: %s', async (role) => {
    expect(outcome(await who(role).call('site', 'create', siteInput({ managingOrgId: 'org-community-a' })))).toBe(expected(role))
  })
})

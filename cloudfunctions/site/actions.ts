// 阵地: the directory (directory.ts), bookings (booking.ts), check-in by the site's code (visit.ts), and the monthly
// usage figures (figures.ts), their ranking and export (usage.ts).
import type { SiteOutput } from '../../contract/site'
import { siteSchemas } from '../../contract/site'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { uploadTicket } from '../common/photos'
import { RATE_LIMITS } from '../common/rateLimit'
import { defineActions } from '../common/router'
import { shanghaiMonth } from '../common/time'
import { book, cancel, decide, listBookings } from './booking'
import { create, list, read, update } from './directory'
import { siteFigures } from './figures'
import { exportUsageOf, usageOf } from './usage'
import { visit } from './visit'

export const siteActions = defineActions<typeof siteSchemas, SiteOutput>({
  list: { who: 'anyone', input: siteSchemas.list, handler: (input, { caller }) => list(input, caller) },
  get: { who: 'anyone', input: siteSchemas.get, handler: (input, { caller }) => read(input.id, caller) },
  create: { who: 'secretary', input: siteSchemas.create, handler: (input, { person }) => create(input, person) },
  update: { who: 'secretary', input: siteSchemas.update, handler: (input, { person }) => update(input, person) },
  book: { who: 'secretary', input: siteSchemas.book, limit: RATE_LIMITS.book, handler: (input, { person }) => book(input, person) },
  cancel: { who: 'secretary', input: siteSchemas.cancel, handler: (input, { person }) => cancel(input, person) },
  decide: { who: 'secretary', input: siteSchemas.decide, handler: (input, { person }) => decide(input, person) },
  bookings: { who: 'member', input: siteSchemas.bookings, handler: (input, { person }) => listBookings(input, person) },
  visit: { who: 'member', input: siteSchemas.visit, handler: (input, { person }) => visit(input, person) },
  usage: { who: 'secretary', input: siteSchemas.usage, handler: (input, { person }) => usageOf(person, input) },
  exportUsage: { who: 'secretary', input: siteSchemas.exportUsage, handler: (input, { person }) => exportUsageOf(person, input) },
  uploadPhoto: { who: 'secretary', input: siteSchemas.uploadPhoto, limit: RATE_LIMITS.uploadPhoto, handler: (_input, { openid }) => uploadTicket('sites', openid) },
  recount: {
    who: 'admin',
    input: siteSchemas.recount,
    handler: async (input) => {
      const at = now()
      const month = input.month ?? shanghaiMonth(at)
      return { month, ...(await siteFigures.recountMonth(database(), month, at)) }
    },
  },
})

// 党代表工作室: the studio's page, representatives and schedule (reps.ts), 民情 and their case workflow (cases.ts,
// messages.ts), a representative's 履职 record (record.ts) and the monthly figures (figures.ts).
import type { StudioOutput } from '../../contract/studio'
import { studioSchemas } from '../../contract/studio'
import { uploadTicket } from '../common/photos'
import { RATE_LIMITS } from '../common/rateLimit'
import { defineActions } from '../common/router'
import { act, getCase, handlerCases, mine, rate, submit, SUBMIT_LIMIT } from './cases'
import { figures, recount } from './figures'
import { repRecord } from './record'
import { linkable, removeRep, saveRep, saveSchedule, studioPage } from './reps'

export const studioActions = defineActions<typeof studioSchemas, StudioOutput>({
  get: { who: 'anyone', input: studioSchemas.get, handler: (input, { caller }) => studioPage(input, caller) },
  saveRep: { who: 'secretary', input: studioSchemas.saveRep, handler: (input, { person }) => saveRep(input, person) },
  removeRep: { who: 'secretary', input: studioSchemas.removeRep, handler: (input, { person }) => removeRep(input, person) },
  linkable: { who: 'secretary', input: studioSchemas.linkable, handler: (input, { person }) => linkable(input, person) },
  saveSchedule: { who: 'secretary', input: studioSchemas.saveSchedule, handler: (input, { person }) => saveSchedule(input, person) },
  uploadPhoto: { who: 'signedIn', input: studioSchemas.uploadPhoto, limit: RATE_LIMITS.uploadPhoto, handler: (_input, { openid }) => uploadTicket('cases', openid) },
  // Its per-person limit is carried by the studio or representative it goes to (cases.ts addressee): no extra operation.
  submit: { who: 'signedIn', input: studioSchemas.submit, limit: SUBMIT_LIMIT, handler: (input, { openid }) => submit(input, openid) },
  mine: { who: 'signedIn', input: studioSchemas.mine, handler: (input, { openid }) => mine(input, openid) },
  getCase: { who: 'signedIn', input: studioSchemas.getCase, handler: (input, { openid, caller }) => getCase(input, openid, caller) },
  // Members too: a representative linked to their own account handles the cases addressed to them.
  cases: { who: 'member', input: studioSchemas.cases, handler: (input, { person }) => handlerCases(input, person) },
  act: { who: 'member', input: studioSchemas.act, handler: (input, { person }) => act(input, person) },
  rate: { who: 'signedIn', input: studioSchemas.rate, handler: (input, { openid }) => rate(input, openid) },
  figures: { who: 'secretary', input: studioSchemas.figures, handler: (input, { person }) => figures(input, person) },
  record: { who: 'anyone', input: studioSchemas.record, handler: (input) => repRecord(input) },
  recount: { who: 'admin', input: studioSchemas.recount, handler: (input) => recount(input) },
})

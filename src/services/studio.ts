// The `studio` function, typed by its contract: a 党代表工作室's page (public), 民情 and my 民情, the case workflow of
// those who handle them, a representative's 履职 record (public) and the studio's monthly figures.
import type { StudioInput } from '../../contract/studio'
import { callerFor, type CallOptions } from './callFunction'
import type { PhotoTicket } from './storyPhotos'

const call = callerFor('studio')
const PUBLIC: CallOptions = { public: true }
const page = (cursor?: string | null) => (cursor ? { cursor } : {})

export const studioService = {
  get: (siteId: string) => call('get', { siteId }, PUBLIC),
  saveRep: (input: StudioInput['saveRep']) => call('saveRep', input),
  removeRep: (id: string) => call('removeRep', { id }),
  linkable: (siteId: string, name: string) => call('linkable', { siteId, name }),
  saveSchedule: (input: StudioInput['saveSchedule']) => call('saveSchedule', input),
  submit: (input: StudioInput['submit']) => call('submit', input),
  uploadPhoto: (() => call('uploadPhoto', {})) as PhotoTicket,
  mine: (cursor?: string | null) => call('mine', page(cursor)),
  getCase: (id: string) => call('getCase', { id }),
  cases: (input: { status?: StudioInput['cases']['status']; cursor?: string | null } = {}) =>
    call('cases', { ...(input.status ? { status: input.status } : {}), ...page(input.cursor) }),
  act: (input: StudioInput['act']) => call('act', input),
  rate: (input: StudioInput['rate']) => call('rate', input),
  record: (repId: string, cursor?: string | null) => call('record', { repId, ...page(cursor) }, PUBLIC),
  figures: (siteId: string, month?: string) => call('figures', { siteId, ...(month ? { month } : {}) }),
}

export {
  CASE_EVENT_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS, STUDIO_CASE_PAGE, STUDIO_LIMITS,
} from '../../contract/studio'

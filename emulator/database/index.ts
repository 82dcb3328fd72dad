// PLACEHOLDER — being written (SQLite + mingo database service).
import { AdminError } from '../errors'
import type { HubContext } from '../hub'
import type { EmulatedService } from '../service'

export function createDatabaseService(_ctx: Omit<HubContext, 'functions'>): EmulatedService {
  return {
    prefixes: ['database.'],
    handle({ action }) {
      throw new AdminError('INVALID_ACTION', `${action} not implemented yet`)
    },
  }
}

// PLACEHOLDER — being written (storage service).
import { AdminError } from './errors'
import type { HubContext } from './hub'
import type { EmulatedService } from './service'

export function createStorageService(_ctx: HubContext): EmulatedService {
  return {
    prefixes: ['storage.'],
    handle({ action }) {
      throw new AdminError('INVALID_ACTION', `${action} not implemented yet`)
    },
  }
}

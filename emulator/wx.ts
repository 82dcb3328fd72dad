// PLACEHOLDER — being written (WeChat open API service).
import { AdminError } from './errors'
import type { HubContext } from './hub'
import type { EmulatedService } from './service'

export function createWxService(_ctx: HubContext): EmulatedService {
  return {
    prefixes: ['wx.'],
    handle({ action }) {
      throw new AdminError('INVALID_ACTION', `${action} not implemented yet`)
    },
  }
}

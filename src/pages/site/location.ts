// Where the person is, for ordering the directory by distance and for checking in at a site. Asked only after the
// page has said why; once allowed, later visits read it at once. A fix that does not come within a few seconds
// counts as none (the page then keeps its ordinary order instead of waiting).
import Taro from '@tarojs/taro'
import type { SiteLocation } from '../../services'
import { currentLocation } from '../checkin/location'

const ALLOWED_KEY = 'site.locationAllowed'
const TIMEOUT_MS = 8000
const SLOW = new Error('location: no fix in time')

export const LOCATION_REASON = '用于按距离排列附近的阵地'

export function locationAllowed(): boolean {
  try {
    return Taro.getStorageSync(ALLOWED_KEY) === true
  } catch {
    return false
  }
}

/** The device's position (GCJ-02, as the sites are stored); rejects when refused, unavailable or too slow. */
export async function locate(): Promise<SiteLocation> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const slow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(SLOW), TIMEOUT_MS)
  })
  try {
    const fix = await Promise.race([currentLocation(), slow])
    Taro.setStorageSync(ALLOWED_KEY, true)
    return { lat: fix.lat, lng: fix.lng }
  } catch (err) {
    // A refusal is remembered as one (the page asks again, with its reason); a slow fix is not.
    if (err !== SLOW) Taro.removeStorageSync(ALLOWED_KEY)
    throw err
  } finally {
    clearTimeout(timer)
  }
}

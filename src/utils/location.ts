// Where the person is, in the coordinates WeChat uses (GCJ-02, the map datum required in China): classes and sites
// keep their place in GCJ-02 (picked on WeChat's map), so a browser's WGS-84 fix is converted before it is compared,
// or the offset (often 300–600 m) would put a person standing in the room outside a 300 m geofence.
// A feature asks for the position only after saying why; once the person allowed it, the feature remembers so (under
// its own key) and reads it at once next time.
import Taro from '@tarojs/taro'

export interface Position {
  lat: number
  lng: number
  /** Metres. */
  accuracy: number
}

const A = 6378245.0
const EE = 0.00669342162296594323

function outsideChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

/** WGS-84 (GPS, browsers) to GCJ-02; unchanged outside China, where GCJ-02 is WGS-84. */
export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outsideChina(lat, lng)) return { lat, lng }
  const radLat = (lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: lat + dLat, lng: lng + dLng }
}

/** The device's position in GCJ-02; rejects when the person refuses or the device cannot tell. */
export async function currentLocation(): Promise<Position> {
  if (process.env.TARO_ENV === 'weapp') {
    const fix = await Taro.getLocation({ type: 'gcj02' })
    return { lat: fix.latitude, lng: fix.longitude, accuracy: Math.max(0, fix.accuracy ?? 0) }
  }
  const fix = await Taro.getLocation({ type: 'wgs84' })
  return { ...wgs84ToGcj02(fix.latitude, fix.longitude), accuracy: Math.max(0, fix.accuracy ?? 0) }
}

/**
 * Why a feature reads the position. Each remembers the person's answer under its own key. A site list does not wait
 * for a slow fix (the list keeps its ordinary order instead); a class check-in waits as long as the phone takes.
 */
const PURPOSES = {
  checkIn: { key: 'checkin.locationAllowed', timeoutMs: undefined },
  sites: { key: 'site.locationAllowed', timeoutMs: 8000 },
} as const

type Purpose = keyof typeof PURPOSES

/** The person allowed the position for this purpose before: it may be read without asking again. */
export function locationAllowed(purpose: Purpose): boolean {
  try {
    return Taro.getStorageSync(PURPOSES[purpose].key) === true
  } catch {
    return false
  }
}

const SLOW = new Error('location: no fix in time')

/**
 * The position, remembering the answer: allowed from now on, or (refused, unavailable) to be asked again with the
 * reason. A fix too slow for the purpose counts as none, without being remembered as a refusal.
 */
export async function locate(purpose: Purpose): Promise<Position> {
  const { key, timeoutMs } = PURPOSES[purpose]
  let timer: ReturnType<typeof setTimeout> | undefined
  const fix = timeoutMs === undefined ? currentLocation() : Promise.race([
    currentLocation(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(SLOW), timeoutMs)
    }),
  ])
  try {
    const here = await fix
    Taro.setStorageSync(key, true)
    return here
  } catch (err) {
    if (err !== SLOW) Taro.removeStorageSync(key)
    throw err
  } finally {
    clearTimeout(timer)
  }
}

/** A position as a map point (what the site directory and check-in take). */
export const latLng = ({ lat, lng }: Position) => ({ lat, lng })

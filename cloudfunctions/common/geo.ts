// Distance on the Earth's surface: sign-in geofences, visit checks and the distances a person sees.
import { ApiFailure } from './errors'

type LatLng = { lat: number; lng: number }
const EARTH_RADIUS_M = 6_371_008.8 // the mean radius (IUGG)
const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in metres between two points (haversine). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}


/**
 * A check-in's place, checked: where the phone says it is must be given (else INVALID_INPUT on `location`, with
 * `words.missing`) and within `radius` metres of `centre` (else OUT_OF_RANGE with the distance, `rounded`, and the
 * radius). Answers the exact distance.
 */
export function assertNear(location: LatLng | undefined, centre: LatLng, radius: number,
  words: { missing: string; far: (metres: number) => string }, rounded: (metres: number) => number = Math.ceil): number {
  if (!location) throw new ApiFailure('INVALID_INPUT', words.missing, [{ field: 'location', message: words.missing }])
  const exact = distanceMetres(location, centre)
  if (exact > radius) {
    const distance = rounded(exact)
    throw new ApiFailure('OUT_OF_RANGE', words.far(distance), undefined, { distance, radius })
  }
  return exact
}

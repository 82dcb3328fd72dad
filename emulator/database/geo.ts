// Geo queries, computed here (mingo has none): $nearSphere/$near, $geoWithin, $geoIntersects and the $geoNear stage.
// Distances are great-circle distances by the haversine formula on a sphere of radius 6378100 m, the radius MongoDB
// (and so CloudBase) uses for spherical queries, so distances and $maxDistance cut-offs agree with production to
// well under a metre per kilometre. Polygons are tested planar in longitude/latitude (ray casting), which is exact
// enough for the district-sized shapes this app draws; point-in-polygon is the only intersection computed.
import type { QueryOperator } from 'mingo/core'
import { Doc, invalidParam } from './ejson'

export const EARTH_RADIUS_M = 6378100

export type LngLat = [number, number]

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function isPair(v: unknown): v is LngLat {
  return Array.isArray(v) && v.length >= 2 && isNum(v[0]) && isNum(v[1])
}

/** A GeoJSON Point or a legacy [lng, lat] pair → [lng, lat]. */
export function pointOf(v: unknown): LngLat | null {
  if (isPair(v)) return [v[0], v[1]]
  if (v && typeof v === 'object' && (v as Doc).type === 'Point' && isPair((v as Doc).coordinates)) {
    const c = (v as Doc).coordinates
    return [c[0], c[1]]
  }
  return null
}

function checkedPoint(v: unknown, what: string): LngLat {
  const p = pointOf(v)
  if (!p) throw invalidParam(`${what} must be a GeoJSON Point`)
  if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) throw invalidParam(`${what}: longitude/latitude out of bounds`)
  return p
}

export function haversine(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

function inRing(pt: LngLat, ring: LngLat[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > pt[1] !== yj > pt[1] && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Polygon coordinates (outer ring, then holes) contain the point. */
function inPolygon(pt: LngLat, rings: LngLat[][]): boolean {
  if (!rings.length || !inRing(pt, rings[0])) return false
  return !rings.slice(1).some((hole) => inRing(pt, hole))
}

type Shape = { type: 'Point'; point: LngLat } | { type: 'Polygon'; polygons: LngLat[][][] }

/** A GeoJSON geometry (Point, Polygon, MultiPolygon) or legacy pair → Shape; null when it is none of those. */
function shapeOf(v: unknown): Shape | null {
  const point = pointOf(v)
  if (point) return { type: 'Point', point }
  if (!v || typeof v !== 'object') return null
  const g = v as Doc
  const ringsOk = (rings: unknown) => Array.isArray(rings) && rings.every((r) => Array.isArray(r) && r.every(isPair))
  if (g.type === 'Polygon' && ringsOk(g.coordinates)) return { type: 'Polygon', polygons: [g.coordinates] }
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates) && g.coordinates.every(ringsOk)) return { type: 'Polygon', polygons: g.coordinates }
  return null
}

function shapePoints(s: Shape): LngLat[] {
  return s.type === 'Point' ? [s.point] : s.polygons.flatMap((p) => p[0] ?? [])
}

function shapeContains(s: Shape, pt: LngLat): boolean {
  if (s.type === 'Point') return Math.abs(s.point[0] - pt[0]) < 1e-12 && Math.abs(s.point[1] - pt[1]) < 1e-12
  return s.polygons.some((rings) => inPolygon(pt, rings))
}

/** Every value at a dotted path, descending into arrays on the way (as Mongo does). */
function valuesAt(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj]
  for (const segment of path.split('.')) {
    const next: unknown[] = []
    for (const v of current) {
      const visit = (o: unknown) => {
        if (o && typeof o === 'object' && segment in (o as Doc)) next.push((o as Doc)[segment])
      }
      if (Array.isArray(v) && !/^\d+$/.test(segment)) v.forEach(visit)
      else visit(v)
    }
    current = next
  }
  return current
}

/** The geometries stored at a path: one geometry, a legacy pair, or an array of them. */
function shapesAt(doc: unknown, path: string): Shape[] {
  const shapes: Shape[] = []
  for (const v of valuesAt(doc, path)) {
    const s = shapeOf(v)
    if (s) shapes.push(s)
    else if (Array.isArray(v)) for (const e of v) { const se = shapeOf(e); if (se) shapes.push(se) }
  }
  return shapes
}

/** Nearest distance in metres from any point stored at `path` to `to`; null when the document has none. */
export function distanceAt(doc: unknown, path: string, to: LngLat): number | null {
  let best: number | null = null
  for (const s of shapesAt(doc, path)) {
    for (const p of shapePoints(s)) {
      const d = haversine(p, to)
      if (best === null || d < best) best = d
    }
  }
  return best
}

export interface NearSpec {
  point: LngLat
  minDistance: number
  maxDistance: number
}

/** `{ $geometry: Point, $maxDistance?, $minDistance? }` (metres), as the SDK's geoNear command sends it. */
export function parseNear(value: unknown, op: string): NearSpec {
  if (!value || typeof value !== 'object' || !('$geometry' in (value as Doc))) {
    throw invalidParam(`${op} needs { $geometry: Point, $maxDistance, $minDistance } (legacy coordinate pairs are not supported)`)
  }
  const v = value as Doc
  for (const k of Object.keys(v)) if (!['$geometry', '$maxDistance', '$minDistance'].includes(k)) throw invalidParam(`${op}: unknown option ${k}`)
  const bound = (x: unknown, name: string, fallback: number) => {
    if (x === undefined || x === null) return fallback
    if (!isNum(x) || x < 0) throw invalidParam(`${op}: ${name} must be a non-negative number of metres`)
    return x
  }
  return {
    point: checkedPoint(v.$geometry, `${op} $geometry`),
    minDistance: bound(v.$minDistance, '$minDistance', 0),
    maxDistance: bound(v.$maxDistance, '$maxDistance', Infinity),
  }
}

function nearOperator(op: string): QueryOperator {
  return (selector, value) => {
    const spec = parseNear(value, op)
    return (doc) => {
      const d = distanceAt(doc, selector, spec.point)
      return d !== null && d >= spec.minDistance && d <= spec.maxDistance
    }
  }
}

/** The region test of a $geoWithin argument. */
function withinTest(value: unknown): (pt: LngLat) => boolean {
  const v = (value ?? {}) as Doc
  if (v.$centerSphere !== undefined) {
    const [center, radius] = Array.isArray(v.$centerSphere) ? v.$centerSphere : []
    const c = checkedPoint(center, '$centerSphere center')
    if (!isNum(radius) || radius < 0) throw invalidParam('$centerSphere radius must be a non-negative number of radians')
    return (pt) => haversine(pt, c) <= radius * EARTH_RADIUS_M
  }
  if (v.$geometry !== undefined) {
    const shape = shapeOf(v.$geometry)
    if (!shape || shape.type !== 'Polygon') throw invalidParam('$geoWithin $geometry must be a Polygon or MultiPolygon')
    return (pt) => shapeContains(shape, pt)
  }
  if (v.$box !== undefined) {
    const [a, b] = Array.isArray(v.$box) ? v.$box : []
    if (!isPair(a) || !isPair(b)) throw invalidParam('$box needs [[lng, lat], [lng, lat]]')
    const [x1, x2] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])]
    const [y1, y2] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])]
    return (pt) => pt[0] >= x1 && pt[0] <= x2 && pt[1] >= y1 && pt[1] <= y2
  }
  if (v.$center !== undefined) {
    const [c, r] = Array.isArray(v.$center) ? v.$center : []
    if (!isPair(c) || !isNum(r)) throw invalidParam('$center needs [[x, y], radius]')
    return (pt) => Math.hypot(pt[0] - c[0], pt[1] - c[1]) <= r
  }
  if (v.$polygon !== undefined) {
    if (!Array.isArray(v.$polygon) || !v.$polygon.every(isPair)) throw invalidParam('$polygon needs [[x, y], ...]')
    const ring = v.$polygon as LngLat[]
    return (pt) => inRing(pt, ring)
  }
  throw invalidParam('$geoWithin needs $centerSphere, $geometry, $box, $center or $polygon')
}

const $geoWithin: QueryOperator = (selector, value) => {
  const inside = withinTest(value)
  return (doc) => {
    const shapes = shapesAt(doc, selector)
    return shapes.length > 0 && shapes.some((s) => shapePoints(s).every(inside))
  }
}

const $geoIntersects: QueryOperator = (selector, value) => {
  const query = shapeOf((value as Doc | undefined)?.$geometry)
  if (!query) throw invalidParam('$geoIntersects needs $geometry: a Point, Polygon or MultiPolygon')
  return (doc) =>
    shapesAt(doc, selector).some(
      (s) => shapePoints(s).some((p) => shapeContains(query, p)) || shapePoints(query).some((p) => shapeContains(s, p)),
    )
}

export const GEO_QUERY_OPERATORS: Record<string, QueryOperator> = {
  $nearSphere: nearOperator('$nearSphere'),
  $near: nearOperator('$near'),
  $geoWithin,
  $geoIntersects,
}

export const NEAR_OPERATORS = new Set(['$nearSphere', '$near'])

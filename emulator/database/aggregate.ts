// Aggregation pipelines through mingo's Aggregator, with the stages CloudBase supports. Two stages are handled here
// first: a leading $geoNear (mingo has none; it must be the first stage, as in MongoDB) and a leading $match, whose
// filter goes through the planner so an indexed pipeline does not read the whole collection.
import { Aggregator } from 'mingo'
import { setValue } from 'mingo/util'
import { AdminError } from '../errors'
import { Doc, invalidParam } from './ejson'
import { distanceAt, EARTH_RADIUS_M, pointOf } from './geo'
import { asInvalidParam, compileFilter, CompiledFilter, mingoOptions } from './query'
import type { CollectionInfo } from './store'

export const SUPPORTED_STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$geoNear', '$group', '$limit', '$match', '$project', '$lookup',
  '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount', '$unwind',
])

export interface PipelineSource {
  info: CollectionInfo
  /** Documents of the collection passing a compiled filter, natural order. */
  matching(compiled: CompiledFilter): Doc[]
  /** Every document of another collection (for $lookup); [] when it does not exist, as MongoDB answers. */
  collection(name: string): Doc[]
}

const isPlainObject = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** A leading $geoNear: distance (metres) from `near` into `distanceField`, nearest first. */
function geoNear(source: PipelineSource, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object')
  const { near, distanceField, maxDistance, minDistance, query, distanceMultiplier, includeLocs, key } = spec
  if (typeof distanceField !== 'string' || !distanceField) throw invalidParam('$geoNear needs distanceField')
  const point = pointOf(near)
  if (!point) throw invalidParam('$geoNear near must be a Point')
  const geoPaths = [...source.info.geoPaths]
  const path = key ?? (geoPaths.length === 1 ? geoPaths[0] : undefined)
  if (typeof path !== 'string' || !source.info.geoPaths.has(path)) {
    throw new AdminError(
      'DATABASE_REQUEST_FAILED',
      geoPaths.length > 1
        ? `$geoNear: ${source.info.name} has several 2dsphere indexes, give key`
        : `unable to find index for $geoNear query: ${source.info.name} needs a 2dsphere index`,
    )
  }
  // A GeoJSON point measures in metres; a legacy pair in radians (MongoDB's rule for spherical queries).
  const unit = Array.isArray(near) ? 1 / EARTH_RADIUS_M : 1
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback)
  const min = num(minDistance, 0)
  const max = num(maxDistance, Infinity)
  const multiplier = num(distanceMultiplier, 1)
  const compiled = compileFilter(source.info, query ?? {})
  const rows: Array<{ doc: Doc; d: number }> = []
  for (const doc of source.matching(compiled)) {
    const metres = distanceAt(doc, path, point)
    if (metres === null) continue
    const d = metres * unit
    if (d >= min && d <= max) rows.push({ doc, d })
  }
  rows.sort((a, b) => a.d - b.d)
  return rows.map(({ doc, d }) => {
    setValue(doc, distanceField, d * multiplier)
    if (typeof includeLocs === 'string') setValue(doc, includeLocs, (doc as Doc)[path])
    return doc
  })
}

export function runPipeline(source: PipelineSource, pipeline: Doc[]): Doc[] {
  pipeline.forEach((stage, i) => {
    const name = Object.keys(stage)[0]
    if (!SUPPORTED_STAGES.has(name)) throw invalidParam(`unsupported aggregation stage ${name}`)
    if (name === '$geoNear' && i > 0) throw invalidParam('$geoNear is only valid as the first stage in a pipeline')
  })
  let docs: Doc[]
  let rest = pipeline
  const first = pipeline[0]
  if (first && '$geoNear' in first) {
    docs = geoNear(source, first.$geoNear)
    rest = pipeline.slice(1)
  } else if (first && '$match' in first) {
    const compiled = compileFilter(source.info, first.$match)
    if (compiled.near) throw invalidParam('$nearSphere is not allowed in $match: use a $geoNear stage')
    docs = source.matching(compiled)
    rest = pipeline.slice(1)
  } else {
    docs = source.matching(compileFilter(source.info, {}))
  }
  if (rest.length === 0) return docs
  const resolved = new Map<string, Doc[]>()
  const collectionResolver = (name: string) => {
    if (!resolved.has(name)) resolved.set(name, source.collection(name))
    return resolved.get(name)!
  }
  return asInvalidParam('invalid aggregation', () => new Aggregator(rest, mingoOptions({ collectionResolver })).run(docs)) as Doc[]
}

// Conformance of the emulator's database with CloudBase, driven by the real @cloudbase/node-sdk as the client.
// The emulator runs on its own (no product); the collections with a unique and a 2dsphere index are declared here.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { RunningEmulator, sdkApp, startBareEmulator } from '../helpers/emulator'
import { EARTH_RADIUS_M } from '../../emulator/database/geo'
import { Store } from '../../emulator/database/store'
import { planWhere } from '../../emulator/database/planner'
import { compileFilter, findDocs } from '../../emulator/database/query'
import { idKey } from '../../emulator/database/ids'
import { insertDocuments } from '../../emulator/database/operations'
import { Transactions } from '../../emulator/database/transactions'
import type { CollectionDecl, IndexDecl } from '../../emulator'

const COLLECTIONS: CollectionDecl[] = [
  {
    name: 'conformance_unique',
    indexes: [
      { name: 'code', keys: { code: 1 }, unique: true },
      { name: 'pair', keys: { a: 1, b: 1 }, unique: true },
    ],
  },
  { name: 'conformance_geo', indexes: [{ name: 'location', keys: { location: '2dsphere' } }] },
]

jest.setTimeout(60_000)

let emu: RunningEmulator
let db: any
let _: any
let $: any

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p
  } catch (err: any) {
    return { code: err.code, message: err.message }
  }
  throw new Error('expected the call to fail')
}

/** A fresh collection for one test area. */
async function collection(name: string) {
  await db.createCollection(name)
  return db.collection(name)
}

const ids = (res: { data: Array<{ _id: string }> }) => res.data.map((d) => d._id)

beforeAll(async () => {
  emu = await startBareEmulator({ collections: COLLECTIONS })
  const app = sdkApp(emu)
  db = app.database()
  _ = db.command
  $ = db.command.aggregate
})

afterAll(async () => {
  await emu?.stop()
})

describe('collections', () => {
  test('a missing collection answers DATABASE_COLLECTION_NOT_EXIST', async () => {
    expect((await failure(db.collection('nowhere').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect((await failure(db.collection('nowhere').add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  test('createCollection creates once, then answers DATABASE_COLLECTION_ALREADY_EXIST', async () => {
    await db.createCollection('made_here')
    expect((await db.collection('made_here').get()).data).toEqual([])
    expect((await failure(db.createCollection('made_here'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })

  test('declared collections exist at start', async () => {
    expect((await db.collection('conformance_unique').count()).total).toBe(0)
  })
})

describe('query operators', () => {
  let c: any
  beforeAll(async () => {
    c = await collection('q_ops')
    await c.add([
      { _id: 'p1', a: { b: 1, c: 'x' }, n: 5, tags: ['red', 'blue'], items: [{ k: 1, v: 'a' }, { k: 2, v: 'b' }], opt: 1 },
      { _id: 'p2', a: { b: 2, c: 'y' }, n: 10, tags: ['blue'], items: [{ k: 3, v: 'c' }], opt: null },
      { _id: 'p3', a: { b: 3, c: 'x' }, n: 15, tags: ['green', 'red', 'blue'], items: [] },
      { _id: 'p4', a: { b: 4, c: 'z' }, n: 20, tags: [], name: 'Alice' },
    ])
  })

  test('nested fields by dotted path and by nested object', async () => {
    expect(ids(await c.where({ 'a.b': _.gt(1) }).get())).toEqual(['p2', 'p3', 'p4'])
    expect(ids(await c.where({ a: { b: _.gt(1) } }).get())).toEqual(['p2', 'p3', 'p4'])
    expect(ids(await c.where({ a: { c: 'x' } }).get())).toEqual(['p1', 'p3'])
  })

  test('comparisons', async () => {
    expect(ids(await c.where({ n: _.gte(10).and(_.lt(20)) }).get())).toEqual(['p2', 'p3'])
    expect(ids(await c.where({ n: _.neq(5) }).get())).toEqual(['p2', 'p3', 'p4'])
    expect(ids(await c.where({ n: _.lte(5) }).get())).toEqual(['p1'])
    expect(ids(await c.where({ n: _.eq(20) }).get())).toEqual(['p4'])
  })

  test('and / or / nor / not', async () => {
    expect(ids(await c.where(_.and([{ n: _.gt(5) }, { 'a.c': 'x' }])).get())).toEqual(['p3'])
    expect(ids(await c.where(_.or([{ n: 5 }, { 'a.c': 'z' }])).get())).toEqual(['p1', 'p4'])
    expect(ids(await c.where(_.nor([{ n: 5 }, { 'a.c': 'z' }])).get())).toEqual(['p2', 'p3'])
    expect(ids(await c.where({ n: _.not(_.gt(10)) }).get())).toEqual(['p1', 'p2'])
    expect(ids(await c.where({ n: _.gt(5).or(_.lt(0)) }).get())).toEqual(['p2', 'p3', 'p4'])
  })

  test('in / nin / all / elemMatch / size', async () => {
    expect(ids(await c.where({ n: _.in([5, 20]) }).get())).toEqual(['p1', 'p4'])
    expect(ids(await c.where({ n: _.nin([5, 20]) }).get())).toEqual(['p2', 'p3'])
    expect(ids(await c.where({ tags: 'red' }).get())).toEqual(['p1', 'p3'])
    expect(ids(await c.where({ tags: _.all(['red', 'blue']) }).get())).toEqual(['p1', 'p3'])
    expect(ids(await c.where({ items: _.elemMatch({ k: _.gt(1), v: 'b' }) }).get())).toEqual(['p1'])
    expect(ids(await c.where({ tags: _.size(1) }).get())).toEqual(['p2'])
    expect(ids(await c.where({ 'items.k': 3 }).get())).toEqual(['p2'])
  })

  test('exists / mod / null / regexp', async () => {
    expect(ids(await c.where({ name: _.exists(true) }).get())).toEqual(['p4'])
    expect(ids(await c.where({ opt: _.exists(false) }).get())).toEqual(['p3', 'p4'])
    expect(ids(await c.where({ opt: null }).get())).toEqual(['p2', 'p3', 'p4'])
    expect(ids(await c.where({ n: _.mod([10, 0]) }).get())).toEqual(['p2', 'p4'])
    expect(ids(await c.where({ name: /^ali/i }).get())).toEqual(['p4'])
    expect(ids(await c.where({ name: db.RegExp({ regexp: 'LICE$', options: 'i' }) }).get())).toEqual(['p4'])
  })

  test('an unknown operator answers INVALID_PARAM', async () => {
    expect((await failure(c.where({ n: { $foo: 1 } }).get())).code).toBe('INVALID_PARAM')
  })
})

describe('ordering, pagination, projection, count', () => {
  let c: any
  beforeAll(async () => {
    c = await collection('q_pages')
    const docs = []
    for (let i = 0; i < 25; i++) docs.push({ _id: `d${String(i).padStart(2, '0')}`, g: i % 3, n: i, extra: { deep: i } })
    await c.add(docs)
  })

  test('two-key ordering', async () => {
    const res = await c.orderBy('g', 'asc').orderBy('n', 'desc').limit(10).get()
    expect(res.data.map((d: any) => [d.g, d.n])).toEqual([
      [0, 24], [0, 21], [0, 18], [0, 15], [0, 12], [0, 9], [0, 6], [0, 3], [0, 0], [1, 22],
    ])
  })

  test('skip and limit', async () => {
    const page = await c.orderBy('n', 'asc').skip(10).limit(5).get()
    expect(page.data.map((d: any) => d.n)).toEqual([10, 11, 12, 13, 14])
    // Without limit() the SDK asks for 100.
    expect((await c.get()).data).toHaveLength(25)
  })

  test('cursor pagination by _id', async () => {
    const seen: string[] = []
    let last = ''
    for (;;) {
      const q = last ? c.where({ _id: _.gt(last) }) : c
      const page = await q.orderBy('_id', 'asc').limit(10).get()
      if (page.data.length === 0) break
      seen.push(...ids(page))
      last = page.data[page.data.length - 1]._id
    }
    expect(seen).toHaveLength(25)
    expect(seen).toEqual([...seen].sort())
  })

  test('projection includes or excludes fields; _id comes by default', async () => {
    const inc = await c.where({ n: 3 }).field({ n: true }).get()
    expect(inc.data).toEqual([{ _id: 'd03', n: 3 }])
    const exc = await c.where({ n: 3 }).field({ extra: false, g: false }).get()
    expect(exc.data).toEqual([{ _id: 'd03', n: 3 }])
    const doc = await c.doc('d04').field({ 'extra.deep': true }).get()
    expect(doc.data).toEqual([{ _id: 'd04', extra: { deep: 4 } }])
  })

  test('count', async () => {
    expect((await c.where({ g: 1 }).count()).total).toBe(8)
    expect((await c.count()).total).toBe(25)
  })
})

describe('add', () => {
  test('one and many, with given and generated ids', async () => {
    const c = await collection('w_add')
    const one = await c.add({ a: 1 })
    expect(one.id).toMatch(/^[0-9a-f]{32}$/)
    const many = await c.add([{ _id: 'given', a: 2 }, { a: 3 }])
    expect(many.ids[0]).toBe('given')
    expect(many.ids[1]).toMatch(/^[0-9a-f]{32}$/)
    expect((await c.doc('given').get()).data).toEqual([{ _id: 'given', a: 2 }])
    expect((await c.doc(one.id).get()).data).toEqual([{ _id: one.id, a: 1 }])
  })

  test('a duplicate _id answers DATABASE_DUPLICATE_WRITE and a batch with one writes nothing', async () => {
    const c = await collection('w_add_dup')
    await c.add({ _id: 'x', v: 1 })
    expect((await failure(c.add({ _id: 'x', v: 2 }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await failure(c.add([{ _id: 'y' }, { _id: 'x' }]))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(ids(await c.get())).toEqual(['x'])
    expect((await c.doc('x').get()).data[0].v).toBe(1)
  })
})

describe('update operators', () => {
  let c: any
  const fresh = async (id: string, doc: object) => {
    await c.doc(id).set(doc)
    return c.doc(id)
  }
  const read = async (ref: any) => {
    const { _id, ...rest } = (await ref.get()).data[0]
    return rest
  }
  beforeAll(async () => {
    c = await collection('w_ops')
  })

  test('update merges nested objects; _.set replaces them; _.remove unsets', async () => {
    const ref = await fresh('m', { a: { x: 1, y: 2 }, b: { x: 1, y: 2 }, gone: true })
    const res = await ref.update({ a: { x: 9 }, b: _.set({ x: 9 }), gone: _.remove() })
    expect(res.updated).toBe(1)
    expect(await read(ref)).toEqual({ a: { x: 9, y: 2 }, b: { x: 9 } })
  })

  test('inc / mul / max / min / rename', async () => {
    const ref = await fresh('n', { i: 1, m: 3, hi: 5, lo: 5, old: 'v' })
    await ref.update({ i: _.inc(2), m: _.mul(1.5), hi: _.max(7), lo: _.min(2), old: _.rename('renamed'), created: _.inc(1) })
    expect(await read(ref)).toEqual({ i: 3, m: 4.5, hi: 7, lo: 2, renamed: 'v', created: 1 })
    await ref.update({ hi: _.max(1), lo: _.min(9) })
    expect(await read(ref)).toMatchObject({ hi: 7, lo: 2 })
  })

  test('push / pop / shift / unshift / pull / pullAll / addToSet', async () => {
    const ref = await fresh('arr', { a: [1, 2, 3], b: [1, 2, 3], s: [5, 6, 7, 8], t: [1, 2, 1, 3], u: ['x'] })
    await ref.update({ a: _.push([4, 5]), b: _.pop(), s: _.shift(), t: _.pullAll([1]), u: _.addToSet('x') })
    expect(await read(ref)).toEqual({ a: [1, 2, 3, 4, 5], b: [1, 2], s: [6, 7, 8], t: [2, 3], u: ['x'] })
    await ref.update({ a: _.unshift([0]), b: _.pull(_.gt(1)), u: _.addToSet({ $each: ['x', 'y'] }) })
    expect(await read(ref)).toEqual({ a: [0, 1, 2, 3, 4, 5], b: [1], s: [6, 7, 8], t: [2, 3], u: ['x', 'y'] })
  })

  test('push with each / position / slice / sort', async () => {
    const ref = await fresh('pm', { a: [1, 2, 3], scores: [{ s: 3 }, { s: 1 }] })
    await ref.update({ a: _.push({ each: [9, 8], position: 1 }) })
    expect((await read(ref)).a).toEqual([1, 9, 8, 2, 3])
    await ref.update({ a: _.push({ each: [0], sort: 1, slice: 3 }), scores: _.push({ each: [{ s: 2 }], sort: { s: -1 } }) })
    expect(await read(ref)).toEqual({ a: [0, 1, 2], scores: [{ s: 3 }, { s: 2 }, { s: 1 }] })
  })

  test('pull with a condition on array elements', async () => {
    const ref = await fresh('pc', { items: [{ k: 1 }, { k: 2 }, { k: 3 }] })
    await ref.update({ items: _.pull({ k: _.gte(2) }) })
    expect((await read(ref)).items).toEqual([{ k: 1 }])
  })

  test('dotted paths and array indexes', async () => {
    const ref = await fresh('dot', { o: { list: [{ v: 1 }, { v: 2 }] } })
    await ref.update({ 'o.list.1.v': 20, 'o.added': true })
    expect(await read(ref)).toEqual({ o: { list: [{ v: 1 }, { v: 20 }], added: true } })
  })

  test('_id cannot change', async () => {
    const ref = await fresh('idfix', { a: 1 })
    expect((await failure(ref.update({ a: _.rename('_id') }))).code).toBe('INVALID_PARAM')
    expect(await read(ref)).toEqual({ a: 1 })
  })

  test('an update that changes nothing answers updated: 0; a missing document too', async () => {
    const ref = await fresh('same', { a: 1 })
    expect((await ref.update({ a: 1 })).updated).toBe(0)
    expect((await c.doc('nobody').update({ a: 1 })).updated).toBe(0)
    expect((await c.doc('nobody').get()).data).toEqual([])
  })

  test('$inc on a string fails and changes nothing', async () => {
    const ref = await fresh('bad', { s: 'text' })
    expect((await failure(ref.update({ s: _.inc(1) }))).code).toBe('DATABASE_REQUEST_FAILED')
    expect(await read(ref)).toEqual({ s: 'text' })
  })
})

describe('set, upsert, multi', () => {
  let c: any
  beforeAll(async () => {
    c = await collection('w_set')
  })

  test('set replaces the whole document; update merges', async () => {
    await c.add({ _id: 's1', a: 1, b: 2 })
    await c.doc('s1').update({ c: 3 })
    expect((await c.doc('s1').get()).data).toEqual([{ _id: 's1', a: 1, b: 2, c: 3 }])
    const res = await c.doc('s1').set({ z: 1 })
    expect(res.updated).toBe(1)
    expect(res.upsertedId).toBeUndefined()
    expect((await c.doc('s1').get()).data).toEqual([{ _id: 's1', z: 1 }])
  })

  test('set on a missing document creates it (upsert)', async () => {
    const res = await c.doc('s2').set({ v: db.serverDate(), n: 1 })
    expect(res.updated).toBe(0)
    expect(res.upsertedId).toBe('s2')
    const doc = (await c.doc('s2').get()).data[0]
    expect(doc.n).toBe(1)
    expect(doc.v).toBeInstanceOf(Date)
  })

  test('where().update() and where().remove() touch every match', async () => {
    await c.add([{ _id: 'm1', grp: 'g', v: 1 }, { _id: 'm2', grp: 'g', v: 2 }, { _id: 'm3', grp: 'h', v: 3 }])
    expect((await c.where({ grp: 'g' }).update({ v: _.inc(10) })).updated).toBe(2)
    expect((await c.where({ grp: _.in(['g', 'h']) }).get()).data.map((d: any) => d.v)).toEqual([11, 12, 3])
    expect((await c.where({ grp: 'g' }).remove()).deleted).toBe(2)
    expect(ids(await c.where({ grp: _.exists(true) }).get())).toEqual(['m3'])
    expect((await c.doc('m3').remove()).deleted).toBe(1)
    expect((await c.doc('m3').remove()).deleted).toBe(0)
  })

  test('updateAndReturn returns the document after the update', async () => {
    await c.add({ _id: 'uar', n: 1 })
    const res = await c.where({ _id: 'uar' }).updateAndReturn({ n: _.inc(1) })
    expect(res.updated).toBe(1)
    expect(res.doc).toEqual({ _id: 'uar', n: 2 })
  })

  // CloudBase counts the document set() or updateAndReturn() found, changed or not (see operations.ts).
  test('set of an existing document answers updated: 1, also when it changes nothing, in a transaction too', async () => {
    await c.add({ _id: 'same-set', a: 1 })
    expect(await c.doc('same-set').set({ a: 1 })).toMatchObject({ updated: 1, upsertedId: undefined })
    expect((await c.doc('same-set').set({ a: 2 })).updated).toBe(1)
    const t = await db.startTransaction()
    expect((await t.collection('w_set').doc('same-set').set({ a: 2 })).updated).toBe(1)
    await t.commit()
    expect((await c.doc('same-set').get()).data).toEqual([{ _id: 'same-set', a: 2 }])
  })

  test('updateAndReturn answers updated: 1 for the document it found even when nothing changed; 0 and no document when none matches', async () => {
    await c.add({ _id: 'same-uar', n: 1 })
    expect(await c.where({ _id: 'same-uar' }).updateAndReturn({ n: 1 })).toMatchObject({ updated: 1, doc: { _id: 'same-uar', n: 1 } })
    expect(await c.where({ _id: 'same-uar', n: 5 }).updateAndReturn({ n: 1 })).toMatchObject({ updated: 0, doc: null })
  })
})

describe('unique indexes', () => {
  let c: any
  beforeAll(() => {
    c = db.collection('conformance_unique')
  })

  test('insert, batch insert, update and set that duplicate a unique key fail and write nothing', async () => {
    await c.add({ _id: 'u1', code: 'A', a: 1, b: 1 })
    await c.add({ _id: 'u2', code: 'B', a: 1, b: 2 })
    expect((await failure(c.add({ code: 'A', a: 9, b: 9 }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await failure(c.add([{ _id: 'u3', code: 'C', a: 3, b: 3 }, { code: 'A', a: 4, b: 4 }]))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(await c.doc('u3').get()).toMatchObject({ data: [] })
    expect((await failure(c.doc('u2').update({ code: 'A' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await failure(c.doc('u2').update({ b: 1 }))).code).toBe('DATABASE_DUPLICATE_WRITE') // compound (a, b)
    expect((await failure(c.doc('new').set({ code: 'B', a: 7, b: 7 }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await c.doc('u2').get()).data).toEqual([{ _id: 'u2', code: 'B', a: 1, b: 2 }])
    expect((await c.count()).total).toBe(2)
  })

  test('like MongoDB, a missing unique field counts as null: only one document may lack it', async () => {
    await c.add({ _id: 'nocode1', a: 50, b: 50 })
    expect((await failure(c.add({ _id: 'nocode2', a: 51, b: 51 }))).code).toBe('DATABASE_DUPLICATE_WRITE')
  })
})

// Sites due north of a centre point, at known great-circle distances on MongoDB's sphere (radius 6378100 m).
const CENTRE = [116.397, 39.908]
const north = (metres: number) => CENTRE[1] + ((metres / EARTH_RADIUS_M) * 180) / Math.PI

describe('geo', () => {
  let c: any
  beforeAll(async () => {
    c = db.collection('conformance_geo')
    await c.add([
      { _id: 'far', name: 'far', kind: 'base', location: new db.Geo.Point(CENTRE[0], north(1500)) },
      { _id: 'near', name: 'near', kind: 'base', location: new db.Geo.Point(CENTRE[0], north(500)) },
      { _id: 'mid', name: 'mid', kind: 'book', location: new db.Geo.Point(CENTRE[0], north(900)) },
      { _id: 'other', name: 'other', kind: 'base', location: new db.Geo.Point(CENTRE[0] + 1, CENTRE[1]) },
    ])
  })

  test('geoNear returns nearest first within maxDistance; the point comes back as a Geo.Point', async () => {
    const res = await c.where({ location: _.geoNear({ geometry: new db.Geo.Point(CENTRE[0], CENTRE[1]), maxDistance: 1000 }) }).get()
    expect(ids(res)).toEqual(['near', 'mid'])
    expect(res.data[0].location.latitude).toBeCloseTo(north(500), 10)
    const ring = await c.where({ location: _.geoNear({ geometry: new db.Geo.Point(CENTRE[0], CENTRE[1]), minDistance: 600, maxDistance: 2000 }) }).get()
    expect(ids(ring)).toEqual(['mid', 'far'])
  })

  test('geoWithin a circle (centerSphere) and a polygon; geoIntersects a polygon', async () => {
    const circle = await c.where({ location: _.geoWithin({ centerSphere: [new db.Geo.Point(CENTRE[0], CENTRE[1]), 1000 / EARTH_RADIUS_M] }) }).get()
    expect(ids(circle).sort()).toEqual(['mid', 'near'])
    const [x, y] = CENTRE
    const square = new db.Geo.Polygon([
      new db.Geo.LineString([
        new db.Geo.Point(x - 0.01, y), new db.Geo.Point(x + 0.01, y), new db.Geo.Point(x + 0.01, north(1000)),
        new db.Geo.Point(x - 0.01, north(1000)), new db.Geo.Point(x - 0.01, y),
      ]),
    ])
    expect(ids(await c.where({ location: _.geoWithin({ geometry: square }) }).get()).sort()).toEqual(['mid', 'near'])
    expect(ids(await c.where({ location: _.geoIntersects({ geometry: square }) }).get()).sort()).toEqual(['mid', 'near'])
  })

  test('aggregate geoNear: distance in metres, query, nearest first', async () => {
    const res = await c
      .aggregate()
      .geoNear({ near: new db.Geo.Point(CENTRE[0], CENTRE[1]), distanceField: 'distance', spherical: true, maxDistance: 2000, query: { kind: 'base' } })
      .project({ name: 1, distance: 1 })
      .end()
    expect(res.data.map((d: any) => d.name)).toEqual(['near', 'far'])
    expect(res.data[0].distance).toBeCloseTo(500, 3)
    expect(res.data[1].distance).toBeCloseTo(1500, 3)
  })

  test('a geo query on a field without a 2dsphere index fails like CloudBase', async () => {
    const plain = await collection('geo_no_index')
    await plain.add({ location: new db.Geo.Point(1, 2) })
    const err = await failure(plain.where({ location: _.geoNear({ geometry: new db.Geo.Point(1, 2), maxDistance: 10 }) }).get())
    expect(err.code).toBe('DATABASE_REQUEST_FAILED')
    expect(err.message).toMatch(/index/)
  })
})

describe('aggregate', () => {
  let orders: any
  beforeAll(async () => {
    const people = await collection('agg_people')
    orders = await collection('agg_orders')
    await people.add([{ _id: 'ann', name: 'Ann' }, { _id: 'bob', name: 'Bob' }])
    await orders.add([
      { who: 'ann', amount: 10, tags: ['a', 'b'] },
      { who: 'bob', amount: 5, tags: ['b'] },
      { who: 'ann', amount: 7, tags: [] },
    ])
  })

  test('match / group / sum / sort', async () => {
    const res = await orders.aggregate().match({ amount: _.gt(1) }).group({ _id: '$who', total: $.sum('$amount'), n: $.sum(1) }).sort({ total: -1 }).end()
    expect(res.data).toEqual([{ _id: 'ann', total: 17, n: 2 }, { _id: 'bob', total: 5, n: 1 }])
  })

  test('lookup / unwind / project across collections', async () => {
    const res = await orders
      .aggregate()
      .sort({ amount: 1 })
      .lookup({ from: 'agg_people', localField: 'who', foreignField: '_id', as: 'person' })
      .unwind('$person')
      .project({ _id: 0, amount: 1, name: '$person.name' })
      .end()
    expect(res.data).toEqual([{ amount: 5, name: 'Bob' }, { amount: 7, name: 'Ann' }, { amount: 10, name: 'Ann' }])
  })

  test('unwind arrays, sortByCount, count, skip, limit', async () => {
    const byTag = await orders.aggregate().unwind('$tags').sortByCount('$tags').end()
    expect(byTag.data).toEqual([{ _id: 'b', count: 2 }, { _id: 'a', count: 1 }])
    const counted = await orders.aggregate().match({ who: 'ann' }).count('n').end()
    expect(counted.data).toEqual([{ n: 2 }])
    const paged = await orders.aggregate().sort({ amount: -1 }).skip(1).limit(1).project({ _id: 0, amount: 1 }).end()
    expect(paged.data).toEqual([{ amount: 7 }])
  })
})

describe('values round-trip exactly', () => {
  let c: any
  beforeAll(async () => {
    c = await collection('v_types')
  })

  test('ints and doubles', async () => {
    const doc = { i: 1, neg: -7, zero: 0, d: 2.5, tenth: 0.1, big: 3000000000, huge: 1e21, tiny: 5e-324, nested: { list: [1, 1.5, -2] } }
    const { id } = await c.add(doc)
    expect((await c.doc(id).get()).data[0]).toEqual({ _id: id, ...doc })
    expect(ids(await c.where({ d: 2.5, big: 3000000000 }).get())).toEqual([id])
  })

  test('dates to the millisecond, before 1970 and far ahead; queried by equality and range', async () => {
    const doc = { at: new Date(1700000000123), old: new Date(-5), ancient: new Date('1900-01-01T00:00:00.001Z'), future: new Date('2999-12-31T23:59:59.999Z') }
    const { id } = await c.add(doc)
    const got = (await c.doc(id).get()).data[0]
    for (const k of Object.keys(doc) as Array<keyof typeof doc>) {
      expect(got[k]).toBeInstanceOf(Date)
      expect(got[k].getTime()).toBe(doc[k].getTime())
    }
    expect(ids(await c.where({ at: new Date(1700000000123) }).get())).toEqual([id])
    expect(ids(await c.where({ at: _.gt(new Date(1700000000122)).and(_.lt(new Date(1700000000124))) }).get())).toEqual([id])
  })

  test('serverDate in documents, updates and queries follows the emulator clock', async () => {
    const before = Date.now()
    const { id } = await c.add({ created: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })
    const got = (await c.doc(id).get()).data[0]
    expect(got.created.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(got.created.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    expect(got.later.getTime() - got.created.getTime()).toBe(60_000)
    expect(ids(await c.where({ created: _.lte(db.serverDate()) }).get())).toContain(id)

    const day = 24 * 3600 * 1000
    await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: day }) })
    try {
      await c.doc(id).update({ touched: db.serverDate() })
      const touched = (await c.doc(id).get()).data[0].touched.getTime()
      expect(touched - Date.now()).toBeGreaterThan(day - 60_000)
    } finally {
      await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) })
    }
  })

  test('nested documents, arrays, booleans, null and strings', async () => {
    const doc = { s: '先锋驿站 "quoted" $dollar', t: true, f: false, n: null, deep: { a: [{ b: [1, { c: 'x' }] }], e: {} } }
    const { id } = await c.add(doc)
    expect((await c.doc(id).get()).data[0]).toEqual({ _id: id, ...doc })
  })
})

describe('transactions', () => {
  let c: any
  beforeAll(async () => {
    c = await collection('tx')
    await c.add([{ _id: 'counter', n: 0 }, { _id: 'acct', balance: 100 }])
  })

  test('inside, reads see the transaction’s writes; outside, nothing shows before commit', async () => {
    const t = await db.startTransaction()
    await t.collection('tx').doc('acct').update({ balance: _.inc(-30) })
    await t.collection('tx').add({ _id: 'tx-new', v: 1 })
    const generated = await t.collection('tx').add({ v: 2 })
    expect(generated.id).toMatch(/^[0-9a-f]{32}$/)
    expect((await t.collection('tx').where({ v: _.exists(true) }).get()).data).toHaveLength(2)
    expect((await t.collection('tx').doc('acct').get()).data).toEqual({ _id: 'acct', balance: 70 })
    expect((await t.collection('tx').doc('tx-new').get()).data).toEqual({ _id: 'tx-new', v: 1 })
    expect((await t.collection('tx').doc('missing').get()).data).toBeNull()
    expect((await c.doc('acct').get()).data[0].balance).toBe(100)
    expect((await c.doc('tx-new').get()).data).toEqual([])
    await t.commit()
    expect((await c.doc('acct').get()).data[0].balance).toBe(70)
    expect((await c.doc('tx-new').get()).data).toEqual([{ _id: 'tx-new', v: 1 }])
    expect((await c.doc(generated.id).get()).data).toEqual([{ _id: generated.id, v: 2 }])
    await c.doc(generated.id).remove()
  })

  test('a rolled-back transaction leaves no trace', async () => {
    const t = await db.startTransaction()
    await t.collection('tx').doc('acct').update({ balance: 0 })
    await t.collection('tx').add({ _id: 'ghost' })
    await t.collection('tx').doc('tx-new').remove()
    await t.rollback()
    expect((await c.doc('acct').get()).data[0].balance).toBe(70)
    expect((await c.doc('ghost').get()).data).toEqual([])
    expect((await c.doc('tx-new').get()).data).toHaveLength(1)

    const failed = failure(db.runTransaction(async (tx: any) => {
      await tx.collection('tx').doc('acct').update({ balance: -1 })
      throw Object.assign(new Error('business rule'), { code: 'NOPE' })
    }))
    expect((await failed).message).toBe('business rule')
    expect((await c.doc('acct').get()).data[0].balance).toBe(70)
  })

  test('concurrent read-modify-write transactions lose no update: the counter counts every commit', async () => {
    let commits = 0
    const loop = async () => {
      for (let i = 0; i < 10; i++) {
        try {
          await db.runTransaction(async (t: any) => {
            const { data } = await t.collection('tx').doc('counter').get()
            await t.collection('tx').doc('counter').update({ n: data.n + 1 }) // read-modify-write, not $inc
          })
          commits++
        } catch (err: any) {
          // As on CloudBase: runTransaction retries a conflict three times, then gives it up to the caller.
          expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
        }
      }
    }
    await Promise.all([loop(), loop(), loop()])
    expect(commits).toBeGreaterThan(0)
    expect((await c.doc('counter').get()).data[0].n).toBe(commits)
  })

  test('two transactions writing one document: the first writer wins, the later one gets DATABASE_TRANSACTION_CONFLICT at the write', async () => {
    await c.add({ _id: 'ww', n: 0 })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t1.collection('tx').doc('ww').update({ n: _.inc(1) })
    expect((await failure(t2.collection('tx').doc('ww').update({ n: _.inc(1000) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    // The later one is aborted: it can do nothing more.
    expect((await failure(t2.collection('tx').doc('ww').get())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t1.commit()
    expect((await c.doc('ww').get()).data[0].n).toBe(1)

    // A writer that committed after the later one started wins as well.
    const late = await db.startTransaction()
    await db.runTransaction(async (t: any) => {
      await t.collection('tx').doc('ww').update({ n: _.inc(1) })
    })
    expect((await failure(late.collection('tx').doc('ww').set({ n: -1 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await c.doc('ww').get()).data[0].n).toBe(2)
  })

  test('snapshot read: a transaction sees what was committed when it started, not what was committed later', async () => {
    await c.add([{ _id: 'snap-a', v: 1 }, { _id: 'snap-b', v: 1 }])
    const t = await db.startTransaction()
    await c.doc('snap-a').update({ v: 2 })
    await c.doc('snap-b').remove()
    await db.runTransaction(async (other: any) => {
      await other.collection('tx').add({ _id: 'snap-c', v: 1 })
    })
    expect((await t.collection('tx').doc('snap-a').get()).data).toEqual({ _id: 'snap-a', v: 1 })
    expect((await t.collection('tx').doc('snap-b').get()).data).toEqual({ _id: 'snap-b', v: 1 })
    expect((await t.collection('tx').doc('snap-c').get()).data).toBeNull()
    const listed = await t.collection('tx').where({ _id: _.in(['snap-a', 'snap-b', 'snap-c']), v: 1 }).get()
    expect(ids(listed).sort()).toEqual(['snap-a', 'snap-b'])
    await t.commit() // it wrote nothing: nothing conflicts
    expect(ids(await c.where({ _id: _.in(['snap-a', 'snap-b', 'snap-c']) }).get()).sort()).toEqual(['snap-a', 'snap-c'])
  })

  test('no read skew: a transfer committed between two reads of a transaction does not show in the second', async () => {
    await c.add([{ _id: 'from', amount: 60 }, { _id: 'to', amount: 40 }])
    const reader = await db.startTransaction()
    const from = (await reader.collection('tx').doc('from').get()).data.amount
    await db.runTransaction(async (t: any) => {
      await t.collection('tx').doc('from').update({ amount: _.inc(-10) })
      await t.collection('tx').doc('to').update({ amount: _.inc(10) })
    })
    const to = (await reader.collection('tx').doc('to').get()).data.amount
    expect([from, to]).toEqual([60, 40])
    await reader.commit()
    expect((await c.where({ _id: _.in(['from', 'to']) }).orderBy('_id', 'asc').get()).data.map((d: any) => d.amount)).toEqual([50, 50])
  })

  test('write skew is allowed: two transactions read both documents, each writes a different one, both commit', async () => {
    await c.add([{ _id: 'alice', onCall: true }, { _id: 'bob', onCall: true }])
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    for (const t of [t1, t2]) expect((await t.collection('tx').where({ onCall: true }).get()).data).toHaveLength(2)
    await t1.collection('tx').doc('alice').update({ onCall: false })
    await t2.collection('tx').doc('bob').update({ onCall: false })
    await t1.commit()
    await t2.commit()
    expect((await c.where({ onCall: true }).get()).data).toEqual([])
  })

  test('an abandoned transaction blocks nobody: readers see the committed version, writers are answered at once', async () => {
    await c.add([{ _id: 'held', n: 1 }, { _id: 'free', n: 1 }])
    const abandoned = await db.startTransaction()
    await abandoned.collection('tx').doc('held').update({ n: 2 })
    const started = Date.now()
    expect((await c.doc('held').get()).data[0].n).toBe(1)
    await db.runTransaction(async (t: any) => {
      expect((await t.collection('tx').doc('held').get()).data.n).toBe(1)
      await t.collection('tx').doc('free').update({ n: 2 })
    })
    const refused = failure(db.runTransaction(async (t: any) => {
      await t.collection('tx').doc('held').update({ n: 3 })
    }))
    expect((await refused).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    // A write outside any transaction goes through; the abandoned transaction can then no longer commit.
    await c.doc('held').update({ n: _.inc(10) })
    expect(Date.now() - started).toBeLessThan(2000)
    expect((await failure(abandoned.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await c.where({ _id: _.in(['free', 'held']) }).orderBy('_id', 'asc').get()).data.map((d: any) => d.n)).toEqual([2, 11])
  })

  test('an unknown transaction answers DATABASE_TRANSACTION_FAIL', async () => {
    const t = await db.startTransaction()
    await t.commit()
    expect((await failure(t.collection('tx').doc('acct').get())).code).toBe('DATABASE_TRANSACTION_FAIL')
  })

  test('a duplicate inside a transaction fails at the write', async () => {
    const t = await db.startTransaction()
    expect((await failure(t.collection('tx').add({ _id: 'acct' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    await t.rollback()
  })
})

describe('durability and metrics', () => {
  test('every database request is counted once', async () => {
    await fetch(`${emu.url}/__emulator/metrics/reset`, { method: 'POST' })
    const c = db.collection('conformance_unique')
    await c.where({ code: 'A' }).get()
    await c.count()
    await failure(db.collection('nowhere').get())
    const metrics = await (await fetch(`${emu.url}/__emulator/metrics`)).json()
    expect(metrics.total).toBe(3)
    expect(metrics.byAction).toEqual({ 'database.getDocument': 2, 'database.calculateDocument': 1 })
  })

  test('an answered write survives kill -9', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-db-'))
    const first = await startBareEmulator({ dataDir })
    const tcb = require('@cloudbase/node-sdk')
    const saved = { ...process.env }
    try {
      Object.assign(process.env, first.sdkEnv)
      const local = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
      await local.createCollection('durable')
      await local.collection('durable').add({ _id: 'kept', v: 1 })
      await first.kill9()
      const second = await startBareEmulator({ dataDir })
      try {
        Object.assign(process.env, second.sdkEnv)
        const again = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
        expect((await again.collection('durable').doc('kept').get()).data).toEqual([{ _id: 'kept', v: 1 }])
      } finally {
        await second.stop()
      }
    } finally {
      Object.assign(process.env, saved)
      await first.stop()
    }
  })
})

// The planner works in-process on a Store: indexed lookups must not scan the table, and narrowing must never drop
// a document mingo would match.
describe('query planner', () => {
  let store: Store
  const INDEXES: IndexDecl[] = [{ name: 'status_at', keys: { status: 1, at: -1 } }, { name: 'code', keys: { code: 1 }, unique: true }]
  const fill = (name: string, count: number) => {
    const info = store.collection(name)
    const ops = []
    for (let i = 0; i < count; i++) {
      const doc = { _id: `k${i}`, code: `c${i}`, status: ['a', 'b', 'c', 'd'][i % 4], at: new Date(Date.UTC(2024, 0, 1) + i * 60_000), n: i }
      ops.push({ info, key: `k${i}`, mode: 'insert' as const, doc })
    }
    store.apply(ops)
  }
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-planner-'))
    store = new Store(dir, [{ name: 'big', indexes: INDEXES }, { name: 'small', indexes: INDEXES }])
    fill('big', 100_000)
    fill('small', 3_000)
  })
  afterAll(() => store.close())

  function* docs(rows: Iterable<{ doc: any }>) {
    for (const row of rows) yield row.doc
  }
  const run = (name: string, filter: object) => {
    const info = store.collection(name)
    const compiled = compileFilter(info, filter)
    return findDocs(docs(store.scan(info, compiled.where)), compiled, {}).map((d) => d._id)
  }
  const plan = (filter: object) => {
    const info = store.collection('big')
    return store.explain(info, planWhere(info, filter)).join(' | ')
  }

  test('lookups by an indexed key, by _id and by $in use an index, not a scan of 100,000 documents', () => {
    expect(plan({ code: 'c42' })).toMatch(/USING INDEX ix_big_code/)
    expect(plan({ _id: 'k42' })).toMatch(/PRIMARY KEY|USING INDEX sqlite_autoindex/)
    expect(plan({ status: 'b', at: { $gte: new Date(Date.UTC(2024, 0, 2)) } })).toMatch(/USING INDEX ix_big_status_at/)
    expect(plan({ code: { $in: ['c1', 'c2'] }, n: { $gt: 0 } })).toMatch(/USING INDEX ix_big_code/)
    expect(plan({ n: 5 })).toMatch(/SCAN/) // not indexed: scanned, then filtered by mingo
    const started = Date.now()
    expect(run('big', { code: 'c99999' })).toEqual(['k99999'])
    expect(run('big', { _id: 'k77777' })).toEqual(['k77777'])
    expect(Date.now() - started).toBeLessThan(200)
  })

  test('narrowing agrees with a full scan for equality, ranges, nulls and dates', () => {
    const info = store.collection('small')
    const filters: object[] = [
      { status: 'c', n: { $lt: 40 } },
      { status: { $in: ['a', null] }, n: { $lt: 9 } },
      { at: { $lt: new Date(Date.UTC(2024, 0, 1, 0, 5)) } },
      { at: { $gt: new Date(Date.UTC(2024, 0, 2, 23)) }, status: 'a' },
      { at: { $gte: new Date(Date.UTC(2024, 0, 1, 1)), $lte: new Date(Date.UTC(2024, 0, 1, 2)) } },
      { status: { $gte: 'c' }, n: { $lt: 12 } },
      { $and: [{ code: { $gt: 'c2995' } }, { code: { $lte: 'c2998' } }] },
      { _id: { $in: ['k1', 'k2', 'nope'] } },
    ]
    for (const filter of filters) {
      const compiled = compileFilter(info, filter)
      const full = findDocs(docs(store.scan(info, { sql: '', params: [] })), compiled, {}).map((d) => d._id)
      expect(run('small', filter)).toEqual(full)
      expect(full.length).toBeGreaterThan(0)
    }
  })

  test('a path that held an array is no longer narrowed (multikey)', () => {
    const info = store.collection('small')
    store.apply([{ info, key: idKey('arr'), mode: 'insert', doc: { _id: 'arr', code: 'arr', status: ['a', 'z'] } }])
    expect(info.multikey.has('status')).toBe(true)
    expect(run('small', { status: 'z' })).toEqual(['arr'])
  })
})

// The lifetime limit, in-process with a short lifetime (the service uses 60 s).
describe('transaction manager', () => {
  let store: Store
  const req = { now: Date.now(), newId: () => 'generated' }
  const insert = (txs: Transactions, id: string, doc: string) => insertDocuments(txs.session(id), store.collection('t'), { data: [doc] }, req)
  beforeAll(() => {
    store = new Store(fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-tx-')), [])
    store.createCollection('t')
  })
  afterAll(() => store.close())

  test('a transaction past its lifetime is aborted, leaves nothing and frees the document it wrote', async () => {
    const txs = new Transactions(store, 150)
    const id = txs.start()
    insert(txs, id, '{"_id":"old"}')
    expect(() => insert(txs, txs.start(), '{"_id":"old","by":"other"}')).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }))
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(() => txs.session(id)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }))
    expect(() => txs.commit(id)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }))
    expect(store.get(store.collection('t'), 'old')).toBeUndefined()
    const again = txs.start()
    insert(txs, again, '{"_id":"old","by":"again"}')
    txs.commit(again)
    expect(store.get(store.collection('t'), 'old')).toEqual({ _id: 'old', by: 'again' })
    txs.close()
  })
})

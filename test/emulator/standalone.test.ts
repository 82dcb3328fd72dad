// The emulator is a package of its own (emulator/): it imports nothing of the product, only node's built-ins and the
// npm packages its package.json lists, has no import cycle, and runs with no product at all — its bundle started
// in-process with the fixture functions, no collections, and a seed that runs once per data folder.
import fs from 'fs'
import { builtinModules } from 'module'
import os from 'os'
import path from 'path'
import ts from 'typescript'
import type { Emulator, EmulatorOptions, SeedContext } from '../../emulator'
import { FIXTURE_FUNCTIONS } from '../helpers/emulator'

const ROOT = path.resolve(__dirname, '..', '..')
const EMULATOR = path.join(ROOT, 'emulator')
const BUNDLE = path.join(ROOT, 'build', 'emulator', 'index.js')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(e.name) ? [p] : []
  })
}

/** Every module a file names: static and type imports, re-exports, require() and import(). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName)
}

/** A relative import → the file it loads (x.ts, x.tsx or x/index.ts). */
function resolveRelative(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec)
  const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile())
  if (!found) throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${spec}`)
  return found
}

const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(packageName(spec))

/** The cycles among `files` (each as the chain of files that leads back to its start). */
function importCycles(files: string[]): string[][] {
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((s) => s.startsWith('.')).map((s) => resolveRelative(f, s))]))
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, chain: string[]) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') return void cycles.push(chain.slice(chain.indexOf(file)).concat(file))
    state.set(file, 'open')
    for (const next of edges.get(file) ?? []) visit(next, [...chain, file])
    state.set(file, 'done')
  }
  files.forEach((f) => visit(f, []))
  return cycles.map((c) => c.map((f) => path.relative(ROOT, f)))
}

describe('the emulator package', () => {
  const files = sourceFiles(EMULATOR)
  const manifest = JSON.parse(fs.readFileSync(path.join(EMULATOR, 'package.json'), 'utf8'))

  test('imports nothing outside its folder but node built-ins and the npm packages it lists', () => {
    expect(files.length).toBeGreaterThan(20)
    const listed = new Set(Object.keys(manifest.dependencies))
    const outside: string[] = []
    const used = new Set<string>()
    for (const file of files) {
      for (const spec of importsOf(file)) {
        const where = `${path.relative(ROOT, file)}: ${spec}`
        if (spec.startsWith('.') || spec.startsWith('/')) {
          const target = path.resolve(path.dirname(file), spec)
          if (!target.startsWith(EMULATOR + path.sep)) outside.push(where)
        } else if (!isBuiltin(spec)) {
          used.add(packageName(spec))
          if (!listed.has(packageName(spec))) outside.push(`${where} (not in emulator/package.json)`)
        }
      }
    }
    expect(outside).toEqual([])
    expect([...listed].filter((p) => !used.has(p))).toEqual([])
  })

  test('its manifest names its entry', () => {
    expect(manifest).toMatchObject({ name: '@pioneer/cloudbase-emulator', private: true, main: 'index.ts' })
    expect(fs.existsSync(path.join(EMULATOR, manifest.main))).toBe(true)
  })

  test('has no import cycle', () => {
    expect(importCycles(files)).toEqual([])
  })

  test("the product's local entry has no import cycle either", () => {
    expect(importCycles(sourceFiles(path.join(ROOT, 'local')))).toEqual([])
  })
})

describe('the emulator with no product', () => {
  // The bundle, as a product loads it (build/local/main.js does the same).
  const { startEmulator } = require(BUNDLE) as { startEmulator: (o: EmulatorOptions) => Promise<Emulator> }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-standalone-'))
  const seeds: SeedContext[] = []
  const options: EmulatorOptions = {
    functionsDir: FIXTURE_FUNCTIONS,
    dataDir,
    port: 0,
    timers: false,
    seed: async (ctx) => {
      seeds.push(ctx)
      process.env.TENCENTCLOUD = 'true' // no probe of Tencent Cloud's metadata host
      const db = require('@cloudbase/node-sdk').init(ctx.sdk).database()
      await db.createCollection('planted')
      await db.collection('planted').doc('first').set({ by: 'seed' })
    },
  }
  let emulator: Emulator | undefined

  afterAll(async () => {
    await emulator?.close()
  })

  test('starts on a free port, runs a fixture function and seeds a fresh folder once, through the SDK', async () => {
    emulator = await startEmulator(options)
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.url).not.toMatch(/:0$/)
    const res = await fetch(`${emulator.url}/api/whoami`, { method: 'POST', body: JSON.stringify({ action: 'x' }) })
    expect(await res.json()).toMatchObject({ event: { action: 'x' }, tz: 'UTC' })
    expect(seeds).toHaveLength(1)
    expect(seeds[0].sdk.serviceUrl).toBe(`${emulator.url}/admin`)
    await emulator.close()

    emulator = await startEmulator(options)
    expect(seeds).toHaveLength(1)
    const metrics = await (await fetch(`${emulator.url}/__emulator/metrics`)).json()
    expect(metrics.total).toBe(0)
    const text = await (await fetch(`${emulator.url}/`)).text()
    expect(text).toContain('emulator is running')
    const db = require('@cloudbase/node-sdk').init({ ...seeds[0].sdk, serviceUrl: `${emulator.url}/admin` }).database()
    expect((await db.collection('planted').doc('first').get()).data).toEqual([{ _id: 'first', by: 'seed' }])
  })
})

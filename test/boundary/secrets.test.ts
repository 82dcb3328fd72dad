// The environment's keys: no key in the source, one key per environment however many instances start at once, and
// a key that cannot be had is an error, never a weaker check.
import fs from 'fs'
import path from 'path'
import { RunningEmulator, sdkApp, startEmulator } from '../helpers/emulator'

const ROOT = path.resolve(__dirname, '..', '..')
const SCANNED = ['cloudfunctions', 'emulator', 'local', 'src', 'contract']
const OLD_CONSTANT = 'pioneer-dev-checkin-secret--set-CHECKIN_SECRET-in-production'
// A key written into a variable or field named *SECRET*. The emulator's SDK credentials (TENCENTCLOUD_SECRETID/KEY)
// are placeholders the SDK insists on and nothing checks, so they are not keys.
const SECRET_LITERALS = [/pioneer-dev/i, new RegExp(OLD_CONSTANT), /\b(?!TENCENTCLOUD_)\w*SECRET\w*\s*[:=]\s*['"`][^'"`]+['"`]/]

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p)
    return /\.(ts|tsx|js|json|scss)$/.test(e.name) ? [p] : []
  })
}

const hits = (text: string) => SECRET_LITERALS.filter((re) => re.test(text)).map(String)

test('no secret literal anywhere in the source', () => {
  // The check itself catches what it looks for.
  expect(hits(`const DEV_SECRET = '${OLD_CONSTANT}'`)).toHaveLength(3)
  expect(hits("const SESSION_SECRET = 'hunter2'")).toHaveLength(1)
  const files = SCANNED.flatMap((d) => sourceFiles(path.join(ROOT, d)))
  expect(files.length).toBeGreaterThan(100)
  const found = files.flatMap((f) => hits(fs.readFileSync(f, 'utf8')).map((h) => `${path.relative(ROOT, f)}: ${h}`))
  expect(found).toEqual([])
})

describe('keys generated on first use', () => {
  let emu: RunningEmulator
  beforeAll(async () => { emu = await startEmulator({ seed: false }) })
  afterAll(async () => { await emu?.stop() })

  /** A fresh copy of common/secrets.ts with its own SDK app and cache, as a new function instance has. */
  function instance(): typeof import('../../cloudfunctions/common/secrets') {
    let mod: any
    jest.isolateModules(() => { mod = require('../../cloudfunctions/common/secrets') })
    return mod
  }

  test('instances starting at once agree on one key per environment, stored where only functions read it', async () => {
    sdkApp(emu) // points the SDK of this process at the emulator
    delete process.env.CHECKIN_SECRET
    delete process.env.SESSION_SECRET
    const instances = Array.from({ length: 6 }, instance)
    const keys = await Promise.all(instances.flatMap((i) => [i.secret('checkin'), i.secret('session')]))
    const checkin = keys.filter((_, i) => i % 2 === 0)
    const session = keys.filter((_, i) => i % 2 === 1)
    expect(new Set(checkin).size).toBe(1)
    expect(new Set(session).size).toBe(1)
    expect(checkin[0]).not.toBe(session[0])
    expect(checkin[0].length).toBeGreaterThanOrEqual(32)
    const { data } = await sdkApp(emu).database().collection('secrets').get()
    expect(data).toHaveLength(1)
    expect(data[0]).toMatchObject({ _id: 'keys', checkin: checkin[0], session: session[0] })
    // A later instance reads the same keys.
    expect(await instance().secret('checkin')).toBe(checkin[0])
  })

  test('a deployer\'s key in the environment wins; a short one is refused rather than used', async () => {
    process.env.CHECKIN_SECRET = 'x'.repeat(40)
    try {
      expect(await instance().secret('checkin')).toBe('x'.repeat(40))
      process.env.CHECKIN_SECRET = 'too short'
      await expect(instance().secret('checkin')).rejects.toThrow(/at least 32/)
    } finally {
      delete process.env.CHECKIN_SECRET
    }
  })
})

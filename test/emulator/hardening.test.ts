// The emulator on a developer's machine: a web page they visit cannot drive its server API, its test controls answer
// only an emulator started for tests, and it stays on loopback unless told. (It issues no sign-in of its own: H5
// sessions are the product's, test/boundary/sessions.test.ts.)
import { hostWarning } from '../../emulator/guard'
import { bareEmulatorBed, RunningEmulator, startBareEmulator } from '../helpers/emulator'

const bed = bareEmulatorBed({ collections: [{ name: 'people', indexes: [] }] })

/** What a page could send to /admin: database.insertDocument making `id` an admin. */
const insertAdmin = (id: string) => JSON.stringify({
  action: 'database.insertDocument',
  collectionName: 'people',
  data: [JSON.stringify({ _id: id, role: 'admin' })],
})

const post = (emu: RunningEmulator, path: string, headers: Record<string, string>, body: string) =>
  fetch(`${emu.url}${path}`, { method: 'POST', headers, body })

const stored = async (id: string) => (await bed.app.database().collection('people').doc(id).get()).data[0]

describe('/admin answers SDKs, not web pages', () => {
  test('the same request with JSON and no Origin, as an SDK sends it, is answered (so the refusals below are the guard)', async () => {
    const res = await post(bed.emu, '/admin', { 'content-type': 'application/json' }, insertAdmin('sdk-made'))
    expect(res.status).toBe(200)
    expect(await stored('sdk-made')).toEqual({ _id: 'sdk-made', role: 'admin' })
  })

  test.each([
    ['a cross-origin text/plain POST (a page needs no permission to send it)', { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' }, 'evil.example'],
    ['a cross-origin form', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, 'evil.example'],
    ['cross-origin JSON', { 'content-type': 'application/json', origin: 'http://localhost:3000' }, 'localhost:3000'],
    ['a cross-site request without Origin', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 'cross-site'],
    ['text/plain without Origin', { 'content-type': 'text/plain' }, 'text/plain'],
  ])('%s is refused with 403 and changes nothing', async (_what, headers, said) => {
    const id = `attack-${Math.random().toString(16).slice(2)}`
    const res = await post(bed.emu, '/admin', headers, insertAdmin(id))
    expect(res.status).toBe(403)
    const body = await res.json()
    expect(body.code).toBe('PERMISSION_DENIED')
    expect(body.message).toContain(said)
    expect(await stored(id)).toBeUndefined()
  })

  test("the emulator's own pages may post JSON", async () => {
    const res = await post(bed.emu, '/admin', { 'content-type': 'application/json', origin: bed.emu.url }, insertAdmin('own-page'))
    expect(res.status).toBe(200)
  })
})

describe('test controls', () => {
  let plain: RunningEmulator
  beforeAll(async () => { plain = await startBareEmulator({ env: { EMULATOR_TEST_CONTROLS: '0' } }) })
  afterAll(async () => { await plain?.stop() })

  const json = { 'content-type': 'application/json' }
  test.each([
    ['POST', '/__emulator/clock', JSON.stringify({ offsetMs: 86400000 })],
    ['GET', '/__emulator/clock', undefined],
    ['POST', '/__emulator/timers/ticker/tick', ''],
    ['POST', '/__emulator/crash', JSON.stringify({ function: 'whoami', afterOps: 0 })],
    ['GET', '/__emulator/inbox?openid=someone', undefined],
    ['GET', '/__emulator/inbox.html', undefined],
    ['POST', '/__emulator/metrics/reset', ''],
  ])('without EMULATOR_TEST_CONTROLS, %s %s answers 403', async (method, path, body) => {
    const res = await fetch(`${plain.url}${path}`, { method, headers: json, body })
    expect(res.status).toBe(403)
    expect((await res.json()).message).toContain('EMULATOR_TEST_CONTROLS=1')
  })

  test('without them the operation metrics are still readable, and they answer an emulator started for tests', async () => {
    const metrics = await fetch(`${plain.url}/__emulator/metrics`)
    expect(metrics.status).toBe(200)
    expect(await metrics.json()).toHaveProperty('total')
    const clock = await post(bed.emu, '/__emulator/clock', json, JSON.stringify({ offsetMs: 0 }))
    expect(clock.status).toBe(200)
  })
})

test('it listens on loopback and says so when told to listen elsewhere', () => {
  expect(bed.emu.output()).not.toMatch(/WARNING/)
  for (const host of ['127.0.0.1', 'localhost', '::1']) expect(hostWarning(host)).toBeNull()
  expect(hostWarning('0.0.0.0')).toMatch(/^WARNING: listening on 0\.0\.0\.0, not loopback: other machines can reach/)
  expect(hostWarning('192.168.1.20')).toMatch(/^WARNING: listening on 192\.168\.1\.20/)
})

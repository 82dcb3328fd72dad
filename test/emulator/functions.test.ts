// The functions runtime: identity injected as CloudBase injects it, one invocation at a time per instance,
// a throwing or runaway function answering only its own caller, one function calling another, and the crash switch
// tests use to kill a worker between two of its database operations.
import path from 'path'
import { asWeChat, callApi } from '../helpers/api'
import { FIXTURE_FUNCTIONS, RunningEmulator, sdkApp, startBareEmulator } from '../helpers/emulator'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startBareEmulator({ env: { WORKERS_PER_FUNCTION: '2' } })
})
afterAll(async () => { await emu?.stop() })

test("a mini-program caller's openid reaches app.auth().getUserInfo() and functions run in UTC", async () => {
  const p = asWeChat(emu, 'someone-1')
  const r: any = await p.call('whoami', 'x', { a: 1 })
  expect(r.user).toMatchObject({ openId: 'someone-1', appId: 'wx-pioneer-local' })
  expect(r.event).toEqual({ action: 'x', a: 1 })
  expect(r.tz).toBe('UTC')
})

test('each caller sees only their own identity, even when calls overlap', async () => {
  const callers = await Promise.all(Array.from({ length: 10 }, (_, i) => asWeChat(emu, `overlap-${i}`)))
  const answers: any[] = await Promise.all(callers.map((c) => c.call('whoami', 'x', { waitMs: 50 })))
  answers.forEach((r, i) => expect(r.user.openId).toBe(`overlap-${i}`))
})

test('a call without a token runs with no identity', async () => {
  const r: any = await callApi(emu, null, 'whoami', { action: 'x' })
  expect(r.user.openId).toBe('')
})

test('a function that throws answers INTERNAL to its caller only', async () => {
  const p = asWeChat(emu, 'someone-2')
  expect(await p.call('boom', 'x')).toMatchObject({ ok: false, code: 'INTERNAL' })
  const r: any = await p.call('whoami', 'x')
  expect(r.user.openId).toBe('someone-2')
})

test('a function that cannot load answers INTERNAL, and the next call tries a fresh instance', async () => {
  const p = asWeChat(emu, 'someone-6')
  expect(await p.call('broken', 'x')).toMatchObject({ ok: false, code: 'INTERNAL' })
  expect(await p.call('broken', 'x')).toMatchObject({ ok: false, code: 'INTERNAL' })
  expect(((await p.call('whoami', 'x')) as any).user.openId).toBe('someone-6')
})

test('a function past its timeout is ended, its instance replaced, and the emulator keeps serving', async () => {
  const p = asWeChat(emu, 'someone-3')
  const started = Date.now()
  expect(await p.call('slow', 'x')).toMatchObject({ ok: false, code: 'INTERNAL' })
  expect(Date.now() - started).toBeLessThan(10000)
  // Both instances of `slow` run past their time; neither takes anything else down.
  const again = await Promise.all([p.call('slow', 'x'), p.call('slow', 'x'), p.call('whoami', 'x')])
  expect(again[0]).toMatchObject({ code: 'INTERNAL' })
  expect(again[1]).toMatchObject({ code: 'INTERNAL' })
  expect((again[2] as any).user.openId).toBe('someone-3')
})

test('the crash switch kills a function between two database operations, once', async () => {
  const p = asWeChat(emu, 'someone-7')
  await sdkApp(emu).database().createCollection('steps')
  const written = async (run: string) =>
    (await sdkApp(emu).database().collection('steps').where({ run }).get()).data.map((d: any) => d.step).sort()
  const arm = await fetch(`${emu.url}/__emulator/crash`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ function: 'steps', afterOps: 2 }),
  })
  expect(arm.status).toBe(200)
  expect(await p.call('steps', 'x', { run: 'cut', steps: 4 })).toMatchObject({ ok: false, code: 'INTERNAL' })
  expect(await written('cut')).toEqual([1, 2])
  // Armed once: the next invocation, on a fresh instance, runs to its end.
  expect(await p.call('steps', 'x', { run: 'whole', steps: 4 })).toEqual({ done: 4 })
  expect(await written('whole')).toEqual([1, 2, 3, 4])
  const bad = await fetch(`${emu.url}/__emulator/crash`, { method: 'POST', body: JSON.stringify({ function: 'steps' }) })
  expect(bad.status).toBe(400)
})

test('one invocation at a time per instance: two instances serve four slow calls in two rounds', async () => {
  const p = asWeChat(emu, 'someone-4')
  const answers: any[] = await Promise.all(Array.from({ length: 4 }, () => p.call('whoami', 'x', { waitMs: 300 })))
  // Each instance counts its own invocations; with two instances, the four calls split across them.
  const counts = answers.map((a) => a.invocations)
  expect(Math.max(...counts)).toBeGreaterThanOrEqual(2)
})

test('one function calls another through the SDK', async () => {
  const p = asWeChat(emu, 'someone-5')
  const r: any = await p.call('caller', 'x', { n: 7 })
  expect(r.called.event).toEqual({ from: 'caller', n: 7 })
})

test('the SDK invokes a function directly (functions.invokeFunction)', async () => {
  const app = sdkApp(emu)
  const { result } = await app.callFunction({ name: 'whoami', data: { direct: true } })
  expect(result.event).toEqual({ direct: true })
  await expect(app.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_EXIST' })
})

test("an HTTP route hands the function CloudBase's integration request", async () => {
  const res = await fetch(`${emu.url}/api/whoami?page=2&q=%E5%85%9A`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Custom': 'yes', 'user-agent': 'Mozilla/5.0 (test)' },
    body: JSON.stringify({ action: 'x', a: 1 }),
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const { raw, event } = await res.json()
  expect(raw).toMatchObject({
    path: '/api/whoami',
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json', 'x-custom': 'yes', 'user-agent': 'Mozilla/5.0 (test)' },
    multiValueHeaders: { 'x-custom': ['yes'] },
    queryStringParameters: { page: '2', q: '党' },
    body: '{"action":"x","a":1}',
    isBase64Encoded: false,
    requestContext: { envId: 'pioneer-local' },
  })
  expect(raw.requestContext.requestId).toMatch(/^[0-9a-f]{32}$/)
  expect(event).toEqual({ action: 'x', a: 1 })
  // Bytes that are not text travel base64-encoded, flagged.
  const bytes = await (await fetch(`${emu.url}/api/whoami`, {
    method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: JSON.stringify({ action: 'y' }),
  })).json()
  expect(bytes.raw).toMatchObject({ httpMethod: 'PUT', isBase64Encoded: true, body: Buffer.from('{"action":"y"}').toString('base64') })
  expect(bytes.event).toEqual({ action: 'y' })
})

test("a function's integration response is the HTTP answer; a string is text, anything else JSON", async () => {
  const answer = (value: unknown) => fetch(`${emu.url}/api/respond`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: value }),
  })
  const teapot = await answer({ statusCode: 418, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-fixture': '1' }, body: '我是茶壶', isBase64Encoded: false })
  expect([teapot.status, teapot.headers.get('x-fixture'), await teapot.text()]).toEqual([418, '1', '我是茶壶'])
  const binary = await answer({ statusCode: 201, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255, 7]).toString('base64'), isBase64Encoded: true })
  expect([binary.status, [...new Uint8Array(await binary.arrayBuffer())]]).toEqual([201, [0, 255, 7]])
  const text = await answer('hello gateway')
  expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([200, 'text/plain; charset=utf-8', 'hello gateway'])
  const object = await answer({ foo: 'bar' })
  expect([object.status, object.headers.get('content-type'), await object.json()]).toEqual([200, 'application/json; charset=utf-8', { foo: 'bar' }])
})

test('an unknown function over HTTP is 404', async () => {
  const res = await fetch(`${emu.url}/api/nope`, { method: 'POST', body: '{}' })
  expect(res.status).toBe(404)
})

test("a timer trigger fires on its config.json schedule with CloudBase's timer event, and by hand", async () => {
  const timed = await startBareEmulator({ env: { TIMERS: '1' } })
  try {
    const byHand: any = await (await fetch(`${timed.url}/__emulator/timers/ticker/tick`, { method: 'POST' })).json()
    expect(byHand.result.got).toMatchObject({ Type: 'Timer', TriggerName: 'tick' })
    // What CloudBase tells a triggered run: the trigger as its source, and no caller.
    expect(byHand.result).toMatchObject({ source: 'wx_trigger', openid: '' })
    expect(Date.parse(byHand.result.got.Time)).not.toBeNaN()
    const until = Date.now() + 10000
    while ((timed.output().match(/timer ticker\.tick ran/g) ?? []).length < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200))
    }
    expect((timed.output().match(/timer ticker\.tick ran/g) ?? []).length).toBeGreaterThanOrEqual(2)
    expect((await fetch(`${timed.url}/__emulator/timers/ticker/nope`, { method: 'POST' })).status).toBe(404)
  } finally {
    await timed.stop()
  }
})

test('an HTTP route vouches for nobody: the Authorization header is the function\'s to read, and no sign-in is served', async () => {
  const r: any = await callApi(emu, 'a-token-the-product-made', 'whoami', { action: 'x' })
  expect(r.user.openId).toBe('')
  expect(r.raw.headers.authorization).toBe('Bearer a-token-the-product-made')
  const res = await fetch(`${emu.url}/auth/dev-login`, { method: 'POST', body: JSON.stringify({ openid: 'demo-admin' }) })
  expect(res.status).toBe(404)
})

test('an event nested too deep is refused at the door of the SDK\'s API; HTTP access hands the body on as text, and the emulator keeps serving', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000)
  // As on CloudBase, /api does not parse the body: the function gets it as text (the product's router refuses it, test/fuzz).
  const res = await fetch(`${emu.url}/api/whoami`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"x":${deep}}` })
  await res.text()
  const app = sdkApp(emu)
  const sdk = await app.callFunction({ name: 'whoami', data: { x: [] } })
  expect(sdk.result.event).toEqual({ x: [] })
  await expect(fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'whoami', request_data: `{"x":${deep}}` }),
  }).then((r) => r.json())).resolves.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('请求内容嵌套过深') })
  expect(((await callApi(emu, null, 'whoami', {})) as any).user).toBeDefined()
})

test('an event the pool cannot hand to an instance is refused, and that instance serves the next call', async () => {
  // In process: over HTTP the depth limit above stops such an event first; the pool must not depend on it.
  const { FunctionPool } = await import('../../emulator/functions/pool')
  const pool = new FunctionPool({
    functionsDir: FIXTURE_FUNCTIONS, workerFile: path.join(__dirname, '../../build/emulator/worker.js'),
    baseEnv: () => ({ ...emu.sdkEnv }), appId: 'wx-test', maxWorkers: 1, clockOffsetMs: () => 0,
  })
  try {
    const refused = await pool.invoke('whoami', { f: () => 1 }, {})
    expect(refused).toMatchObject({ ok: false, reason: 'unsendable' })
    const next = await pool.invoke('whoami', { n: 1 }, {})
    expect(next).toMatchObject({ ok: true, result: { event: { n: 1 }, invocations: 1 } })
  } finally {
    await pool.close()
  }
})

// Every function through CloudBase's HTTP access service: the emulator's /api/<fn> hands the function the
// integration request, the router unwraps its body (base64 when flagged) and answers an integration response whose
// status and content type say what the ApiResult inside says.
import { login } from '../helpers/api'
import { useBed } from '../helpers/bed'

const bed = useBed()

async function post(fn: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
  const res = await fetch(`${bed.emu.url}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() }
}

test.each([
  ['story', { action: 'feed', limit: 2 }],
  ['classroom', { action: 'list' }],
  ['site', { action: 'list' }],
  ['user', { action: 'me' }],
  ['studio', { action: 'get', siteId: 'site-donghu-studio' }],
])('%s: the request in, the ApiResult out as JSON with 200', async (fn, event) => {
  const token = await login(bed.emu, 'demo-member')
  const r = await post(fn, JSON.stringify(event), { authorization: `Bearer ${token}` })
  expect([r.status, r.type, r.body.ok]).toEqual([200, 'application/json; charset=utf-8', true])
})

test('a body the gateway base64-encoded is decoded before it is read', async () => {
  const token = await login(bed.emu, 'demo-member')
  const r = await post('user', new Uint8Array(Buffer.from(JSON.stringify({ action: 'me' }))), {
    authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream',
  })
  expect(r.status).toBe(200)
  expect(r.body).toMatchObject({ ok: true, data: { openid: 'demo-member' } })
})

test.each(['story', 'classroom', 'site', 'library', 'user', 'studio', 'workbench'])('%s: a malformed body is INVALID_INPUT, in Chinese, with 400', async (fn) => {
  for (const body of ['{"action": ', '[1,2]', '"feed"', 'null']) {
    const r = await post(fn, body)
    expect([body, r.status, r.body.ok, r.body.code]).toEqual([body, 400, false, 'INVALID_INPUT'])
    expect(r.body.message).toMatch(/^请求内容格式不正确/)
  }
})

test('only POST carries a call; refusals carry their HTTP status', async () => {
  const get = await fetch(`${bed.emu.url}/api/user?action=me`)
  expect(get.status).toBe(400)
  expect(await get.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请用 POST 提交请求' })
  expect((await post('user', JSON.stringify({ action: 'me' }))).status).toBe(401)
  const member = await login(bed.emu, 'demo-member')
  const forbidden = await post('user', JSON.stringify({ action: 'pending' }), { authorization: `Bearer ${member}` })
  expect([forbidden.status, forbidden.body.code]).toEqual([403, 'FORBIDDEN'])
  const unknown = await post('user', JSON.stringify({ action: 'dropDatabase' }), { authorization: `Bearer ${member}` })
  expect([unknown.status, unknown.body.code]).toEqual([400, 'INVALID_INPUT'])
})

// H5 sessions are the product's own: minted by the user function, checked by the router on every HTTP call, ended
// by sign-out and by a change of role or status; forged, tampered and expired tokens are refused in Chinese.
import { signSessionWith } from '../../cloudfunctions/common/sessions'
import { asWeChat, callApi, costOf, login } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { startEmulator } from '../helpers/emulator'

const bed = useBed()
const DAY = 24 * 60 * 60 * 1000

const me = (token: string | null) => callApi(bed.emu, token, 'user', { action: 'me' })

/** The claim a token carries, read without checking it. */
const claimOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))

function expectRefused(r: { ok: boolean; code?: string; message?: string }) {
  expect(r).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
  expect(r.message).toContain('登录')
}

test('a demo sign-in is a session of 7 days, stored with the browser it was made in', async () => {
  const res = await fetch(`${bed.emu.url}/api/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' },
    body: JSON.stringify({ action: 'signIn', openid: 'demo-member' }),
  })
  const { data } = await res.json()
  expect(data.openid).toBe('demo-member')
  const claim = claimOf(data.token)
  expect(claim.e - claim.i).toBe(7 * DAY)
  expect(await bed.stored('sessions', claim.s)).toMatchObject({ openid: 'demo-member', via: 'demo', device: 'Windows 电脑 · Chrome' })
  expect((await me(data.token)).data.openid).toBe('demo-member')
})

test('signing out ends every session of the person; signing in again works', async () => {
  const [pc, phone] = [await login(bed.emu, 'demo-retired'), await login(bed.emu, 'demo-retired')]
  expect((await me(pc)).ok).toBe(true)
  expect(await callApi(bed.emu, pc, 'user', { action: 'signOut' })).toEqual({ ok: true, data: { ended: true } })
  expectRefused(await me(pc))
  expectRefused(await me(phone))
  // Refused for public actions too: the app then goes on without a session.
  expectRefused(await callApi(bed.emu, pc, 'story', { action: 'feed' }))
  expect((await me(await login(bed.emu, 'demo-retired'))).data.person.name).toBeTruthy()
})

test('someone with no record yet is signed out too, and registering later does not bring that session back', async () => {
  const openid = `unregistered-${process.pid}`
  const old = await login(bed.emu, openid)
  expect((await callApi(bed.emu, old, 'user', { action: 'signOut' })).ok).toBe(true)
  expectRefused(await me(old))
  const now = await login(bed.emu, openid)
  expect((await callApi(bed.emu, now, 'user', { action: 'register', name: '新同志', orgId: 'org-branch-a1', retired: false })).ok).toBe(true)
  expectRefused(await me(old))
  expect((await me(now)).data.person.status).toBe('pending')
})

test('a role change, an approval and a rejection end the person\'s sessions', async () => {
  const member = await bed.newMember('org-branch-a1')
  const token = await login(bed.emu, member.openid)
  expect((await bed.demo['demo-admin'].call('user', 'setRole', { openid: member.openid, role: 'secretary' })).ok).toBe(true)
  expectRefused(await me(token))

  const applicant = await bed.applicant('org-branch-a1')
  const waiting = await login(bed.emu, applicant.openid)
  expect((await bed.demo['demo-secretary'].call('user', 'reject', { openid: applicant.openid, reason: '信息不全' })).ok).toBe(true)
  expectRefused(await me(waiting))
})

test('forged, tampered, malformed and expired tokens are refused, on any action', async () => {
  const genuine = await login(bed.emu, 'demo-member')
  const claim = claimOf(genuine)
  const [v, , mac] = genuine.split('.')
  const asAdmin = Buffer.from(JSON.stringify({ ...claim, o: 'demo-admin' })).toString('base64url')
  const longer = Buffer.from(JSON.stringify({ ...claim, e: claim.e + 365 * DAY })).toString('base64url')
  const forged = signSessionWith('a guess at the session key, long enough to pass', {
    openid: 'demo-admin', sessionId: 'x', issuedAt: Date.now(), expiresAt: Date.now() + DAY,
  })
  for (const token of [forged, `${v}.${asAdmin}.${mac}`, `${v}.${longer}.${mac}`, `${genuine}x`, 'v2.abc.def', 'abc', genuine.replace('v1.', 'v0.')]) {
    expectRefused(await me(token))
    expectRefused(await callApi(bed.emu, token, 'story', { action: 'feed' }))
  }
  for (const authorization of ['Basic ZGVtbzpkZW1v', 'Bearer', 'Bearer a b']) {
    const res = await fetch(`${bed.emu.url}/api/user`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: '{"action":"me"}' })
    expect(res.status).toBe(401)
    expectRefused(await res.json())
  }
  await bed.setClock(new Date(Date.now() + 7 * DAY + 60_000))
  try {
    const expired = await me(genuine)
    expectRefused(expired)
    expect(expired.message).toContain('过期')
  } finally {
    await bed.setClock(null)
  }
  expect((await me(genuine)).ok).toBe(true)
})

test('checking a session costs no database operation beyond the person\'s record the action reads anyway', async () => {
  const token = await login(bed.emu, 'demo-member')
  await me(token) // the instance has its keys
  const { result, ops } = await costOf(bed.emu, () => me(token))
  expect(result.ok).toBe(true)
  expect(ops).toBe(1)
})

test('the mini-program has no session to sign in to: WeChat vouches for its caller', async () => {
  const wx = asWeChat(bed.emu, 'demo-member')
  expect((await wx.call('user', 'signIn', { openid: 'demo-admin' })).code).toBe('FORBIDDEN')
  expect((await wx.call('user', 'me')).data.openid).toBe('demo-member')
})

test('without DEMO_LOGIN (anywhere but npm start), choosing a demo person is refused', async () => {
  const emu = await startEmulator({ seed: false, demoLogin: false })
  try {
    const res = await fetch(`${emu.url}/api/user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'signIn', openid: 'demo-admin' }) })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/演示登录/) })
  } finally {
    await emu.stop()
  }
})

// 扫码登录: the PC browser shows a login code, a registered member confirms it in the mini-program, and the browser
// collects its session exactly once. Forged, expired, reused and cancelled codes are refused in Chinese and change
// nothing; only the mini-program's WeChat identity may scan or confirm (never an H5 session); races have one winner.
import crypto from 'crypto'
import { asWeChat, costOf, fireTimer } from '../helpers/api'
import { useBed } from '../helpers/bed'
import { fromPc, loginCodeFor, phoneOf, poll } from './support'

const bed = useBed()
afterEach(() => bed.setClock(null))

const code = () => loginCodeFor(bed.emu)
const secretaryPhone = () => phoneOf(bed.emu, 'demo-secretary')
const minutes = (n: number) => n * 60_000

function expectRefused(r: { ok: boolean; code?: string; message?: string }, code: string, words?: RegExp) {
  expect(r).toMatchObject({ ok: false, code })
  expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
  if (words) expect(r.message).toMatch(words)
}

test('a login code is a random 32-character id in a URL that opens the confirm page, valid 2 minutes; the poll key is not stored', async () => {
  const before = await bed.now()
  const c = await code()
  expect(c.code).toMatch(/^[A-Za-z0-9_-]{32}$/)
  expect(c.url).toBe(`https://dangjian.example.cn/h5/#/pages/login/confirm?t=${c.code}`)
  expect(new Date(c.expiresAt).getTime() - before.getTime()).toBeGreaterThanOrEqual(minutes(2) - 1000)
  expect(new Date(c.expiresAt).getTime() - before.getTime()).toBeLessThanOrEqual(minutes(2) + 5000)
  expect(c.demoLogin).toBe(true) // the tests' emulator runs as npm start does
  const stored = await bed.stored('loginCodes', c.code)
  expect(stored).toMatchObject({ state: 'waiting', device: 'Windows 电脑 · Chrome' })
  expect(JSON.stringify(stored)).not.toContain(c.key)
  expect(await poll(bed.emu, c)).toEqual({ ok: true, data: { state: 'waiting', message: '请用先锋驿站小程序扫码' } })
})

test('scan, confirm, and the PC\'s next poll gets a session for that person, exactly once', async () => {
  const c = await code()
  const phone = secretaryPhone()
  expect(await phone.scan(c.code)).toEqual({ ok: true, data: { device: 'Windows 电脑 · Chrome', expiresAt: c.expiresAt } })
  expect((await poll(bed.emu, c)).data).toEqual({ state: 'scanned', message: '已扫码，请在手机上确认' })
  expect(await phone.confirm(c.code)).toEqual({ ok: true, data: { confirmed: true } })

  const first = await poll(bed.emu, c)
  expect(first.data).toMatchObject({ state: 'confirmed', session: { openid: 'demo-secretary' } })
  const { token } = first.data.session
  const me = await fromPc(bed.emu, { action: 'me' }, token)
  expect(me.data.person).toMatchObject({ name: expect.any(String), role: 'secretary' })
  const sessionId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).s
  expect(await bed.stored('sessions', sessionId)).toMatchObject({ openid: 'demo-secretary', via: 'scan', device: 'Windows 电脑 · Chrome' })

  // Whoever polls next (the same browser again, or anyone who read the code) gets no second session.
  expect((await poll(bed.emu, c)).data).toEqual({ state: 'used', message: '这个二维码已经用过了，请刷新后重新扫码' })
  // And the phone cannot use it again either.
  expectRefused(await phone.scan(c.code), 'ALREADY_DONE', /已确认/)
  expectRefused(await phone.confirm(c.code), 'ALREADY_DONE', /已确认/)
})

test('two polls at the moment of confirmation: one gets the session, the other is told it is used', async () => {
  const c = await code()
  const phone = secretaryPhone()
  await phone.scan(c.code)
  await phone.confirm(c.code)
  const answers = await Promise.all(Array.from({ length: 4 }, () => poll(bed.emu, c)))
  expect(answers.filter((a) => a.data?.session)).toHaveLength(1)
  expect(answers.filter((a) => a.data?.state === 'used')).toHaveLength(3)
  expect((await bed.db().collection('sessions').where({ openid: 'demo-secretary', via: 'scan' }).count()).total).toBeGreaterThanOrEqual(1)
})

test('forged codes: one never issued, a wrong poll key, a guessed key after confirmation and operator objects are refused', async () => {
  const never = crypto.randomBytes(24).toString('base64url')
  expectRefused(await secretaryPhone().scan(never), 'TOKEN_INVALID', /无效/)
  expectRefused(await secretaryPhone().confirm(never), 'TOKEN_INVALID', /无效/)
  expectRefused(await poll(bed.emu, { code: never, key: never }), 'TOKEN_INVALID', /无效/)

  // Someone who photographed the screen knows the code but not the browser's key: they cannot collect the session.
  const c = await code()
  await secretaryPhone().scan(c.code)
  await secretaryPhone().confirm(c.code)
  expectRefused(await poll(bed.emu, { code: c.code, key: crypto.randomBytes(24).toString('base64url') }), 'TOKEN_INVALID')
  expect((await bed.stored('loginCodes', c.code)).state).toBe('confirmed')
  expect((await poll(bed.emu, c)).data.session).toBeDefined()

  expectRefused(await secretaryPhone().scan({ $ne: null } as unknown as string), 'INVALID_INPUT')
  expectRefused(await poll(bed.emu, { code: c.code, key: { $exists: true } as unknown as string }), 'INVALID_INPUT')
  expectRefused(await secretaryPhone().scan('short'), 'INVALID_INPUT', /刷新/)
})

test('an expired code: the PC reads 已过期, the phone cannot scan or confirm it, and no session is handed out', async () => {
  const fresh = await code()
  const scanned = await code()
  await secretaryPhone().scan(scanned.code)
  await bed.setClock(new Date(new Date(fresh.expiresAt).getTime() + 1000))
  expect((await poll(bed.emu, fresh)).data).toEqual({ state: 'expired', message: '二维码已过期' })
  expect((await poll(bed.emu, scanned)).data.state).toBe('expired')
  expectRefused(await secretaryPhone().scan(fresh.code), 'TOKEN_EXPIRED', /已过期/)
  expectRefused(await secretaryPhone().confirm(scanned.code), 'TOKEN_EXPIRED', /已过期/)
  expect((await bed.stored('loginCodes', scanned.code)).state).toBe('scanned')
})

test('a cancelled code reads 已取消 on the PC and cannot be confirmed afterwards', async () => {
  const c = await code()
  const phone = secretaryPhone()
  await phone.scan(c.code)
  expect(await phone.cancel(c.code)).toEqual({ ok: true, data: { cancelled: true } })
  expect((await poll(bed.emu, c)).data).toEqual({ state: 'cancelled', message: '已在手机上取消登录' })
  expectRefused(await phone.confirm(c.code), 'CONFLICT', /已取消/)
  expectRefused(await phone.scan(c.code), 'CONFLICT', /已取消/)
  expect((await poll(bed.emu, c)).data.session).toBeUndefined()
})

test('an H5 session can neither scan, confirm nor cancel a code (a stolen session must not spread), and changes nothing', async () => {
  const secretaryOnPc = bed.demo['demo-secretary']
  const c = await code()
  for (const action of ['scanLogin', 'confirmLogin', 'cancelLogin']) {
    expectRefused(await secretaryOnPc.call('user', action, { code: c.code }), 'FORBIDDEN', /小程序/)
  }
  expect((await bed.stored('loginCodes', c.code)).state).toBe('waiting')
  // Scanned by the phone, still only the phone may confirm: the same person's H5 session is refused.
  await secretaryPhone().scan(c.code)
  expectRefused(await secretaryOnPc.call('user', 'confirmLogin', { code: c.code }), 'FORBIDDEN')
  expect((await bed.stored('loginCodes', c.code)).state).toBe('scanned')
  expect((await poll(bed.emu, c)).data.session).toBeUndefined()
})

test('a code scanned by one member cannot be confirmed or cancelled by another', async () => {
  const c = await code()
  await secretaryPhone().scan(c.code)
  const other = phoneOf(bed.emu, 'demo-member')
  expectRefused(await other.scan(c.code), 'CONFLICT', /别人/)
  expectRefused(await other.confirm(c.code), 'CONFLICT', /别人/)
  expectRefused(await other.cancel(c.code), 'CONFLICT', /别人/)
  expect(await bed.stored('loginCodes', c.code)).toMatchObject({ state: 'scanned', openid: 'demo-secretary' })
  // Opening it again on the phone that scanned it is fine (a reload).
  expect((await secretaryPhone().scan(c.code)).ok).toBe(true)
})

test('two phones racing: one scan wins; the same person confirming and cancelling on two phones at once gets one outcome', async () => {
  const c = await code()
  const scans = await Promise.all([secretaryPhone().scan(c.code), phoneOf(bed.emu, 'demo-member').scan(c.code)])
  expect(scans.filter((r) => r.ok)).toHaveLength(1)
  const winner = (await bed.stored('loginCodes', c.code)).openid
  const phone = phoneOf(bed.emu, winner)

  const decisions = await Promise.all([phone.confirm(c.code), phone.confirm(c.code), phone.cancel(c.code), phone.confirm(c.code)])
  expect(decisions.filter((r) => r.ok)).toHaveLength(1)
  for (const r of decisions.filter((d) => !d.ok)) expect(['ALREADY_DONE', 'CONFLICT']).toContain(r.code)
  const { state } = await bed.stored('loginCodes', c.code)
  const polled = await poll(bed.emu, c)
  if (state === 'confirmed') expect(polled.data.session.openid).toBe(winner)
  else expect(polled.data).toEqual({ state: 'cancelled', message: '已在手机上取消登录' })
})

test('the mini-program cannot ask for a login code (it needs none)', async () => {
  expectRefused(await asWeChat(bed.emu, 'demo-member').call('user', 'loginCode'), 'FORBIDDEN', /电脑/)
})

test('one address may ask for 60 codes a minute; the next is refused with when to try again, and writes nothing', async () => {
  await Promise.all(Array.from({ length: 60 }, () => code()))
  const count = async () => (await bed.db().collection('loginCodes').count()).total
  const before = await count()
  const refused = await fromPc(bed.emu, { action: 'loginCode' })
  expectRefused(refused, 'RATE_LIMITED', /分钟后再试/)
  expect(await count()).toBe(before)
})

test('waiting costs the PC one database read a second', async () => {
  const c = await code()
  const { result, ops } = await costOf(bed.emu, () => poll(bed.emu, c))
  expect(result.data.state).toBe('waiting')
  expect(ops).toBe(1)
})

test('the daily timer removes spent codes, not live ones', async () => {
  const old = await code()
  await bed.setClock(new Date(new Date(old.expiresAt).getTime() + minutes(5)))
  const live = await code()
  const run = await fireTimer(bed.emu, 'story', 'recountFigures')
  expect(run.data.sweptLoginCodes).toBeGreaterThanOrEqual(1)
  expect(await bed.stored('loginCodes', old.code)).toBeUndefined()
  expect(await bed.stored('loginCodes', live.code)).toBeDefined()
})

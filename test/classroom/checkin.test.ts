// Signing in by scanning the rotating code: the window, the late edge, the 15-second slots, forged and foreign
// tokens, the geofence — each at its edge with the emulator's clock — once per person, and what it costs.
import { signCheckInTokenWith } from '../../cloudfunctions/common/checkInToken'
import { costOf } from '../helpers/api'
import { northOf, outcome } from '../helpers/bed'
import { HALL, MINUTE, SLOT, storedClass, useTestbed } from './support'

const bed = useTestbed()

const checkIn = (who: keyof typeof bed.demo, token: string, location: unknown = HALL) =>
  bed.demo[who].call('classroom', 'checkIn', { token, ...(location ? { location } : {}) })

/** Schedules a class and moves the clock to `offsetMs` from its start; answers the class as stored. */
async function classAt(offsetMs: number, overrides: Record<string, unknown> = {}) {
  const id = await bed.schedule(overrides)
  const c = await storedClass(bed, id)
  await bed.setClock(new Date(c.start.getTime() + offsetMs))
  return c
}

describe('the sign-in window', () => {
  test('opens 30 minutes before the start, not earlier', async () => {
    const c = await classAt(-30 * MINUTE - 2000)
    expect(c.opensAt.getTime()).toBe(c.start.getTime() - 30 * MINUTE)
    const early = await checkIn('demo-member', (await bed.code(c._id)).token)
    expect(early.code).toBe('NOT_OPEN')
    expect(early.message).toMatch(/签到将于.+开放/)

    await bed.setClock(c.opensAt)
    const r = await checkIn('demo-member', (await bed.code(c._id)).token)
    expect(r).toMatchObject({ ok: true, data: { status: 'on-time', classId: c._id } })
  })

  test('the opening is set per class', async () => {
    const c = await classAt(-5 * MINUTE - 2000, { opensBefore: 5 })
    expect(outcome(await checkIn('demo-member', (await bed.code(c._id)).token))).toBe('NOT_OPEN')
    await bed.setClock(new Date(c.start.getTime() - 5 * MINUTE))
    expect(outcome(await checkIn('demo-member', (await bed.code(c._id)).token))).toBe('ok')
  })

  test('closes at the end', async () => {
    const c = await classAt(90 * MINUTE - 2000)
    const r = await checkIn('demo-member', (await bed.code(c._id)).token)
    expect(r).toMatchObject({ ok: true, data: { status: 'late' } })

    await bed.setClock(new Date(c.end.getTime() + 1))
    const after = await checkIn('demo-retired', (await bed.code(c._id)).token)
    expect(after.code).toBe('NOT_OPEN')
    expect(after.message).toMatch(/已经结束.*联系党组织书记/)
  })

  test('late after start + 10 minutes: on time at the edge, late just past it', async () => {
    const c = await classAt(10 * MINUTE - 2000)
    expect(c.lateAt.getTime()).toBe(c.start.getTime() + 10 * MINUTE)
    expect((await checkIn('demo-member', (await bed.code(c._id)).token)).data.status).toBe('on-time')
    await bed.setClock(new Date(c.lateAt.getTime() + 1))
    expect((await checkIn('demo-retired', (await bed.code(c._id)).token)).data.status).toBe('late')
  })

  test('a cancelled class takes no sign-in, and shows no code', async () => {
    const c = await classAt(0)
    const { token } = await bed.code(c._id)
    expect((await bed.demo['demo-secretary'].call('classroom', 'cancel', { classId: c._id, reason: '讲师临时有事' })).ok).toBe(true)
    const r = await checkIn('demo-member', token)
    expect(r.code).toBe('NOT_OPEN')
    expect(r.message).toMatch(/已取消/)
    expect((await bed.demo['demo-secretary'].call('classroom', 'code', { classId: c._id })).code).toBe('NOT_OPEN')
  })
})

describe('the rotating token', () => {
  test('is accepted in its slot and the next, expired after, refused before it was shown', async () => {
    const c = await classAt(0)
    const slotStart = Math.ceil((c.start.getTime() + 1000) / SLOT) * SLOT
    await bed.setClock(new Date(slotStart + 100))
    const shown = await bed.code(c._id)
    expect(new Date(shown.expiresAt).getTime()).toBe(slotStart + 2 * SLOT)
    expect(shown.token.length).toBeLessThanOrEqual(32)
    expect(shown.url).toBe(`https://dangjian.example.cn/h5/#/pages/checkin/index?t=${shown.token}`)

    await bed.setClock(new Date(slotStart + 2 * SLOT - 1500)) // the last moments of the next slot
    expect(outcome(await checkIn('demo-member', shown.token))).toBe('ok')

    await bed.setClock(new Date(slotStart + 2 * SLOT)) // two slots on
    const expired = await checkIn('demo-retired', shown.token)
    expect(expired.code).toBe('TOKEN_EXPIRED')
    expect(expired.message).toContain('请扫描大屏上最新的签到码')

    await bed.setClock(new Date(slotStart - 2000)) // before the slot it names
    expect((await checkIn('demo-retired', shown.token)).code).toBe('TOKEN_INVALID')
  })

  test('a changed, truncated, foreign or self-made token is refused as invalid, with what to do', async () => {
    const c = await classAt(0)
    const other = await bed.schedule()
    const { token } = await bed.code(c._id)
    const raw = Buffer.from(token, 'base64url')
    const flip = (i: number) => { const b = Buffer.from(raw); b[i] ^= 1; return b.toString('base64url') }
    const otherClass = Buffer.from(raw)
    Buffer.from(other, 'base64url').copy(otherClass, 1) // the other class's id under this token's signature
    const slot = raw.readUInt32BE(7)
    const key = bed.keys.CHECKIN_SECRET
    const bad = [
      flip(3), flip(10), flip(raw.length - 1), token.slice(0, -2), `${token}AA`, '', 'hello', '../../etc',
      otherClass.toString('base64url'),
      signCheckInTokenWith('a guess at the secret', 'class', c._id, slot),
      // the constant key the source used to fall back on when CHECKIN_SECRET was unset
      signCheckInTokenWith('pioneer-dev-checkin-secret--set-CHECKIN_SECRET-in-production', 'class', c._id, slot),
      signCheckInTokenWith(key, 'site', c._id, slot),
    ]
    for (const t of bad) {
      const r = await checkIn('demo-member', t)
      expect([t, r.code]).toEqual([t, 'TOKEN_INVALID'])
      expect(r.message).toContain('请扫描大屏上最新的签到码')
    }
    expect(await bed.stored('attendance', `${c._id}_demo-member`)).toBeUndefined()
    expect((await storedClass(bed, c._id)).signedIn).toBe(0)
    // The genuine one still works.
    expect(outcome(await checkIn('demo-member', token))).toBe('ok')
  })
})

describe('the geofence', () => {
  test('inside the radius signs in; a metre outside is refused with the distance', async () => {
    const c = await classAt(0)
    expect(c.geofence).toBe(300)
    const { token } = await bed.code(c._id)
    const inside = await checkIn('demo-member', token, { ...northOf(HALL, 299.5), accuracy: 30 })
    expect(outcome(inside)).toBe('ok')
    expect(Math.abs((await bed.stored('attendance', `${c._id}_demo-member`)).distance - 299.5)).toBeLessThanOrEqual(1)

    const out = await checkIn('demo-retired', token, northOf(HALL, 300.6))
    expect(out.code).toBe('OUT_OF_RANGE')
    expect(out.data).toEqual({ distance: 301, radius: 300 })
    expect(out.message).toMatch(/约 301 米.*300 米以内/)
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)
  })

  test('a radius of its own; no location where one is needed asks for it; none needed when off', async () => {
    const wide = await classAt(0, { geofence: 1000 })
    const t1 = (await bed.code(wide._id)).token
    expect(outcome(await checkIn('demo-member', t1, northOf(HALL, 999)))).toBe('ok')
    const noPlace = await checkIn('demo-retired', t1, null)
    expect(noPlace.code).toBe('INVALID_INPUT')
    expect(noPlace.fields).toEqual([{ field: 'location', message: expect.stringMatching(/允许获取您的位置/) }])

    const off = await classAt(0, { geofence: null })
    expect(off.geofence).toBeNull()
    const t2 = (await bed.code(off._id)).token
    expect(outcome(await checkIn('demo-member', t2, null))).toBe('ok')
    expect(outcome(await checkIn('demo-retired', t2, northOf(HALL, 50_000)))).toBe('ok')
  })
})

describe('once per class', () => {
  test('scanning again answers ALREADY_DONE with the first time and stores nothing', async () => {
    const c = await classAt(0)
    const { token } = await bed.code(c._id)
    const first = await checkIn('demo-member', token)
    expect(first.ok).toBe(true)
    const stored = await bed.stored('attendance', `${c._id}_demo-member`)
    for (let i = 0; i < 3; i++) {
      const again = await checkIn('demo-member', (await bed.code(c._id)).token)
      expect(again.code).toBe('ALREADY_DONE')
      expect(again.data).toEqual({ status: 'on-time', at: first.data.at })
      expect(again.message).toMatch(/已于 \d\d:\d\d:\d\d 签到/)
    }
    expect(await bed.stored('attendance', `${c._id}_demo-member`)).toEqual(stored)
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)
  })

  test('someone marked on leave who then comes and scans is signed in, and counted once', async () => {
    const c = await classAt(-20 * MINUTE)
    const mark = await bed.demo['demo-secretary'].call('classroom', 'mark', {
      classId: c._id, userId: 'demo-retired', status: 'leave', reason: '说身体不适',
    })
    expect(mark.ok).toBe(true)
    await bed.setClock(new Date(c.start.getTime() + 15 * MINUTE))
    const r = await checkIn('demo-retired', (await bed.code(c._id)).token)
    expect(r).toMatchObject({ ok: true, data: { status: 'late' } })
    const rec = await bed.stored('attendance', `${c._id}_demo-retired`)
    expect(rec).toMatchObject({ status: 'late', by: 'scan' })
    expect(rec.reason).toBeUndefined()
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)
  })

  test('only approved members sign in', async () => {
    const c = await classAt(0)
    const { token } = await bed.code(c._id)
    expect((await checkIn('demo-pending-a', token)).code).toBe('NOT_REGISTERED')
    expect((await checkIn('demo-newcomer', token)).code).toBe('NOT_REGISTERED')
    expect((await bed.anonymous.call('classroom', 'checkIn', { token })).code).toBe('UNAUTHENTICATED')
  })
})

describe('cost, read from the emulator metrics', () => {
  // The person, the class, the record, then the live count: the count follows the record (a crash between them
  // leaves it short, and the recount sets it from the records), so the count is its own, fourth, operation.
  test('a sign-in is at most 4 database operations, the read of the person included', async () => {
    const c = await classAt(5 * MINUTE)
    const { token } = await bed.code(c._id)
    const first = await costOf(bed.emu, () => checkIn('demo-member', token, northOf(HALL, 120)))
    expect(first.result.ok).toBe(true)
    expect(first.ops).toBeLessThanOrEqual(4)
    const late = await costOf(bed.emu, () => checkIn('demo-member-b', token, northOf(HALL, 10)))
    expect(late.result.ok).toBe(true)
    expect(late.ops).toBeLessThanOrEqual(4)
    // Refusals before anything is written cost the read of the person only.
    const forged = await costOf(bed.emu, () => checkIn('demo-retired', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')))
    expect(forged.result.code).toBe('TOKEN_INVALID')
    expect(forged.ops).toBe(1)
    const repeat = await costOf(bed.emu, () => checkIn('demo-member', token))
    expect(repeat.result.code).toBe('ALREADY_DONE')
    console.log(`check-in cost: first ${first.ops} ops, repeat ${repeat.ops} ops, forged token ${forged.ops} op`)
  })
})

describe('a scan counts as of its moment: the receipt', () => {
  const scan = (who: keyof typeof bed.demo, token: string) => bed.demo[who].call('classroom', 'scan', { token })
  const complete = (who: keyof typeof bed.demo, receipt: string, location: unknown = HALL) =>
    bed.demo[who].call('classroom', 'checkIn', { receipt, ...(location ? { location } : {}) })

  test('a scan names the class and says the location is needed; completed 40 s later, long after the code died, it signs in as of the scan', async () => {
    const c = await classAt(10 * MINUTE - 20_000)
    const s = await scan('demo-member', (await bed.code(c._id)).token)
    expect(s).toMatchObject({
      ok: true,
      data: { classId: c._id, title: '学习党的创新理论', orgName: '幸福里社区党委', placeName: '幸福里社区党群服务中心', needsLocation: true, guest: false },
    })
    const scannedAt = await bed.now()
    // Nothing is stored at the scan.
    expect(await bed.stored('attendance', `${c._id}_demo-member`)).toBeUndefined()
    // 40 s later the code on the screen has changed twice and the scanned one is refused; the receipt is not.
    await bed.setClock(new Date(scannedAt.getTime() + 40_000))
    const done = await complete('demo-member', s.data.receipt)
    expect(done).toMatchObject({ ok: true, data: { status: 'on-time', classId: c._id, guest: false } })
    // On time: scanned before the late edge, completed after it.
    expect(Math.abs(Date.parse(done.data.at) - scannedAt.getTime())).toBeLessThan(2_000)
    expect(await bed.stored('attendance', `${c._id}_demo-member`)).toMatchObject({ status: 'on-time', by: 'scan', distance: 0 })
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)
  })

  test('another person\'s receipt, a receipt reused after the sign-in, an expired or altered one are refused in Chinese and change nothing', async () => {
    const c = await classAt(0)
    const s = await scan('demo-member', (await bed.code(c._id)).token)
    const receipt: string = s.data.receipt

    const stolen = await complete('demo-retired', receipt)
    expect(stolen).toMatchObject({ ok: false, code: 'TOKEN_INVALID' })
    expect(stolen.message).toMatch(/属于扫码的本人，不能替别人签到/)
    expect(await bed.stored('attendance', `${c._id}_demo-retired`)).toBeUndefined()

    const raw = Buffer.from(receipt, 'base64url')
    for (const i of [1, 8, 14, raw.length - 1]) {
      const b = Buffer.from(raw)
      b[i] ^= 1
      const r = await complete('demo-member', b.toString('base64url'))
      expect([i, r.code, r.message]).toEqual([i, 'TOKEN_INVALID', expect.stringContaining('请扫描大屏上最新的签到码')])
    }
    expect(await bed.stored('attendance', `${c._id}_demo-member`)).toBeUndefined()

    expect((await complete('demo-member', receipt)).ok).toBe(true)
    const reused = await complete('demo-member', receipt)
    expect(reused).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    expect(reused.message).toMatch(/已于 \d\d:\d\d:\d\d 签到/)
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)

    // A scan left for more than three minutes has lapsed.
    const late = await scan('demo-secretary', (await bed.code(c._id)).token)
    await bed.setClock(new Date((await bed.now()).getTime() + 3 * MINUTE + 2_000))
    const expired = await complete('demo-secretary', late.data.receipt)
    expect(expired).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' })
    expect(expired.message).toMatch(/扫码已超过 3 分钟/)
    expect(await bed.stored('attendance', `${c._id}_demo-secretary`)).toBeUndefined()
    expect((await storedClass(bed, c._id)).signedIn).toBe(1)
  })

  test('the scan reads the code as the sign-in did: expired, forged, closed and repeated scans are told at once', async () => {
    const c = await classAt(0)
    const { token } = await bed.code(c._id)
    expect((await scan('demo-member', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).code).toBe('TOKEN_INVALID')
    await bed.setClock(new Date((await bed.now()).getTime() + 2 * SLOT))
    expect((await scan('demo-member', token)).code).toBe('TOKEN_EXPIRED')
    expect((await checkIn('demo-member', (await bed.code(c._id)).token)).ok).toBe(true)
    const again = await scan('demo-member', (await bed.code(c._id)).token)
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_DONE' })
    const cheap = await costOf(bed.emu, () => scan('demo-retired', token))
    expect(cheap.result.code).toBe('TOKEN_EXPIRED')
    expect(cheap.ops).toBe(1)
    // A scan is three operations: the person, the class, their record (a repeat is told before any location step).
    const fresh = (await bed.code(c._id)).token
    const fine = await costOf(bed.emu, () => scan('demo-retired', fresh))
    expect(fine.result.ok).toBe(true)
    expect(fine.ops).toBeLessThanOrEqual(3)
    await bed.setClock(new Date(c.end.getTime() + MINUTE))
    expect((await scan('demo-secretary', (await bed.code(c._id)).token)).code).toBe('NOT_OPEN')
  })

  test('a member of another community scanning a class not open to the district is told they sign in as 列席', async () => {
    const c = await classAt(0)
    const s = await scan('demo-member-b', (await bed.code(c._id)).token)
    expect(s).toMatchObject({ ok: true, data: { guest: true } })
    expect(await complete('demo-member-b', s.data.receipt)).toMatchObject({ ok: true, data: { guest: true } })
    expect(await storedClass(bed, c._id)).toMatchObject({ signedIn: 0, guests: 1 })
  })
})

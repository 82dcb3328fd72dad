// 200 members sign in at once, each scanning three more times while the first scan is in flight (a flaky network,
// an impatient thumb): exactly 200 records, none lost, none doubled, and the live count on the screen says 200.
// The 200 members are written straight into `users` as approved through the SDK (registering and approving 200
// people through the user function would test the user function, not this).
import type { ApiAnswer } from '../helpers/api'
import { SLOT, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(180_000)

test('200 members × 4 concurrent scans → 200 records and a live count of 200', async () => {
  const members = await bed.members(200, 'org-branch-a1')
  const now = await bed.now()
  const classId = await bed.schedule({ start: now.toISOString(), geofence: null })
  // A moment well inside a 15-second slot, after the start.
  const scanAt = new Date((Math.floor(now.getTime() / SLOT) + 1) * SLOT + 5000)
  await bed.setClock(scanAt)

  // 800 requests queue for the emulator's eight instances of the function for longer than a token lives (30 s): the
  // clock is held at the moment of the scan while they drain, so what is measured is exactness, not throughput.
  const { token } = await bed.code(classId)
  const hold = setInterval(() => {
    bed.setClock(scanAt).catch(() => { /* the next tick sets it again */ })
  }, 200)
  let answers: ApiAnswer[]
  try {
    answers = await Promise.all(members.flatMap((m) => Array.from({ length: 4 }, () => m.call('classroom', 'checkIn', { token }))))
  } finally {
    clearInterval(hold)
  }

  const byCode = answers.reduce<Record<string, number>>((acc, a) => {
    const k = a.ok ? 'ok' : a.code!
    acc[k] = (acc[k] ?? 0) + 1
    return acc
  }, {})
  expect(byCode).toEqual({ ok: 200, ALREADY_DONE: 600 })
  // Each person's one success and their three repeats agree on the time.
  for (let i = 0; i < members.length; i++) {
    const mine = answers.slice(i * 4, i * 4 + 4)
    const first = mine.find((a) => a.ok)!
    for (const a of mine.filter((x) => !x.ok)) expect(a.data.at).toBe(first.data.at)
  }

  const { total } = await bed.db().collection('attendance').where({ classId }).count()
  expect(total).toBe(200)
  const live = await bed.code(classId)
  expect(live.signedIn).toBe(200)
  expect(live.latest).toHaveLength(5)
  const list = await bed.demo['demo-secretary'].call('classroom', 'attendance', { classId })
  expect(list.data.signedIn).toBe(200)
  expect(new Set(list.data.items.filter((i: any) => i.status === 'on-time').map((i: any) => i.userId)).size).toBe(200)
})

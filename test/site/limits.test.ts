// Bookings are rate-limited per person: 20 an hour. The call over the limit answers RATE_LIMITED in Chinese, saying
// when to try again, and books nothing.
import { at, bookingInput, MONDAY, useTestbed } from './support'

const bed = useTestbed()

test('a secretary books at most 20 times an hour; the 21st is refused and holds no slot', async () => {
  await bed.setClock(at(MONDAY, '10:15'))
  const siteId = await bed.site({ name: '限流测试基地' })
  const secretary = bed.demo['demo-secretary']
  const slots = async () => (await bed.db().collection('siteSlots').where({ siteId }).count()).total
  const answers = []
  for (let i = 0; i < 20; i++) {
    const hour = 8 + (i % 10)
    const date = i < 10 ? '2030-03-05' : '2030-03-06'
    answers.push(await secretary.call('site', 'book', bookingInput(siteId, { date, start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour).padStart(2, '0')}:30`, headcount: 5 })))
  }
  expect(answers.filter((a) => a.code === 'RATE_LIMITED')).toEqual([])
  const held = await slots()
  const refused = await secretary.call('site', 'book', bookingInput(siteId, { date: '2030-03-07', start: '09:00', end: '10:00', headcount: 5 }))
  expect(refused).toEqual({ ok: false, code: 'RATE_LIMITED', message: '操作太频繁，请 45 分钟后再试' })
  expect(await slots()).toBe(held)
  // Another secretary is not held back; the same one books again in the next hour.
  expect((await bed.demo['demo-secretary-b'].call('site', 'book', bookingInput(siteId, { date: '2030-03-07', start: '09:00', end: '10:00', headcount: 5 }))).ok).toBe(true)
  await bed.setClock(at(MONDAY, '11:00'))
  expect((await secretary.call('site', 'book', bookingInput(siteId, { date: '2030-03-07', start: '10:00', end: '11:00', headcount: 5 }))).ok).toBe(true)
})

// Case deadlines count working days in Shanghai: weekends skipped, official holidays skipped, make-up Saturdays and
// Sundays (调休上班) counted. Pure rules, no emulator.
import { addWorkdays, deadlineAsOf, isWorkday, workdaysBetween } from '../../cloudfunctions/studio/workdays'
import { receipt } from '../../cloudfunctions/studio/model'

test('15 working days from a Monday is the Monday three weeks on (two weekends skipped)', () => {
  expect(addWorkdays('2026-12-07', 15)).toBe('2026-12-28')
})

test('a case received on a Friday evening starts counting on Monday', () => {
  expect(addWorkdays('2026-12-04', 1)).toBe('2026-12-07')
  expect(addWorkdays('2026-12-05', 1)).toBe('2026-12-07') // a Saturday
})

test('the receipt day is taken in Shanghai: 23:30 UTC on a Sunday is already Monday there', () => {
  const r = receipt(new Date('2026-12-06T23:30:00Z'))
  expect(r.receivedDate).toBe('2026-12-07')
  expect(r.deadlineDate).toBe('2026-12-28')
  expect(r.deadlineAt.toISOString()).toBe('2026-12-28T16:00:00.000Z') // the end of the day in Shanghai
})

test('国庆 2026: the holiday week is skipped and the make-up Saturday 10-10 counts', () => {
  expect(isWorkday('2026-10-01')).toBe(false)
  expect(isWorkday('2026-10-10')).toBe(true)
  expect(isWorkday('2026-09-20')).toBe(true) // a Sunday worked before the holiday
  expect(isWorkday('2026-09-25')).toBe(false) // 中秋, a Friday
  // Thursday 24 September: 9-28..30 (3), 10-8, 10-9 (5), 10-10 (6), 10-12..16 (11), 10-19..22 (15).
  expect(addWorkdays('2026-09-24', 15)).toBe('2026-10-22')
})

test('春节 2026: nine days off, and the Saturdays 2-14 and 2-28 are working days', () => {
  expect(['2026-02-16', '2026-02-20', '2026-02-23'].map(isWorkday)).toEqual([false, false, false])
  expect(['2026-02-14', '2026-02-28'].map(isWorkday)).toEqual([true, true])
  // Friday 13 February: 2-14 (1), 2-24..27 (5), 2-28 (6), 3-2..6 (11), 3-9..12 (15).
  expect(addWorkdays('2026-02-13', 15)).toBe('2026-03-12')
})

test('what an open case shows: working days left, due today, or calendar days overdue', () => {
  expect(deadlineAsOf('2026-12-28', '2026-12-07')).toMatchObject({ overdue: false, days: 15, label: '剩 15 个工作日' })
  expect(deadlineAsOf('2026-12-28', '2026-12-26')).toMatchObject({ overdue: false, days: 1, label: '剩 1 个工作日' })
  expect(deadlineAsOf('2026-12-28', '2026-12-28')).toMatchObject({ overdue: false, days: 0, label: '今天到期' })
  expect(deadlineAsOf('2026-12-28', '2026-12-30')).toMatchObject({ overdue: true, days: 2, label: '已超期 2 天' })
  expect(workdaysBetween('2026-12-25', '2026-12-28')).toBe(1)
})

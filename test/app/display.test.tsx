// What a person reads that is computed in the app: organisation paths, dates in Beijing time, labels and masks
// (the contract's own).
import type { Org } from '../../contract/user'
import { asSentence, maskPhone } from '@/services'
import { formatDay, formatDayTime } from '@/utils/time'
import { orgOptions } from '@/utils/orgTree'

const org = (id: string, name: string, parentId: string | null, type: Org['type'] = 'community'): Org =>
  ({ id, name, type, parentId, path: [] })

describe('organisation picker entries', () => {
  test('are in tree order and named by their path, without the district when it is the one root', () => {
    const options = orgOptions([
      org('c-b', '社区B', 's-1'),
      org('d', '示范区委', null, 'district'),
      org('b-1', '第一支部', 'c-a', 'branch'),
      org('s-1', '东湖街道', 'd', 'street'),
      org('c-a', '社区A', 's-1'),
      org('s-2', '西山街道', 'd', 'street'),
    ])
    expect(options.map((o) => o.label)).toEqual([
      '示范区委', '东湖街道', '东湖街道 / 社区B', '东湖街道 / 社区A', '东湖街道 / 社区A / 第一支部', '西山街道',
    ])
    expect(options.map((o) => o.depth)).toEqual([0, 1, 2, 2, 3, 1])
  })

  test('an organisation whose parent is not in the list still appears, as a top-level entry', () => {
    expect(orgOptions([org('c-a', '社区A', 'somewhere-else')]).map((o) => o.label)).toEqual(['社区A'])
  })
})

describe('dates', () => {
  test('read like 11月27日 周五, in Beijing time whatever the zone of the device', () => {
    expect(formatDay('2026-11-27T02:00:00.000Z')).toBe('11月27日 周五')
    // 17:30 UTC on the 26th is already half past one on the 27th in Beijing.
    expect(formatDay('2026-11-26T17:30:00.000Z')).toBe('11月27日 周五')
    expect(formatDayTime('2026-11-26T17:30:00.000Z')).toBe('11月27日 周五 01:30')
  })
})

describe('a typed reason quoted in a sentence', () => {
  test('ends with one 「。」 whether or not the person typed one, and keeps their own 「！」 or 「？」', () => {
    expect(asSentence('场地另有安排')).toBe('场地另有安排。')
    expect(asSentence('场地另有安排。 ')).toBe('场地另有安排。')
    expect(asSentence('场地另有安排.')).toBe('场地另有安排。')
    expect(asSentence('请补充照片！')).toBe('请补充照片！')
    expect(asSentence('时间对吗？')).toBe('时间对吗？')
  })
})

describe('phone masks', () => {
  test('only the first three and last four digits show', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone(undefined)).toBeUndefined()
  })
})

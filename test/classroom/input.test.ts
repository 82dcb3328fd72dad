// Bad input is refused in Chinese, naming the field, before anything is read or written (metrics total 0); rules that
// need the stored class (times against the clock, a lecturer from another roster) are refused before any write.
import { metrics, resetMetrics } from '../helpers/api'
import { runBadInput } from '../helpers/badInput'
import { classInput, HALL, MINUTE, useTestbed } from './support'

const bed = useTestbed()

const start = new Date(Date.now() + 24 * 3600_000)
const good = classInput(start)
const iso = (ms: number) => new Date(start.getTime() + ms).toISOString()

runBadInput(bed, 'classroom', [
  ['create', { ...good, title: undefined }, 'title'],
  ['create', { ...good, title: '课'.repeat(31) }, 'title'],
  ['create', { ...good, title: '   ' }, 'title'],
  ['create', { ...good, topic: 5 }, 'topic'],
  ['create', { ...good, category: '娱乐' }, 'category'],
  ['create', { ...good, category: { $ne: null } }, 'category'],
  ['create', { ...good, lecturer: undefined }, 'lecturer'],
  ['create', { ...good, lecturer: {} }, 'lecturer.name'],
  ['create', { ...good, lecturer: { id: 'lect-district-zhou', name: '周立新' } }, 'lecturer.name'],
  ['create', { ...good, lecturer: { id: { $exists: true } } }, 'lecturer.id'],
  ['create', { ...good, place: undefined }, 'place'],
  ['create', { ...good, place: { name: '礼堂', location: { lat: 91, lng: 114 } } }, 'place.location.lat'],
  ['create', { ...good, place: { name: '礼堂', location: { lat: '30', lng: 114 } } }, 'place.location.lat'],
  ['create', { ...good, place: { name: '礼堂', siteId: { $gt: '' } } }, 'place.siteId'],
  ['create', { ...good, start: '明天下午' }, 'start'],
  ['create', { ...good, start: '2031-04-01 14:00' }, 'start'],
  ['create', { ...good, start: 1_900_000_000_000 }, 'start'],
  ['create', { ...good, end: good.start }, 'end'],
  ['create', { ...good, end: iso(-MINUTE) }, 'end'],
  ['create', { ...good, end: iso(13 * 3600_000) }, 'end'],
  ['create', { ...good, geofence: 49 }, 'geofence'],
  ['create', { ...good, geofence: 3001 }, 'geofence'],
  ['create', { ...good, geofence: 300.5 }, 'geofence'],
  ['create', { ...good, geofence: 300, place: { name: '礼堂' } }, 'geofence'],
  ['create', { ...good, opensBefore: -1 }, 'opensBefore'],
  ['create', { ...good, opensBefore: 181 }, 'opensBefore'],
  ['create', { ...good, expected: 0 }, 'expected'],
  ['create', { ...good, capacity: '50' }, 'capacity'],
  ['create', { ...good, openToAll: 'yes' }, 'openToAll'],
  ['create', { ...good, signedIn: 100 }, 'signedIn'],
  ['create', { ...good, orgId: { $in: ['org-community-b'] } }, 'orgId'],
  ['update', { title: '新名称' }, 'classId'],
  ['update', { classId: 'demoUpcA' }, 'classId'],
  ['update', { classId: 'demoUpcA', start: iso(0), end: iso(-MINUTE) }, 'end'],
  ['update', { classId: 'demoUpcA', status: 'cancelled' }, 'status'],
  ['cancel', { classId: 'demoUpcA' }, 'reason'],
  ['cancel', { classId: { $ne: null }, reason: '改期' }, 'classId'],
  ['get', {}, 'classId'],
  ['get', { classId: ['demoNowA'] }, 'classId'],
  ['list', { from: 'yesterday' }, 'from'],
  ['list', { from: iso(0), to: iso(-MINUTE) }, 'to'],
  ['list', { orgId: { $regex: '.*' } }, 'orgId'],
  ['list', { cursor: { $gt: '' } }, 'cursor'],
  ['lecturers', { save: { title: '讲师' } }, 'save.name'],
  ['lecturers', { save: { name: '王老师', topics: '党史' } }, 'save.topics'],
  ['lecturers', { save: { name: '王老师', topics: Array(11).fill('党史') } }, 'save.topics'],
  ['lecturers', { save: { name: '王老师' }, remove: 'lect-community-a-li' }, 'remove'],
  ['code', { classId: 'x'.repeat(65) }, 'classId'],
  ['checkIn', {}, 'token'],
  ['checkIn', { token: { $ne: null } }, 'token'],
  ['checkIn', { token: 'x'.repeat(201) }, 'token'],
  ['checkIn', { token: 'abc', location: { lat: 30.5, lng: 200 } }, 'location.lng'],
  ['checkIn', { token: 'abc', location: { lat: 30.5, lng: 114, accuracy: -1 } }, 'location.accuracy'],
  ['checkIn', { token: 'abc', location: [30.5, 114] }, 'location'],
  ['checkIn', { token: 'abc', classId: 'demoNowA' }, 'classId'],
  ['mark', { classId: 'demoNowA', userId: 'demo-member', status: 'late', reason: '迟到' }, 'status'],
  ['mark', { classId: 'demoNowA', userId: 'demo-member', status: 'present' }, 'reason'],
  ['mark', { classId: 'demoNowA', userId: 'demo-member', status: 'present', reason: '因'.repeat(201) }, 'reason'],
  ['mark', { classId: 'demoNowA', userId: { $ne: null }, status: 'present', reason: '手工' }, 'userId'],
  ['attendance', { classId: null }, 'classId'],
  ['export', { classId: 42 }, 'classId'],
  ['coverage', { month: '2026-13' }, 'month'],
  ['coverage', { month: '2026/11' }, 'month'],
  ['coverage', { orgId: { $in: ['org-district'] } }, 'orgId'],
  ['mine', { year: '2026' }, 'year'],
  ['mine', { year: 1999 }, 'year'],
  ['mine', { openid: 'demo-retired' }, 'openid'],
])

describe('rules that need the clock or the stored data are refused before any write', () => {
  const writes = async () => {
    const { byAction } = await metrics(bed.emu)
    return (byAction['database.insertDocument'] ?? 0) + (byAction['database.modifyDocument'] ?? 0)
  }

  test.each([
    ['a class that has already ended', { start: new Date(Date.now() - 3 * 3600_000).toISOString(), end: new Date(Date.now() - 3600_000).toISOString() }, 'end'],
    ['a class more than a year ahead', { start: new Date(Date.now() + 400 * 86400_000).toISOString(), end: new Date(Date.now() + 400 * 86400_000 + 3600_000).toISOString() }, 'start'],
    ['a lecturer from another community\'s roster', { lecturer: { id: 'lect-community-b-gao' } }, 'lecturer.id'],
    ['a lecturer who does not exist', { lecturer: { id: 'lect-nobody' } }, 'lecturer.id'],
  ])('%s', async (_what, overrides, field) => {
    await resetMetrics(bed.emu)
    const r = await bed.demo['demo-secretary'].call('classroom', 'create', { ...good, ...overrides })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field }] })
    expect(await writes()).toBe(0)
  })

  test('the geofence: none for a place without a location, a radius of its own up to 3000 m', async () => {
    const r = await bed.demo['demo-secretary'].call('classroom', 'create', { ...good, place: { name: '社区小礼堂' } })
    expect(r.ok).toBe(true)
    expect((await bed.stored('classes', r.data.id)).geofence).toBeNull()
    const wide = await bed.demo['demo-secretary'].call('classroom', 'create', { ...good, geofence: 3000, place: { name: '广场', location: HALL } })
    expect((await bed.stored('classes', wide.data.id)).geofence).toBe(3000)
  })
})

// The directory: the nearby list (nearest first, with distances, one geo query), its filters and pages, a site's
// page (today's hours, the week, the contact masked for all but its managers, the printable code for managers), and
// who may register and edit a site.
import { costOf } from '../helpers/api'
import { H5_BASE, northOf } from '../helpers/bed'
import { at, MONDAY, PLACE, SEEDED, siteInput, useTestbed } from './support'

const bed = useTestbed()

const EARTH_RADIUS_M = 6_371_008.8
function haversine(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

describe('the nearby list', () => {
  const here = northOf(SEEDED.books, 40)

  test('is nearest first, with each distance in metres, in one database operation for anyone', async () => {
    const { result, ops } = await costOf(bed.emu, () => bed.anonymous.call('site', 'list', { near: here }))
    expect(result.ok).toBe(true)
    expect(ops).toBe(1)
    const items = result.data.items
    expect(items.map((s: any) => s.id)).toEqual([
      SEEDED.books.id, SEEDED.hub.id, SEEDED.studio.id, SEEDED.center.id, SEEDED.heping.id, SEEDED.changqing.id,
      SEEDED.chunhuiBooks.id, SEEDED.chunhuiHub.id, SEEDED.cuiliuHub.id,
    ])
    for (const s of items) {
      const seeded = Object.values(SEEDED).find((x) => x.id === s.id)!
      expect(Math.abs(s.distance - haversine(here, seeded))).toBeLessThanOrEqual(1)
      expect(s.location).toEqual({ lat: seeded.lat, lng: seeded.lng })
    }
    expect(items[0].distance).toBe(40)
    const distances = items.map((s: any) => s.distance)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(result.data.nextCursor).toBeNull()
  })

  test('costs a signed-in member at most two database operations', async () => {
    const { result, ops } = await costOf(bed.emu, () => bed.demo['demo-member'].call('site', 'list', { near: here }))
    expect(result.data.items[0].id).toBe(SEEDED.books.id)
    expect(ops).toBeLessThanOrEqual(2)
  })

  test('without a location is ordered by type, then name, with no distances', async () => {
    const r = await bed.anonymous.call('site', 'list', {})
    expect(r.data.items).toHaveLength(9)
    expect(r.data.items.every((s: any) => s.distance === undefined)).toBe(true)
    const types = r.data.items.map((s: any) => s.type)
    expect([...types].sort()).toEqual(types)
  })

  test('filters by type and by facility', async () => {
    const libraries = await bed.anonymous.call('site', 'list', { type: 'library', near: here })
    expect(libraries.data.items.map((s: any) => s.id)).toEqual([SEEDED.books.id, SEEDED.changqing.id, SEEDED.chunhuiBooks.id])
    const parking = await bed.anonymous.call('site', 'list', { facility: 'parking', near: here })
    expect(parking.data.items.map((s: any) => s.id)).toEqual([SEEDED.center.id, SEEDED.heping.id])
  })

  test('"open now" follows each site\'s weekly hours at this moment', async () => {
    await bed.setClock(at(MONDAY, '10:00'))
    const morning = await bed.anonymous.call('site', 'list', { openNow: true, near: here })
    // Monday: 和平 is closed all day, the studio opens at 14:00, 长青 Tuesday to Sunday; the book room never closes;
    // 南湖街道's three open on weekdays 09:00–12:00 and 14:00–17:30.
    expect(morning.data.items.map((s: any) => s.id)).toEqual([
      SEEDED.books.id, SEEDED.hub.id, SEEDED.center.id, SEEDED.chunhuiBooks.id, SEEDED.chunhuiHub.id, SEEDED.cuiliuHub.id,
    ])
    expect(morning.data.items.every((s: any) => s.openNow)).toBe(true)
    await bed.setClock(at(MONDAY, '12:30'))
    const lunch = await bed.anonymous.call('site', 'list', { openNow: true, near: here })
    expect(lunch.data.items.map((s: any) => s.id)).toEqual([SEEDED.books.id, SEEDED.center.id])
    const all = await bed.anonymous.call('site', 'list', { near: here })
    const hub = all.data.items.find((s: any) => s.id === SEEDED.hub.id)
    expect(hub).toMatchObject({ openNow: false, todayHours: '今日08:30–12:00、14:00–17:30' })
    expect(all.data.items[0]).toMatchObject({ id: SEEDED.books.id, openNow: true, todayHours: '今日全天开放' })
    await bed.setClock(at(MONDAY, '10:00'))
  })

  test('"open now" leaves out a site on its closed date', async () => {
    const spot = { lat: 30.61, lng: 114.41 }
    const id = await bed.site({ name: '周五闭馆的阵地', location: spot }) // closed on Friday 2030-03-08
    const openIds = async () => (await bed.anonymous.call('site', 'list', { openNow: true, near: spot })).data.items.map((s: any) => s.id)
    try {
      await bed.setClock(at('2030-03-07', '10:00'))
      expect(await openIds()).toContain(id)
      await bed.setClock(at('2030-03-08', '10:00'))
      expect(await openIds()).not.toContain(id)
      expect((await bed.anonymous.call('site', 'get', { id })).data).toMatchObject({ openNow: false, todayHours: '今日不开放' })
    } finally {
      await bed.setClock(at(MONDAY, '10:00'))
      await bed.demo['demo-secretary'].call('site', 'update', { id, active: false })
    }
  })

  test('pages through many sites without repeating or skipping one', async () => {
    const far = { lat: 30.6, lng: 114.5 }
    for (let i = 0; i < 23; i++) {
      await bed.site({ type: 'studio', name: `党代表工作室${String(i).padStart(2, '0')}`, location: northOf(far, 100 * (i + 1)) })
    }
    const first = await bed.anonymous.call('site', 'list', { type: 'studio', near: far })
    expect(first.data.items).toHaveLength(20)
    expect(first.data.nextCursor).toBe('20')
    const second = await bed.anonymous.call('site', 'list', { type: 'studio', near: far, cursor: first.data.nextCursor })
    const all = [...first.data.items, ...second.data.items]
    expect(all).toHaveLength(24) // 23 here and the seeded one
    expect(new Set(all.map((s: any) => s.id)).size).toBe(24)
    const distances = all.map((s: any) => s.distance)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(second.data.nextCursor).toBeNull()
  })
})

describe('a site page', () => {
  let siteId: string
  beforeAll(async () => { siteId = await bed.site({ name: '幸福里测试基地' }) })

  test('shows today\'s hours, the week with its closed date, and the service phone in full to members and visitors', async () => {
    for (const caller of [bed.anonymous, bed.demo['demo-member'], bed.demo['demo-secretary-b']]) {
      const { result, ops } = await costOf(bed.emu, () => caller.call('site', 'get', { id: siteId }))
      expect(ops).toBeLessThanOrEqual(2)
      expect(result.data).toMatchObject({
        id: siteId, name: '幸福里测试基地', openNow: true, todayHours: '今日09:00–12:00、14:00–17:30',
        contact: { name: '李芳', phone: '13912345678' }, canManage: false, closedDates: ['2030-03-08'],
        facilities: ['projector', 'meetingRoom'], capacity: 30,
      })
      expect(result.data.checkIn).toBeUndefined()
      expect(result.data.week.map((d: any) => [d.label, d.hours])).toEqual([
        ['3月4日 周一', '09:00–12:00、14:00–17:30'],
        ['3月5日 周二', '09:00–12:00、14:00–17:30'],
        ['3月6日 周三', '09:00–12:00、14:00–17:30'],
        ['3月7日 周四', '09:00–12:00、14:00–17:30'],
        ['3月8日 周五', '不开放'],
        ['3月9日 周六', '09:00–12:00'],
        ['3月10日 周日', '不开放'],
      ])
    }
  })

  test('shows its managers the printable check-in code', async () => {
    for (const manager of [bed.demo['demo-secretary'], bed.demo['demo-admin']]) {
      const r = await manager.call('site', 'get', { id: siteId })
      expect(r.data.canManage).toBe(true)
      expect(r.data.contact.phone).toBe('13912345678')
      expect(r.data.checkIn.url).toBe(`${H5_BASE}/#/pages/site/visit?t=${r.data.checkIn.token}`)
    }
  })

  test('of a site that does not exist is NOT_FOUND', async () => {
    expect((await bed.anonymous.call('site', 'get', { id: 'no-such-site' })).code).toBe('NOT_FOUND')
  })
})

describe('who registers and edits sites', () => {
  test('a secretary registers a site for their organisation; members cannot; nor for another community', async () => {
    const made = await bed.demo['demo-secretary'].call('site', 'create', siteInput({ name: '新登记的阵地' }))
    expect(made.ok).toBe(true)
    const page = await bed.anonymous.call('site', 'get', { id: made.data.id })
    expect(page.data).toMatchObject({ managingOrgId: 'org-community-a', managingOrgName: '幸福里社区党委', active: true })
    expect((await bed.demo['demo-member'].call('site', 'create', siteInput())).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-pending-a'].call('site', 'create', siteInput())).code).toBe('NOT_REGISTERED')
    expect((await bed.anonymous.call('site', 'create', siteInput())).code).toBe('UNAUTHENTICATED')
    expect((await bed.demo['demo-secretary'].call('site', 'create', siteInput({ managingOrgId: 'org-community-b' }))).code).toBe('FORBIDDEN')
  })

  test('the district office names the managing organisation', async () => {
    const none = await bed.demo['demo-admin'].call('site', 'create', siteInput())
    expect(none).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'managingOrgId' }] })
    const street = await bed.demo['demo-admin'].call('site', 'create', siteInput({ name: '街道阵地', managingOrgId: 'org-street-donghu' }))
    expect(street.ok).toBe(true)
    // Community A is under the street, but its secretary manages community A only.
    const r = await bed.demo['demo-secretary'].call('site', 'update', { id: street.data.id, capacity: 10 })
    expect(r.code).toBe('FORBIDDEN')
  })

  test('its manager edits it; the other community\'s secretary and members cannot', async () => {
    const id = await bed.site({ name: '待修改的阵地' })
    const moved = northOf(SEEDED.heping, 10)
    expect((await bed.demo['demo-secretary-b'].call('site', 'update', { id, capacity: 5 })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-member'].call('site', 'update', { id, capacity: 5 })).code).toBe('FORBIDDEN')
    const r = await bed.demo['demo-secretary'].call('site', 'update', {
      id, capacity: 45, location: moved, hours: [{ day: 1, start: '08:00', end: '20:00' }], level: 'district',
      contact: { name: '王老师', phone: '027-86660000' },
    })
    expect(r).toEqual({ ok: true, data: { id } })
    const page = await bed.demo['demo-secretary'].call('site', 'get', { id })
    expect(page.data).toMatchObject({
      capacity: 45, level: 'district', location: moved, hours: [{ day: 1, start: '08:00', end: '20:00' }],
      contact: { name: '王老师', phone: '027-86660000' }, todayHours: '今日08:00–20:00',
    })
    const near = await bed.anonymous.call('site', 'list', { near: { lat: SEEDED.heping.lat, lng: SEEDED.heping.lng } })
    expect(near.data.items.slice(0, 2).map((s: any) => [s.id, s.distance])).toEqual([[SEEDED.heping.id, 0], [id, 10]])
    expect((await bed.demo['demo-admin'].call('site', 'update', { id, level: null })).ok).toBe(true)
    expect((await bed.anonymous.call('site', 'get', { id })).data.level).toBeNull()
  })

  test('a site closed down leaves the directory but stays in its managers\' list', async () => {
    const id = await bed.site({ name: '将停止开放的阵地', type: 'library' })
    expect((await bed.anonymous.call('site', 'list', { type: 'library' })).data.items.map((s: any) => s.id)).toContain(id)
    expect((await bed.demo['demo-secretary'].call('site', 'update', { id, active: false })).ok).toBe(true)
    expect((await bed.anonymous.call('site', 'list', { type: 'library' })).data.items.map((s: any) => s.id)).not.toContain(id)
    const managed = await bed.demo['demo-secretary'].call('site', 'list', { managed: true, type: 'library' })
    expect(managed.data.items.map((s: any) => [s.id, s.active])).toContainEqual([id, false])
    expect(managed.data.items.map((s: any) => s.id)).toContain(SEEDED.books.id)
    expect(managed.data.items.map((s: any) => s.id)).not.toContain(SEEDED.changqing.id)
    expect((await bed.anonymous.call('site', 'get', { id })).data).toMatchObject({ active: false, openNow: false, todayHours: '已停止开放' })
  })

  test('only secretaries and the district office list the sites they manage', async () => {
    expect((await bed.demo['demo-member'].call('site', 'list', { managed: true })).code).toBe('FORBIDDEN')
    expect((await bed.anonymous.call('site', 'list', { managed: true })).code).toBe('FORBIDDEN')
    const b = await bed.demo['demo-secretary-b'].call('site', 'list', { managed: true })
    expect(b.data.items.map((s: any) => s.id)).toEqual([SEEDED.heping.id])
    const all = await bed.demo['demo-admin'].call('site', 'list', { managed: true, type: 'center' })
    expect(all.data.items.map((s: any) => s.id).sort()).toEqual([SEEDED.center.id, SEEDED.hub.id, SEEDED.chunhuiHub.id, SEEDED.cuiliuHub.id].sort())
  })

  test('renewing the code retires the printed one: a scan of it is stale', async () => {
    const id = await bed.site({ name: '换码的阵地' })
    const old = await bed.token(id)
    expect((await bed.demo['demo-member'].call('site', 'visit', { token: old, location: PLACE })).ok).toBe(true)
    expect((await bed.demo['demo-secretary'].call('site', 'update', { id, renewCode: true })).ok).toBe(true)
    const fresh = await bed.token(id)
    expect(fresh).not.toBe(old)
    expect(await bed.demo['demo-retired'].call('site', 'visit', { token: old, location: PLACE })).toMatchObject({
      ok: false, code: 'TOKEN_EXPIRED', message: '换码的阵地的签到码已经更换，这个旧码不能再签到，请扫描阵地现场张贴的签到码',
    })
    expect((await bed.demo['demo-retired'].call('site', 'visit', { token: fresh, location: PLACE })).ok).toBe(true)
  })
})

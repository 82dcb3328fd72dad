// Classes and the lecturer roster: scheduling, editing (one edit wins at a time), cancelling, what each member sees
// in the lists (their organisations' classes and those open to all, upcoming and past), the class page.
import { outcome } from '../helpers/bed'
import { classInput, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()

const ids = (r: any) => r.data.items.map((i: any) => i.id)

describe('scheduling', () => {
  test('a class gets a short id, its organisation, the expected members, and its sign-in times', async () => {
    const start = new Date((await bed.now()).getTime() + 2 * 3600_000)
    const r = await bed.demo['demo-secretary'].call('classroom', 'create', classInput(start, { opensBefore: 45, capacity: 80 }))
    expect(r.ok).toBe(true)
    expect(r.data.id).toMatch(/^[A-Za-z0-9_-]{8}$/)
    const c = await storedClass(bed, r.data.id)
    expect(c).toMatchObject({
      orgId: 'org-community-a', orgPath: ['org-district', 'org-street-donghu', 'org-community-a'], orgName: '幸福里社区党委',
      expected: 3, expectedByDefault: true, geofence: 300, capacity: 80, openToAll: false, status: 'scheduled',
      signedIn: 0, settled: false, version: 1, lecturer: { name: '周立新', title: '区委党校副教授' },
    })
    expect(c.opensAt.getTime()).toBe(start.getTime() - 45 * MINUTE)
    expect(c.lateAt.getTime()).toBe(start.getTime() + 10 * MINUTE)

    const page = await bed.demo['demo-member'].call('classroom', 'get', { classId: r.data.id })
    expect(page.data).toMatchObject({
      id: r.data.id, title: '学习党的创新理论', state: 'upcoming', geofence: 300, canManage: false, expected: 3, signedIn: 0,
      opensAt: c.opensAt.toISOString(), lateAt: c.lateAt.toISOString(), lecturer: { name: '周立新' },
    })
    expect(page.data.mine).toBeUndefined()
  })

  test('a lecturer picked from the roster is kept with the class; the district office schedules for anyone', async () => {
    const start = new Date((await bed.now()).getTime() + 3600_000)
    const r = await bed.demo['demo-admin'].call('classroom', 'create', {
      ...classInput(start, { lecturer: { id: 'lect-district-han' }, openToAll: true, expected: 500 }), orgId: 'org-community-b',
    })
    expect(r.ok).toBe(true)
    expect(await bed.stored('classes', r.data.id)).toMatchObject({
      orgId: 'org-community-b', lecturer: { id: 'lect-district-han', name: '韩雪梅', title: '区委宣讲团成员' },
      openToAll: true, expected: 500, expectedByDefault: false,
    })
  })

  test('edits recompute the sign-in times; of edits at the same moment each applies or says CONFLICT', async () => {
    const id = await bed.schedule()
    const start = new Date((await bed.now()).getTime() + 5 * 3600_000)
    const r = await bed.demo['demo-secretary'].call('classroom', 'update', {
      classId: id, start: start.toISOString(), end: new Date(start.getTime() + 60 * MINUTE).toISOString(), place: { name: '社区小礼堂' },
    })
    expect(r.ok).toBe(true)
    const c = await storedClass(bed, id)
    expect(c.opensAt.getTime()).toBe(start.getTime() - 30 * MINUTE)
    expect(c.place).toEqual({ name: '社区小礼堂' })
    expect(c.geofence).toBeNull() // no location, no geofence

    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      bed.demo['demo-secretary'].call('classroom', 'update', { classId: id, title: `名称${i}` })))
    const oks = answers.filter((a) => a.ok).length
    expect(oks).toBeGreaterThanOrEqual(1)
    expect(answers.every((a) => a.ok || a.code === 'CONFLICT')).toBe(true)
    expect((await storedClass(bed, id)).version).toBe(2 + oks)
  })

  test('cancelling: a reason, an audit entry, once; an ended class can be neither edited nor cancelled', async () => {
    const id = await bed.schedule()
    expect((await bed.demo['demo-secretary'].call('classroom', 'cancel', { classId: id, reason: '场地维修' })).ok).toBe(true)
    expect((await bed.demo['demo-secretary'].call('classroom', 'cancel', { classId: id, reason: '场地维修' })).code).toBe('ALREADY_DONE')
    expect((await bed.demo['demo-secretary'].call('classroom', 'update', { classId: id, title: '还能改吗' })).code).toBe('CONFLICT')
    const { data: audit } = await bed.db().collection('audit').where({ targetId: id, action: 'classroom.cancel' }).get()
    expect(audit).toEqual([expect.objectContaining({ action: 'classroom.cancel', actor: 'demo-secretary', reason: '场地维修' })])
    expect((await bed.demo['demo-member'].call('classroom', 'get', { classId: id })).data).toMatchObject({ state: 'cancelled', cancelReason: '场地维修' })

    expect(outcome(await bed.demo['demo-secretary'].call('classroom', 'update', { classId: 'demoPstA', title: '改历史' }))).toBe('CONFLICT')
    expect(outcome(await bed.demo['demo-secretary'].call('classroom', 'cancel', { classId: 'demoPstA', reason: '改历史' }))).toBe('CONFLICT')
    expect((await bed.demo['demo-secretary'].call('classroom', 'get', { classId: 'nosuchcl' })).code).toBe('NOT_FOUND')
  })
})

describe('the lists', () => {
  test('a member sees their organisations\' classes and those open to all, running or coming, soonest first', async () => {
    const a = await bed.demo['demo-member'].call('classroom', 'list', {})
    expect(ids(a)).toEqual(expect.arrayContaining(['demoNowA', 'demoUpcA', 'demoUpcD']))
    expect(ids(a)).not.toContain('demoNowB')
    expect(ids(a)).not.toContain('demoPstA')
    const starts = a.data.items.map((i: any) => i.start)
    expect([...starts].sort()).toEqual(starts)
    expect(a.data.items.find((i: any) => i.id === 'demoNowA')).toMatchObject({ state: 'open', orgName: '幸福里社区党委', lecturerName: '周立新' })

    const b = await bed.demo['demo-member-b'].call('classroom', 'list', {})
    expect(ids(b)).toEqual(expect.arrayContaining(['demoNowB', 'demoUpcD']))
    expect(ids(b)).not.toContain('demoNowA')
  })

  test('the past, newest first, with my own attendance on each', async () => {
    const r = await bed.demo['demo-member'].call('classroom', 'list', { to: (await bed.now()).toISOString() })
    expect(ids(r).slice(0, 3)).toEqual(['demoCanA', 'demoPstA', 'demoPs2A'])
    const byId = Object.fromEntries(r.data.items.map((i: any) => [i.id, i]))
    expect(byId.demoCanA).toMatchObject({ state: 'cancelled' })
    expect(byId.demoPstA).toMatchObject({ state: 'ended', myStatus: 'on-time', signedIn: 3 })
    expect(byId.demoPs2A).toMatchObject({ myStatus: 'late' })
    expect((await bed.demo['demo-retired'].call('classroom', 'list', { to: (await bed.now()).toISOString() })).data.items
      .find((i: any) => i.id === 'demoPs2A').myStatus).toBe('leave')
  })

  test('a secretary sees their subtree; the filter by organisation; the district office sees everything', async () => {
    expect(ids(await bed.demo['demo-secretary-b'].call('classroom', 'list', { orgId: 'org-community-a' }))).toEqual([])
    const admin = await bed.demo['demo-admin'].call('classroom', 'list', { orgId: 'org-community-b' })
    expect(ids(admin)).toContain('demoNowB')
    expect(ids(admin)).not.toContain('demoNowA')
  })

  test('pages follow one another without a gap or a repeat', async () => {
    const base = (await bed.now()).getTime() + 10 * 86400_000
    for (let i = 0; i < 25; i++) {
      const start = new Date(base + (i % 5) * 3600_000) // several classes share a start
      expect((await bed.demo['demo-secretary-b'].call('classroom', 'create', classInput(start, { title: `和平课 ${i}` }))).ok).toBe(true)
    }
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const r = await bed.demo['demo-member-b'].call('classroom', 'list', { from: new Date(base - 1).toISOString(), ...(cursor ? { cursor } : {}) })
      seen.push(...r.data.items.filter((i: any) => i.title.startsWith('和平课')).map((i: any) => i.id))
      cursor = r.data.nextCursor ?? undefined
      if (!cursor) break
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
  })
})

describe('the lecturer roster', () => {
  test('a community keeps its own lecturers and may pick the district\'s; it edits only its own', async () => {
    const list = await bed.demo['demo-secretary'].call('classroom', 'lecturers', {})
    expect(list.data.orgId).toBe('org-community-a')
    expect(list.data.items.map((l: any) => l.id)).toEqual(['lect-community-a-li', 'lect-district-han', 'lect-district-zhou'])

    const saved = await bed.demo['demo-secretary'].call('classroom', 'lecturers', {
      save: { name: '王红', title: '社区卫生服务站医生', topics: ['健康讲座', '急救知识'] },
    })
    expect(saved.data.items.find((l: any) => l.id === saved.data.saved)).toMatchObject({ name: '王红', topics: ['健康讲座', '急救知识'], orgId: 'org-community-a' })
    const edited = await bed.demo['demo-secretary'].call('classroom', 'lecturers', { save: { id: saved.data.saved, name: '王红', topics: ['急救知识'] } })
    expect(edited.data.items.find((l: any) => l.id === saved.data.saved).topics).toEqual(['急救知识'])

    expect((await bed.demo['demo-secretary'].call('classroom', 'lecturers', { save: { id: 'lect-district-zhou', name: '改名' } })).code).toBe('FORBIDDEN')
    expect((await bed.demo['demo-secretary'].call('classroom', 'lecturers', { remove: 'lect-district-zhou' })).code).toBe('FORBIDDEN')
    const removed = await bed.demo['demo-secretary'].call('classroom', 'lecturers', { remove: saved.data.saved })
    expect(removed.data.items.map((l: any) => l.id)).not.toContain(saved.data.saved)
    expect((await bed.demo['demo-secretary-b'].call('classroom', 'lecturers', {})).data.items.map((l: any) => l.id))
      .toEqual(['lect-community-b-gao', 'lect-district-han', 'lect-district-zhou'])
  })
})

// Who may do what: every action of the classroom function by every kind of caller (the router's `who` rule), and the
// scope rule — a secretary of another community cannot edit, cancel, show the code of, mark or export a class.
import { classroomActions } from '../../cloudfunctions/classroom/actions'
import { Manager, managerOf, managerOutcome, MANAGERS, runAccessMatrix } from '../helpers/accessMatrix'
import { outcome } from '../helpers/bed'
import { classInput, MINUTE, useTestbed } from './support'

const bed = useTestbed()

/** A valid input for the action: a class of community A where one is needed, made fresh when it changes. */
async function inputFor(action: string): Promise<Record<string, unknown>> {
  switch (action) {
    case 'get': return { classId: 'demoNowA' }
    case 'create': return classInput(new Date((await bed.now()).getTime() + 60 * MINUTE))
    case 'update': return { classId: await bed.schedule(), title: '改一下课程名称' }
    case 'cancel': return { classId: await bed.schedule(), reason: '改期' }
    case 'code': return { classId: 'demoNowA' }
    case 'checkIn': case 'scan': {
      const classId = await bed.schedule({ start: (await bed.now()).toISOString(), geofence: null })
      return { token: (await bed.code(classId)).token }
    }
    case 'mark': return { classId: await bed.schedule(), userId: 'demo-retired', status: 'leave', reason: '外出' }
    case 'attendance': case 'export': return { classId: 'demoPstA' }
    default: return {}
  }
}

runAccessMatrix({
  bed,
  fn: 'classroom',
  actions: classroomActions,
  access: {
    list: 'member', get: 'member', create: 'secretary', update: 'secretary', cancel: 'secretary',
    lecturers: 'secretary', code: 'secretary', checkIn: 'member', mark: 'secretary', attendance: 'secretary',
    export: 'secretary', coverage: 'secretary', coverageExport: 'secretary', mine: 'member', scan: 'member',
  },
  inputFor,
})

describe('a secretary acts only inside their own community', () => {
  const who = (role: Manager) => managerOf(bed, role)
  const expected = managerOutcome

  test.each(MANAGERS)('show the sign-in code: %s', async (role) => {
    const r = await who(role).call('classroom', 'code', { classId: 'demoNowA' })
    expect(outcome(r)).toBe(expected(role))
    if (!r.ok) expect(r.data).toBeUndefined()
  })

  test.each(MANAGERS)('mark a member by hand: %s', async (role) => {
    const classId = await bed.schedule()
    const r = await who(role).call('classroom', 'mark', { classId, userId: 'demo-member', status: 'leave', reason: '出差' })
    expect(outcome(r)).toBe(expected(role))
    const rec = await bed.stored('attendance', `${classId}_demo-member`)
    if (r.ok) expect(rec).toMatchObject({ status: 'leave', by: 'hand', reason: '出差' })
    else expect(rec).toBeUndefined()
  })

  test.each(MANAGERS)('export the attendance: %s', async (role) => {
    const r = await who(role).call('classroom', 'export', { classId: 'demoPstA' })
    expect(outcome(r)).toBe(expected(role))
  })

  test.each(MANAGERS)('read the attendance: %s', async (role) => {
    expect(outcome(await who(role).call('classroom', 'attendance', { classId: 'demoPstA' }))).toBe(expected(role))
  })

  test.each(MANAGERS)('edit and cancel a class: %s', async (role) => {
    const classId = await bed.schedule()
    expect(outcome(await who(role).call('classroom', 'update', { classId, title: '新的名称' }))).toBe(expected(role))
    expect(outcome(await who(role).call('classroom', 'cancel', { classId, reason: '改期' }))).toBe(expected(role))
    const stored = await bed.stored('classes', classId)
    expect(stored.status).toBe(role === 'otherCommunitySecretary' ? 'scheduled' : 'cancelled')
    expect(stored.title).toBe(role === 'otherCommunitySecretary' ? '学习党的创新理论' : '新的名称')
  })

  test.each(MANAGERS)('schedule a class for community A, its roster and its coverage: %s', async (role) => {
    const start = new Date((await bed.now()).getTime() + 60 * MINUTE)
    expect(outcome(await who(role).call('classroom', 'create', { ...classInput(start), orgId: 'org-community-a' }))).toBe(expected(role))
    expect(outcome(await who(role).call('classroom', 'lecturers', { orgId: 'org-community-a' }))).toBe(expected(role))
    expect(outcome(await who(role).call('classroom', 'coverage', { orgId: 'org-community-a' }))).toBe(expected(role))
    expect(outcome(await who(role).call('classroom', 'coverageExport', { orgId: 'org-community-a' }))).toBe(expected(role))
  })

  test('a secretary manages their own community\'s classes, and the district office all', async () => {
    const mine = await bed.demo['demo-secretary-b'].call('classroom', 'code', { classId: 'demoNowB' })
    expect(mine.ok).toBe(true)
    const got = await bed.demo['demo-secretary-b'].call('classroom', 'get', { classId: 'demoNowA' })
    expect(got).toMatchObject({ ok: true, data: { canManage: false } })
    expect((await bed.demo['demo-admin'].call('classroom', 'get', { classId: 'demoNowA' })).data.canManage).toBe(true)
  })
})

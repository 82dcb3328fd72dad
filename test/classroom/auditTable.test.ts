// Honest records (issue 9): every change a secretary or the district office makes to a class, its register or the
// lecturer roster is audited in the same transaction as the change; a cancellation or an edit killed after any of
// its steps leaves the change with its entry, or neither.
import { classroomActions } from '../../cloudfunctions/classroom/actions'
import { crashEverywhere, runAuditTable } from '../helpers/auditTable'
import { classInput, MINUTE, storedClass, useTestbed } from './support'

const bed = useTestbed()
jest.setTimeout(60_000)

const secretary = () => bed.demo['demo-secretary']
const inAnHour = async () => new Date((await bed.now()).getTime() + 60 * MINUTE)

runAuditTable({
  bed,
  fn: 'classroom',
  actions: classroomActions,
  cases: {
    create: {
      by: secretary,
      input: async () => classInput(await inAnHour()),
      action: 'classroom.create',
      targetType: 'class',
      targetId: (_input, answer) => answer.data.id,
    },
    update: {
      by: secretary,
      input: async () => ({ classId: await bed.schedule(), title: '改期后的党课', expected: 12 }),
      action: 'classroom.update',
      targetType: 'class',
      targetId: (input) => input.classId,
    },
    cancel: {
      by: secretary,
      input: async () => ({ classId: await bed.schedule(), reason: '讲师临时有事' }),
      action: 'classroom.cancel',
      targetType: 'class',
      targetId: (input) => input.classId,
    },
    mark: {
      by: secretary,
      input: async () => ({ classId: await bed.schedule(), userId: 'demo-retired', status: 'leave', reason: '住院' }),
      action: 'classroom.mark',
      targetType: 'attendance',
      targetId: (input) => `${input.classId}_${input.userId}`,
    },
    lecturers: {
      by: secretary,
      input: async () => ({ orgId: 'org-community-a', save: { name: '陈老师', title: '退休教师', topics: ['党史'] } }),
      action: 'classroom.saveLecturer',
      targetType: 'lecturer',
      targetId: (_input, answer) => answer.data.saved,
    },
  },
  notAudited: {
    code: 'shows the rotating sign-in code; writes nothing',
    attendance: 'reads the register; its first look after the end only counts the class into the month figures, which the timer does alike and the recount rebuilds from the records',
    export: 'writes the register to a download file; changes no record',
    coverage: 'reads the pre-counted coverage figures; changes no record (settling ended classes into them is the timer\'s work)',
    coverageExport: 'writes the same coverage to a download file; changes no record',
  },
})

describe('a function killed after any of its steps', () => {
  const classEntries = (action: string) => async (id: string) =>
    (await bed.db().collection('audit').where({ targetId: id, action }).get()).data

  test('cancelling a class: cancelled with its audit entry, or neither', async () => {
    await crashEverywhere({
      bed,
      fn: 'classroom',
      name: 'cancel',
      prepare: () => bed.schedule(),
      act: (classId) => secretary().call('classroom', 'cancel', { classId, reason: '场地停电' }),
      changed: async (id) => (await storedClass(bed, id)).status === 'cancelled',
      entries: classEntries('classroom.cancel'),
    })
  })

  test('editing a class (the expected number included): changed with its audit entry, or neither', async () => {
    await crashEverywhere({
      bed,
      fn: 'classroom',
      name: 'update',
      prepare: () => bed.schedule(),
      act: (classId) => secretary().call('classroom', 'update', { classId, title: '新标题', expected: 40 }),
      changed: async (id) => (await storedClass(bed, id)).expected === 40,
      entries: classEntries('classroom.update'),
    })
  })
})

test("an edit's entry names each field changed, from what to what", async () => {
  const classId = await bed.schedule()
  const before = await storedClass(bed, classId)
  expect((await secretary().call('classroom', 'update', { classId, title: '新标题', expected: 40 })).ok).toBe(true)
  const { data } = await bed.db().collection('audit').where({ targetId: classId, action: 'classroom.update' }).get()
  expect(data[0].detail.changed).toEqual({
    title: { from: before.title, to: '新标题' },
    expected: { from: before.expected, to: 40 },
  })
})

// The lecturer roster (讲师队伍): an organisation's own lecturers, which the organisations under it may pick from too.
import type { ClassroomInput, ClassroomOutput, Lecturer } from '../../contract/classroom'
import { database } from '../common/cloud'
import { now } from '../common/clock'
import { COLLECTIONS } from '../common/collections'
import { fail } from '../common/errors'
import { OrgDoc, orgInScope } from '../common/orgs'
import type { PersonDoc } from '../common/people'
import { loadDoc } from '../common/query'
import type { ClassDoc } from './model'

const MAX_ROWS = 1000

interface LecturerDoc { _id: string; orgId: string; orgName: string; name: string; title: string; topics: string[] }

const loadLecturer = (id: string) =>
  loadDoc<LecturerDoc>(COLLECTIONS.lecturers, id, () => fail.invalid('lecturer.id', '没有找到这位讲师，请重新选择'))

const toLecturer = (l: LecturerDoc): Lecturer =>
  ({ id: l._id, name: l.name, title: l.title, topics: l.topics, orgId: l.orgId, orgName: l.orgName })

/** The lecturer as the class keeps it: picked from a roster the organisation may use, or typed in. */
export async function resolveLecturer(input: { id?: string; name?: string; title?: string }, org: OrgDoc): Promise<ClassDoc['lecturer']> {
  if (!input.id) return { name: input.name!, title: input.title ?? '' }
  const l = await loadLecturer(input.id)
  if (!org.path.includes(l.orgId)) throw fail.invalid('lecturer.id', '这位讲师不在本组织可选的讲师队伍中')
  return { id: l._id, name: l.name, title: l.title }
}

/** The roster visible to an organisation; `save` adds or edits one of its own lecturers, `remove` takes one off. */
export async function lecturers(input: ClassroomInput['lecturers'], person: PersonDoc): Promise<ClassroomOutput['lecturers']> {
  const at = now()
  const org = await orgInScope(person, input.orgId, '只能管理你所在党组织的讲师队伍')
  const roster = database().collection(COLLECTIONS.lecturers)
  const own = async (id: string) => {
    const l = await loadLecturer(id)
    if (l.orgId !== org._id) throw fail.forbidden('只能修改本组织讲师队伍中的讲师')
    return l
  }
  const out: Pick<ClassroomOutput['lecturers'], 'saved' | 'removed'> = {}
  if (input.save) {
    const fields = { name: input.save.name, title: input.save.title ?? '', topics: input.save.topics ?? [], updatedAt: at }
    if (input.save.id) {
      const l = await own(input.save.id)
      await roster.doc(l._id).update({ ...fields, topics: database().command.set(fields.topics) })
      out.saved = l._id
    } else {
      out.saved = (await roster.add({ orgId: org._id, orgName: org.name, ...fields, createdAt: at })).id as string
    }
  }
  if (input.remove) {
    await roster.doc((await own(input.remove))._id).remove()
    out.removed = input.remove
  }
  const { data } = await roster.where({ orgId: database().command.in(org.path) }).limit(MAX_ROWS).get()
  // The organisation's own lecturers first, then those of the organisations above, nearest first.
  const depth = (l: LecturerDoc) => -org.path.indexOf(l.orgId)
  const items = (data as LecturerDoc[]).sort((a, b) => depth(a) - depth(b) || a.name.localeCompare(b.name, 'zh')).map(toLecturer)
  return { orgId: org._id, items, ...out }
}

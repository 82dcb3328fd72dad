// The lecturer roster (讲师队伍): an organisation's own lecturers, which the organisations under it may pick from too.
import type { ClassroomInput, ClassroomOutput, Lecturer } from '../../contract/classroom'
import { audited, AuditEntry, updateAudited } from '../common/audit'
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

/** The roster visible to an organisation; `save` adds or edits one of its own lecturers, `remove` takes one off, each
 * with its audit entry in the same transaction. */
export async function lecturers(input: ClassroomInput['lecturers'], person: PersonDoc): Promise<ClassroomOutput['lecturers']> {
  const at = now()
  const org = await orgInScope(person, input.orgId, '只能管理您所在党组织的讲师队伍')
  const roster = database().collection(COLLECTIONS.lecturers)
  const own = (l: LecturerDoc) => {
    if (l.orgId !== org._id) throw fail.forbidden('只能修改本组织讲师队伍中的讲师')
  }
  const entry = (action: string, id: string, name: string): AuditEntry => ({
    actor: person._id, actorName: person.name, action, targetType: 'lecturer', targetId: id, detail: { name, orgId: org._id },
  })
  const missing = () => fail.invalid('lecturer.id', '没有找到这位讲师，请重新选择')
  const out: Pick<ClassroomOutput['lecturers'], 'saved' | 'removed'> = {}
  if (input.save) {
    const fields = { name: input.save.name, title: input.save.title ?? '', topics: input.save.topics ?? [], updatedAt: at }
    const { id } = input.save
    out.saved = id
      ? await updateAudited<LecturerDoc, string>(COLLECTIONS.lecturers, id, missing, (l) => (own(l), {
        patch: { ...fields, topics: database().command.set(fields.topics) }, entry: entry('classroom.saveLecturer', l._id, fields.name), result: l._id,
      }))
      : await audited(async (t) => {
        const added = (await t.collection(COLLECTIONS.lecturers).add({ orgId: org._id, orgName: org.name, ...fields, createdAt: at })).id as string
        return { result: added, entry: entry('classroom.saveLecturer', added, fields.name) }
      })
  }
  if (input.remove) {
    const id = input.remove
    out.removed = await audited(async (t) => {
      const ref = t.collection(COLLECTIONS.lecturers).doc(id)
      const l = (await ref.get()).data as LecturerDoc | null
      if (!l) throw missing()
      own(l)
      await ref.remove()
      return { result: id, entry: entry('classroom.removeLecturer', id, l.name) }
    })
  }
  const { data } = await roster.where({ orgId: database().command.in(org.path) }).limit(MAX_ROWS).get()
  // The organisation's own lecturers first, then those of the organisations above, nearest first.
  const depth = (l: LecturerDoc) => -org.path.indexOf(l.orgId)
  const items = (data as LecturerDoc[]).sort((a, b) => depth(a) - depth(b) || a.name.localeCompare(b.name, 'zh')).map(toLecturer)
  return { orgId: org._id, items, ...out }
}

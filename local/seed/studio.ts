// The 党代表工作室 of 东湖街道: three representatives (one linked to demo-member's account), the reception schedule,
// and 民情 in every state — one overdue, one transferred to 幸福里社区, one rated — with their audit entries and the
// monthly figures as the studio function's own recount tallies them.
import { subjectKey } from '../../cloudfunctions/common/audit'
import { COLLECTIONS } from '../../cloudfunctions/common/collections'
import { addDays, shanghaiDate } from '../../cloudfunctions/common/time'
import { CaseDoc, CaseStepDoc, closing, receipt, RepDoc, ScheduleDoc, tally } from '../../cloudfunctions/studio/model'
import type { CaseEvent, CaseKind, Rating } from '../../contract/studio'
import { putAll, SeedDatabase } from './put'

type Doc = { _id: string } & Record<string, unknown>
const DAY = 24 * 60 * 60 * 1000
const STUDIO = { id: 'site-donghu-studio', name: '东湖街道党代表工作室', path: ['org-district', 'org-street-donghu'], orgName: '东湖街道党工委' }
const COMMUNITY_A = { path: ['org-district', 'org-street-donghu', 'org-community-a'], name: '幸福里社区党委', id: 'org-community-a' }
const ADMIN = { by: 'demo-admin', byName: '王建国' }
const SECRETARY_A = { by: 'demo-secretary', byName: '李芳' }

const REPS = [
  { _id: 'rep-zhou', name: '周建华', term: '第十三届区党代表', phone: '13871230001', intro: '幸福里社区老党员，长期关注老旧小区改造。', openid: 'demo-member' },
  { _id: 'rep-wu', name: '吴秀兰', term: '第十三届区党代表', phone: '13871230002', intro: '社区卫生服务中心医生，关注居民健康。' },
  { _id: 'rep-chen', name: '陈国栋', term: '第十二届市党代表', phone: '13871230003', intro: '星火科技有限公司党支部书记，关注就业与创业。' },
]

interface SeedCase {
  id: string; author: string; name?: string; kind: CaseKind; content: string; daysAgo: number; repId?: string
  /** Steps after submission: the event, how many days ago, by whom, with what note. */
  steps: Array<{ event: CaseEvent; daysAgo: number; who: typeof ADMIN; note?: string }>
  rating?: { rating: Rating; comment?: string; daysAgo: number }
}

const CASES: SeedCase[] = [
  { id: 'case-demo-pending', author: 'resident-demo-1', name: '刘师傅', kind: 'problem', content: '东湖路公交站的候车亭顶棚漏雨，下雨天老人孩子没处躲。', daysAgo: 1, steps: [] },
  { id: 'case-demo-accepted', author: 'resident-demo-2', kind: 'question', content: '请问社区老年食堂什么时候开始对外开放？怎么办理就餐卡？', daysAgo: 3, repId: 'rep-wu',
    steps: [{ event: 'accept', daysAgo: 2, who: ADMIN }] },
  { id: 'case-demo-handling', author: 'resident-demo-3', name: '赵阿姨', kind: 'suggestion', content: '建议在幸福里小区增设几处电动车集中充电桩，避免楼道充电的安全隐患。', daysAgo: 6, repId: 'rep-zhou',
    steps: [{ event: 'accept', daysAgo: 5, who: ADMIN }, { event: 'start', daysAgo: 4, who: ADMIN }] },
  { id: 'case-demo-transferred', author: 'demo-member-b', name: '刘洋', kind: 'problem', content: '幸福里小区 3 栋楼道灯坏了一个多月，晚上上下楼很不方便。', daysAgo: 2,
    steps: [{ event: 'transfer', daysAgo: 1, who: ADMIN, note: '属幸福里社区辖区，请社区党委协调物业处理' }] },
  { id: 'case-demo-overdue', author: 'resident-demo-4', kind: 'problem', content: '东湖花园小区门口的人行道破损多处，多次有老人绊倒。', daysAgo: 30, repId: 'rep-chen',
    steps: [{ event: 'accept', daysAgo: 29, who: ADMIN }, { event: 'start', daysAgo: 27, who: ADMIN }] },
  { id: 'case-demo-closed', author: 'demo-retired', name: '陈秀英', kind: 'suggestion', content: '建议社区每月组织一次老党员读报会，大家在一起学习交流。', daysAgo: 12,
    steps: [{ event: 'accept', daysAgo: 11, who: ADMIN }, { event: 'start', daysAgo: 10, who: ADMIN },
      { event: 'close', daysAgo: 5, who: ADMIN, note: '已与幸福里社区党委商定，每月第一个周三上午在党群服务站举办老党员读报会，欢迎参加。' }] },
  { id: 'case-demo-rated', author: 'resident-demo-5', name: '孙先生', kind: 'problem', content: '小区垃圾分类亭附近异味较重，希望增加清运次数。', daysAgo: 20, repId: 'rep-zhou',
    steps: [{ event: 'accept', daysAgo: 19, who: ADMIN }, { event: 'transfer', daysAgo: 18, who: ADMIN, note: '请幸福里社区协调环卫' },
      { event: 'accept', daysAgo: 18, who: SECRETARY_A }, { event: 'close', daysAgo: 15, who: SECRETARY_A, note: '已协调环卫站将清运改为每日两次，并对分类亭进行了清洗消毒。' }],
    rating: { rating: 'satisfied', comment: '处理很及时，谢谢！', daysAgo: 14 } },
]

const NEXT: Record<CaseEvent, CaseDoc['status']> = { accept: 'accepted', start: 'handling', close: 'closed', transfer: 'pending' }

export async function seedStudio(db: SeedDatabase, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const reps: RepDoc[] = REPS.map((r) => ({
    ...r, siteId: STUDIO.id, siteName: STUDIO.name, managingOrgPath: STUDIO.path, managingOrgName: STUDIO.orgName,
    photos: [], active: true, createdAt: ago(60), updatedAt: ago(60),
  }))
  const schedule: ScheduleDoc = {
    _id: STUDIO.id,
    receptions: [
      { weekday: 1, start: '14:00', end: '17:30', repId: 'rep-zhou' },
      { weekday: 3, start: '14:00', end: '17:30', repId: 'rep-wu' },
      { weekday: 5, start: '14:00', end: '17:30', repId: 'rep-chen' },
      { date: addDays(shanghaiDate(now), 10), start: '09:00', end: '11:30', repId: 'rep-zhou' },
    ],
    updatedAt: ago(30),
  }
  const audit: Doc[] = []
  const messages: Doc[] = []
  const cases: CaseDoc[] = CASES.map((c) => {
    const rep = reps.find((r) => r._id === c.repId)
    const doc: CaseDoc = {
      _id: c.id, siteId: STUDIO.id, siteName: STUDIO.name, managingOrgPath: STUDIO.path, orgPath: STUDIO.path, orgName: STUDIO.orgName,
      ...(rep ? { repId: rep._id, repName: rep.name } : {}),
      kind: c.kind, content: c.content, photos: [], photoChecks: [], author: c.author, ...(c.name ? { name: c.name } : {}),
      subscribe: false, status: 'pending', version: 1, ...receipt(ago(c.daysAgo)),
      history: [{ event: 'submit', by: c.author, byName: c.name ?? '留言人', at: ago(c.daysAgo) }],
    }
    for (const [i, s] of c.steps.entries()) {
      const at = ago(s.daysAgo)
      const step: CaseStepDoc = { event: s.event, ...s.who, at, ...(s.note ? { note: s.note } : {}) }
      audit.push({
        _id: `audit-${c.id}-${i}`, actor: s.who.by, actorName: s.who.byName, action: `studio.${s.event}`, targetType: 'case', targetId: c.id,
        subjects: [subjectKey('case', c.id), subjectKey('site', STUDIO.id)], ...(s.event === 'transfer' ? { reason: s.note } : {}),
        detail: { from: doc.status, to: NEXT[s.event], siteId: STUDIO.id, ...(s.event === 'transfer' ? { orgId: COMMUNITY_A.id, toOrg: COMMUNITY_A.name } : {}) },
        at,
      })
      doc.status = NEXT[s.event]
      doc.version += 1
      doc.history.push(step)
      if (s.event === 'transfer') Object.assign(doc, { orgPath: COMMUNITY_A.path, orgName: COMMUNITY_A.name })
      if (s.event === 'close') Object.assign(doc, { reply: s.note, ...closing(doc.receivedDate, at) })
    }
    if (c.rating) {
      const at = ago(c.rating.daysAgo)
      Object.assign(doc, { rating: c.rating.rating, ...(c.rating.comment ? { comment: c.rating.comment } : {}), ratedAt: at, ratedMonth: closing(doc.receivedDate, at).closedMonth })
      doc.history.push({ event: 'rate', by: c.author, byName: c.name ?? '留言人', at, note: `满意：${c.rating.comment}` })
    }
    if (doc.status === 'closed') {
      messages.push({ _id: `msg-${c.id}`, openid: c.author, title: '您的民情已办结', caseId: c.id, body: `您在${STUDIO.name}留的民情已办结。答复：${doc.reply}`, at: doc.closedAt, read: false })
    }
    return doc
  })
  await putAll(db, COLLECTIONS.studioReps, reps as unknown as Doc[])
  // Each linked account lists its representatives, as the studio function keeps it (common/people.ts repIdsOf).
  for (const r of reps) if (r.openid) await db.collection(COLLECTIONS.users).doc(r.openid).update({ reps: db.command.set([r._id]) })
  await putAll(db, COLLECTIONS.studioSchedules, [schedule] as unknown as Doc[])
  await putAll(db, COLLECTIONS.studioCases, cases as unknown as Doc[])
  await putAll(db, COLLECTIONS.audit, audit)
  await putAll(db, COLLECTIONS.messages, messages)
  const months = new Set(cases.flatMap((c) => [c.month, c.closedMonth, c.ratedMonth].filter((m): m is string => !!m)))
  for (const month of months) {
    await putAll(db, COLLECTIONS.studioMonths, [...tally(cases, month)].map(([_id, { fresh, values }]) => ({ _id, ...fresh, ...values })))
  }
}

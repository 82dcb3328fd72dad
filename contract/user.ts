// People and organisations: the `user` function's actions, their input schemas and the shapes they answer.
import { z } from 'zod'
import { cursor, flag, id, noInput, oneOf, phone, text, valuesOf } from './common'

export const ORG_TYPE_LABELS = {
  district: '区委', street: '街道党工委', community: '社区党组织', twoNew: '两新组织', agency: '机关单位', branch: '党支部',
}
export type OrgType = keyof typeof ORG_TYPE_LABELS
export const ORG_TYPES = valuesOf(ORG_TYPE_LABELS)

/**
 * Where a Party member's membership is kept: a branch, or a community, 两新 or agency organisation. The district and
 * street committees lead organisations, not members, so nobody registers (or is written about) as belonging to them.
 */
export const MEMBER_ORG_TYPES: readonly OrgType[] = ['community', 'twoNew', 'agency', 'branch']
export const holdsMembers = (type: OrgType) => MEMBER_ORG_TYPES.includes(type)
export const NOT_A_MEMBER_ORG = '区委和街道党工委不直接管理党员，请选择所在的党支部或社区党组织'

/** What a registration takes (the form counts as one types). */
export const REGISTRATION_LIMITS = { name: 20 } as const

export const ROLE_LABELS = { member: '党员', secretary: '党组织书记', admin: '区委党建办' }
export type Role = keyof typeof ROLE_LABELS
export const ROLES = valuesOf(ROLE_LABELS)

export const PERSON_STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' }
export type PersonStatus = keyof typeof PERSON_STATUS_LABELS
export const PERSON_STATUSES = valuesOf(PERSON_STATUS_LABELS)

/** The records whose history (操作记录) a secretary in scope or the district office can open. */
export const HISTORY_SUBJECT_LABELS = { story: '故事', class: '课程', site: '阵地', person: '人员' }
export type HistorySubject = keyof typeof HISTORY_SUBJECT_LABELS
export const HISTORY_SUBJECTS = valuesOf(HISTORY_SUBJECT_LABELS)

/** What each audited action is called where a person reads the history. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'story.submit': '提交故事',
  'story.approve': '审核通过',
  'story.reject': '审核不通过',
  'story.return': '退回修改',
  'story.revise': '修改后重新提交',
  'story.withdraw': '撤回',
  'classroom.create': '安排课程',
  'classroom.update': '修改课程',
  'classroom.cancel': '取消课程',
  'classroom.mark': '登记出勤',
  'classroom.saveLecturer': '保存讲师',
  'classroom.removeLecturer': '移出讲师',
  'site.create': '登记阵地',
  'site.update': '修改阵地信息',
  'site.renewCode': '更换签到码',
  'site.book': '预约阵地',
  'site.confirm': '确认预约',
  'site.decline': '婉拒预约',
  'site.cancel': '取消预约',
  'user.approve': '通过登记',
  'user.reject': '退回登记',
  'user.setRole': '设置角色',
  'workbench.setTargets': '设置工作目标',
  'workbench.buildReport': '生成季度通报',
}

/** 扫码登录: how long a login code may be scanned and confirmed, and when the login page shows a fresh one. */
export const LOGIN_CODE_MINUTES = 2
export const LOGIN_CODE_RENEW_SECONDS = 60

/** Where a login code stands, as the browser that shows it polls it. `used`: its session was handed out already. */
export const LOGIN_CODE_STATE_LABELS = {
  waiting: '请用先锋驿站小程序扫码',
  scanned: '已扫码，请在手机上确认',
  confirmed: '已确认，正在登录…',
  used: '这个二维码已经用过了，请刷新后重新扫码',
  cancelled: '已在手机上取消登录',
  expired: '二维码已过期',
}
export type LoginCodeState = keyof typeof LOGIN_CODE_STATE_LABELS

/** A login code: 32 base64url characters (24 random bytes), what the QR code's URL carries. */
const loginCode = z.string({ required_error: '请提供登录二维码', invalid_type_error: '登录二维码格式不正确' })
  .regex(/^[A-Za-z0-9_-]{32}$/, '登录二维码无效，请在电脑上刷新后重新扫码')
/** The browser's own key for polling its code: not in the QR code, so a photo of the screen cannot collect the session. */
const loginCodeKey = z.string({ required_error: '请提供登录凭证', invalid_type_error: '登录凭证格式不正确' })
  .regex(/^[A-Za-z0-9_-]{32}$/, '登录凭证格式不正确')

export const userSchemas = {
  /** H5 only, and only where the functions run with DEMO_LOGIN=1 (npm start): sign in as a seeded demo person. */
  signIn: z.object({ openid: id('演示身份') }).strict(),
  /** H5: ends this person's sessions (every browser they signed in on). */
  signOut: noInput,
  /** H5 login page: a fresh login code to show as a QR code, and the key that polls it. */
  loginCode: noInput,
  /** H5 login page, about once a second: where the code stands; once confirmed, the session (exactly once). */
  loginCodeStatus: z.object({ code: loginCode, key: loginCodeKey }).strict(),
  /** Mini-program: a registered member opened a login code; answers which browser it would sign in. */
  scanLogin: z.object({ code: loginCode }).strict(),
  /** Mini-program: the member who scanned the code signs that browser in as themselves. */
  confirmLogin: z.object({ code: loginCode }).strict(),
  /** Mini-program: the member who scanned the code refuses the sign-in. */
  cancelLogin: z.object({ code: loginCode }).strict(),
  me: noInput,
  orgs: noInput,
  register: z.object({
    name: text('姓名', { max: REGISTRATION_LIMITS.name }),
    orgId: id('所在党组织'),
    retired: flag('是否离退休'),
    phone: phone().optional(),
    /** The applicant agreed (one tap, on weapp) to one subscribe message telling them the review result. */
    subscribe: flag('是否接收审核结果通知').optional(),
  }).strict(),
  pending: z.object({ cursor: cursor.optional() }).strict(),
  approve: z.object({ openid: id('申请人') }).strict(),
  reject: z.object({ openid: id('申请人'), reason: text('不通过的原因', { max: 200 }) }).strict(),
  setRole: z.object({
    openid: id('人员'),
    role: oneOf('角色', ROLES),
    orgId: id('管理的党组织').optional(),
  }).strict(),
  history: z.object({
    type: oneOf('记录类型', HISTORY_SUBJECTS),
    id: id('记录'),
    cursor: cursor.optional(),
  }).strict(),
}

export type UserInput = { [K in keyof typeof userSchemas]: z.input<(typeof userSchemas)[K]> }

export interface Org { id: string; name: string; type: OrgType; parentId: string | null; path: string[] }

/** A person as they see themselves (phone in full) or as a reviewer in scope sees them. */
export interface Person {
  openid: string
  name: string
  orgId: string
  orgName: string
  retired: boolean
  phone?: string
  status: PersonStatus
  role: Role
  /** For a secretary: the organisation whose subtree they manage. */
  scopeOrgId?: string
  rejectReason?: string
  registeredAt: string
}

/** One entry of a record's history: who did what, when and why (newest first). */
export interface AuditRecord {
  id: string
  at: string
  actorName: string
  action: string
  /** What a person reads for `action` (the action itself when it has no label yet). */
  actionLabel: string
  reason?: string
  /** What the action changed, as the function recorded it (from/to, the fields changed, the person marked ...). */
  detail: Record<string, unknown>
}

export interface UserOutput {
  signIn: { token: string; expiresAt: string; openid: string }
  signOut: { ended: boolean }
  loginCode: { code: string; key: string; url: string; expiresAt: string; demoLogin: boolean }
  loginCodeStatus: { state: LoginCodeState; message: string; session?: { token: string; expiresAt: string; openid: string } }
  scanLogin: { device: string; expiresAt: string }
  confirmLogin: { confirmed: true }
  cancelLogin: { cancelled: true }
  /** `representative`: the person is linked to a serving 党代表, so the 民情 addressed to them are theirs to handle. */
  me: { openid: string; person: Person | null; representative?: true }
  orgs: { items: Org[] }
  register: { status: PersonStatus }
  pending: { items: Person[]; total: number; nextCursor: string | null }
  approve: { status: 'approved' }
  reject: { status: 'rejected' }
  setRole: { role: Role; scopeOrgId?: string }
  history: { items: AuditRecord[]; nextCursor: string | null }
}

// One router for every cloud function: a table of actions, each saying who may call it, its input schema and its
// handler. Validation, authorisation and the shaping of answers and errors happen here, once.
import { z, ZodError, ZodIssueCode, ZodTypeAny } from 'zod'
import type { ApiResult, FieldError, Registration } from '../../contract/common'
import { now } from './clock'
import { cloud, database, isTransactionConflict } from './cloud'
import { ApiFailure } from './errors'
import type { Figures } from './figures'
import { clientAddress, header, HttpAccessEvent, integrationResponse, IntegrationResponse, isHttpAccessEvent, requestJson } from './httpAccess'
import { loadPerson, PersonDoc } from './people'
import { RateLimit, spend } from './rateLimit'
import { readSession, SessionClaim, sessionEnded, sessionStillOn } from './sessions'

/**
 * Who may call an action:
 * - `anyone`: no sign-in needed (a public page shared to Moments);
 * - `signedIn`: a WeChat identity, registered or not;
 * - `member`: an approved person of any role;
 * - `secretary`: an approved secretary (scoped to their organisation's subtree) or the admin;
 * - `admin`: the district office.
 */
export type Who = 'anyone' | 'signedIn' | 'member' | 'secretary' | 'admin'
export const WHO_LEVELS: Who[] = ['anyone', 'signedIn', 'member', 'secretary', 'admin']

export interface ActionContext {
  /** The caller's openid, '' when there is none (only possible for `anyone`). */
  openid: string
  /**
   * The caller's person record, read once when first asked for (null without one). Actions open to anyone signed in
   * ask only when they need it: every read is a billed database operation.
   */
  caller(): Promise<PersonDoc | null>
  /** The H5 session the call came with (HTTP access); none for a mini-program call, where WeChat vouches. */
  session?: SessionClaim
  /** The address the request came from (common/httpAccess.ts clientAddress), for a call through HTTP access. */
  address?: string
  /** The request's user agent, for a call through HTTP access. */
  userAgent?: string
}

/** The context of an action whose `who` guarantees an approved caller, already read for the check. */
export interface MemberContext extends ActionContext { person: PersonDoc }

type Context<W extends Who> = W extends 'anyone' | 'signedIn' ? ActionContext : MemberContext

/**
 * One action: who may call it, its input schema, its handler (the context it gets follows from `who`), and the
 * per-person rate limit it spends from before the handler runs (callers without an identity spend nothing).
 */
export type Action<S extends ZodTypeAny, R> = {
  [W in Who]: { who: W; input: S; limit?: RateLimit; handler: (input: z.output<S>, ctx: Context<W>) => Promise<R> }
}[Who]

/**
 * A function's action table typed against its contract: every action of `Schemas`, each handler taking what its
 * schema parses to and answering the contract's `Output` for it.
 */
export type Actions<Schemas extends Record<string, ZodTypeAny>, Output extends { [K in keyof Schemas]: unknown }> = {
  [K in keyof Schemas]: Action<Schemas[K], Output[K]>
}

/** Declares a function's actions: `defineActions<typeof siteSchemas, SiteOutput>({ list: { who, input, handler } })`. */
export function defineActions<Schemas extends Record<string, ZodTypeAny>, Output extends { [K in keyof Schemas]: unknown }>(
  table: Actions<Schemas, Output>,
): Actions<Schemas, Output> {
  return table
}

/** Any function's table, as the router runs it. */
type ActionTable = Record<string, { who: Who; input: ZodTypeAny; limit?: RateLimit; handler: (input: any, ctx: any) => Promise<unknown> }>

// Chinese for the few messages a schema does not spell out itself.
const chineseErrors: z.ZodErrorMap = (issue, ctx) => {
  // zod applies this map last: keep the message a schema already spelt out (e.g. `请填写不通过的原因`).
  if (/[\u4e00-\u9fa5]/.test(ctx.defaultError)) return { message: ctx.defaultError }
  const field = issue.path.join('.') || '输入'
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? `请填写${field}` : `${field}格式不正确` }
    case ZodIssueCode.unrecognized_keys:
      return { message: `不支持的字段：${issue.keys.join('、')}` }
    case ZodIssueCode.too_big:
      return { message: `${field}太长或太大` }
    case ZodIssueCode.too_small:
      return { message: `${field}太短或太小` }
    default:
      return { message: `${field}格式不正确` }
  }
}

function fieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({
    field: i.code === ZodIssueCode.unrecognized_keys ? i.keys.join(',') : i.path.join('.'),
    message: i.message,
  }))
}

function allowed(who: Who, person: PersonDoc | null): boolean {
  if (!person || person.status !== 'approved') return false
  if (who === 'member') return true
  if (who === 'secretary') return person.role === 'secretary' || person.role === 'admin'
  return person.role === 'admin'
}

/** A refusal for not being an approved member says where the person stands, so the app offers the right way on. */
function refusal(who: Who, person: PersonDoc | null): ApiResult<never> {
  const unregistered = (registration: Registration, message: string): ApiResult<never> =>
    ({ ok: false, code: 'NOT_REGISTERED', message, data: { registration } })
  if (!person) return unregistered('none', '请先在“我的”页面登记党员信息')
  if (person.status === 'pending') return unregistered('pending', '您的登记正在等待党组织审核，审核通过后即可使用')
  if (person.status === 'rejected') return unregistered('rejected', '您的登记未通过审核，请在“我的”页面查看原因后重新登记')
  return { ok: false, code: 'FORBIDDEN', message: who === 'admin' ? '只有区委党建办可以进行这项操作' : '只有党组织书记可以进行这项操作' }
}

/** A CloudBase timer trigger's event (config.json `triggers`): `{ Type: 'Timer', TriggerName, Time, Message }`. */
export interface TimerEvent { Type: 'Timer'; TriggerName: string; Time: string; Message?: string }
const isTimer = (event: unknown): event is TimerEvent =>
  !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'

/**
 * Whether this invocation was started by the platform's timer trigger. Anyone can send a timer-shaped event (the
 * mini-program's callFunction, an HTTP access route), so the shape proves nothing; what the platform sets does:
 * `TCB_SOURCE` (wx-server-sdk's `getWXContext().SOURCE`) is the call chain, comma-separated, and its first entry is
 * `wx_trigger` for a run that began at a timer. A timer run carries no caller: any identity means a person called.
 */
export function fromTimerTrigger(): boolean {
  const origin = (process.env.TCB_SOURCE ?? '').split(',')[0].trim()
  const { openId, uid, customUserId } = cloud().auth().getUserInfo()
  return origin === 'wx_trigger' && !openId && !uid && !customUserId
}

/** A WeChat message push delivered to the function (e.g. a media check's result): `{ MsgType: 'event', Event }`. */
export interface PlatformEvent { MsgType: 'event'; Event: string; [key: string]: unknown }
const isPlatformEvent = (event: unknown): event is PlatformEvent =>
  !!event && typeof event === 'object' && (event as { MsgType?: unknown }).MsgType === 'event' &&
  typeof (event as { Event?: unknown }).Event === 'string'

export interface RouterOptions {
  /**
   * The function's monthly figures: its timer trigger runs their `timer`, only when the platform's trigger started the
   * run (fromTimerTrigger); the router itself records no event.
   */
  figures?: Figures<never, unknown>
  /**
   * Handlers of WeChat's message pushes, by event name. Anyone can post such a shape to an HTTP route too, so a
   * handler acts only on what the event proves (e.g. a media check's unguessable trace id).
   */
  onEvent?: Record<string, (event: PlatformEvent) => Promise<unknown>>
}

/**
 * Builds a cloud function's `main` from its action table (and its figures' timer, if it has one). A call comes as
 * the mini-program's callFunction data, or through CloudBase's HTTP access service as an integration request: its
 * body is the same data, and the answer goes back as an integration response (common/httpAccess.ts).
 */
export function createRouter(name: string, actions: ActionTable, options: RouterOptions = {}) {
  /**
   * Who is calling: through HTTP access, the person of the session in the Authorization header (CloudBase vouches for
   * nobody there); from the mini-program, the openid WeChat put into the environment.
   */
  async function identify(http: HttpAccessEvent | null): Promise<{ openid: string; session?: SessionClaim }> {
    if (!http) return { openid: cloud().auth().getUserInfo().openId || '' }
    const auth = header(http, 'authorization')
    if (!auth) return { openid: '' }
    const m = /^Bearer\s+(\S+)$/i.exec(auth)
    if (!m) throw new ApiFailure('UNAUTHENTICATED', '登录信息无效，请重新登录')
    const session = await readSession(m[1], now())
    return { openid: session.openid, session }
  }

  async function dispatch(event: unknown, http: HttpAccessEvent | null): Promise<ApiResult<unknown>> {
    try {
      if (isTimer(event)) {
        if (!options.figures) return { ok: false, code: 'INVALID_INPUT', message: '不支持的操作' }
        if (!fromTimerTrigger()) return { ok: false, code: 'INVALID_INPUT', message: '定时任务只能由云开发平台按计划触发' }
        return { ok: true, data: await options.figures.timer(database(), now()) }
      }
      if (options.onEvent && isPlatformEvent(event) && Object.prototype.hasOwnProperty.call(options.onEvent, event.Event)) {
        return { ok: true, data: await options.onEvent[event.Event](event) }
      }
      if (!event || typeof event !== 'object' || Array.isArray(event)) {
        return { ok: false, code: 'INVALID_INPUT', message: '请求内容格式不正确' }
      }
      // `userInfo` is added by the mini-program platform; identity is read from the environment, never from it.
      const { action: actionName, userInfo: _platform, ...rest } = event as Record<string, unknown>
      const def = typeof actionName === 'string' && Object.prototype.hasOwnProperty.call(actions, actionName)
        ? actions[actionName] : undefined
      if (!def) return { ok: false, code: 'INVALID_INPUT', message: '不支持的操作', fields: [{ field: 'action', message: '不支持的操作' }] }

      const parsed = def.input.safeParse(rest, { errorMap: chineseErrors })
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error)
        return { ok: false, code: 'INVALID_INPUT', message: fields[0]?.message ?? '输入有误', fields }
      }

      const { openid, session } = await identify(http)
      if (def.who !== 'anyone' && !openid) {
        return { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' }
      }
      let read: Promise<PersonDoc | null> | null = null
      const caller = () => (read ??= openid ? loadPerson(openid) : Promise.resolve(null))
      // A session ended by sign-out or a change of role or status: refused on its next call, whatever the action.
      if (session && !(await sessionStillOn(session, await caller()))) throw sessionEnded()
      const userAgent = http ? header(http, 'user-agent') ?? '' : undefined
      const address = http ? clientAddress(http) : undefined
      let ctx: ActionContext | MemberContext = { openid, caller, session, userAgent, address }
      if (def.who !== 'anyone' && def.who !== 'signedIn') {
        const person = await caller()
        if (!allowed(def.who, person)) return refusal(def.who, person)
        ctx = { ...ctx, person: person! }
      }
      if (def.limit && !def.limit.carriedIn && openid) await spend(openid, `${name}.${actionName}`, def.limit, now())

      const data = await def.handler(parsed.data, ctx)
      return { ok: true, data }
    } catch (err) {
      if (err instanceof ApiFailure) {
        const out: ApiResult<never> = { ok: false, code: err.code, message: err.message }
        if (err.fields) out.fields = err.fields
        if (err.data !== undefined) out.data = err.data
        return out
      }
      if (isTransactionConflict(err)) return { ok: false, code: 'CONFLICT', message: '有人同时在处理这条记录，请刷新后再试' }
      console.error(`[${name}] unexpected error`, err)
      return { ok: false, code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' }
    }
  }

  return async function main(event: unknown): Promise<ApiResult<unknown> | IntegrationResponse> {
    if (!isHttpAccessEvent(event)) return dispatch(event, null)
    const body = requestJson(event)
    if (!body.ok) return integrationResponse({ ok: false, code: 'INVALID_INPUT', message: body.message })
    return integrationResponse(await dispatch(body.value, event))
  }
}

// The hub: one HTTP server in front of the emulated services, as CloudBase presents them.
//   POST /admin                    the server API the SDKs speak (database, storage, functions, wx open API); no
//                                  browser's request is answered (guard.ts)
//   /api/<function>                the HTTP access routes the H5 app calls: the function gets CloudBase's
//                                  integration request (no identity: sessions are the product's own) and its
//                                  integration response is the answer
//   /__emulator/...                metrics, clock, timers, crash injection, inbox, and calls as a mini-program
//                                  client (WeChat vouching for an openid) for tests; all but reading the metrics
//                                  only when started with test controls (guard.ts)
//   everything else                the static H5 build, when one is given (h5Dir)
import fs from 'fs'
import http, { IncomingMessage, ServerResponse } from 'http'
import sirv from 'sirv'
import type { EmulatorConfig } from './config'
import type { HubContext } from './context'
import { createDatabaseService } from './database'
import { AdminError } from './errors'
import { createFunctionsService } from './functions'
import { adminRefusal, controlAllowed, CONTROLS_OFF_MESSAGE, ownOrigins } from './guard'
import type { InvocationResult } from './functions/pool'
import { callerFunction, HttpError, OPENID_PATTERN, readBody, readJson, sendJson } from './http'
import { integrationRequest, sendFunctionResult } from './httpAccess'
import { Metrics } from './metrics'
import type { AdminCall, EmulatedService } from './service'
import { createStorageService } from './storage'
import { createWxService } from './wx'

const API_BODY_LIMIT = 1024 * 1024
const ADMIN_BODY_LIMIT = 16 * 1024 * 1024

export interface Hub {
  url: string
  /** The emulator's clock, as functions and serverDate see it. */
  now(): Date
  close(): Promise<void>
}

export async function startHub(config: EmulatorConfig): Promise<Hub> {
  fs.mkdirSync(config.dataDir, { recursive: true })
  const metrics = new Metrics()
  let baseUrl = ''
  let origins = new Set<string>()
  /** Milliseconds added to the clock functions and serverDate see: tests move time with POST /__emulator/clock. */
  let clockOffset = 0
  const ctx = {
    config,
    metrics,
    url: () => baseUrl,
    clockOffsetMs: () => clockOffset,
  } as HubContext
  ctx.functions = createFunctionsService(ctx)
  const services: EmulatedService[] = [
    createDatabaseService(ctx),
    createStorageService(ctx),
    ctx.functions,
    createWxService(ctx),
  ]
  const serveH5 = config.h5Dir && fs.existsSync(config.h5Dir)
    ? sirv(config.h5Dir, { single: true, dev: false, etag: true })
    : null

  async function handleAdmin(req: IncomingMessage, res: ServerResponse) {
    const requestId = Math.random().toString(16).slice(2)
    try {
      const body = await readJson(req, ADMIN_BODY_LIMIT)
      const action = String(body.action ?? '')
      const service = services.find((s) => s.prefixes.some((p) => action.startsWith(p)))
      if (!service) throw new AdminError('INVALID_ACTION', `action ${action} is not supported by the emulator`)
      const call: AdminCall = { action, body, functionName: callerFunction(req) }
      if (action.startsWith('database.') && await ctx.functions.stopsOperation(call.functionName)) {
        throw new AdminError('FUNCTIONS_EXECUTE_FAIL', 'the calling function instance was killed')
      }
      const reply = await service.handle(call)
      sendJson(res, 200, { ...reply, requestId })
    } catch (err: any) {
      if (err instanceof AdminError) return sendJson(res, err.status, { code: err.code, message: err.message, requestId })
      if (err instanceof HttpError) return sendJson(res, err.status, { code: 'INVALID_PARAM', message: err.message, requestId })
      console.error('[emulator] /admin failed:', err)
      sendJson(res, 500, { code: 'SYS_ERR', message: String(err?.message ?? err), requestId })
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, name: string) {
    const event = integrationRequest(req, url, await readBody(req, API_BODY_LIMIT), config.envId)
    sendOutcome(res, await ctx.functions.invoke(name, event, {}), sendFunctionResult)
  }

  function sendOutcome(res: ServerResponse, outcome: InvocationResult, send: (res: ServerResponse, result: unknown) => void) {
    if (outcome.ok) return send(res, outcome.result)
    if (outcome.reason === 'not-found') return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '没有这项服务' })
    if (outcome.reason === 'unsendable') return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容格式不正确' })
    sendJson(res, 502, { ok: false, code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' })
  }

  async function handleEmulator(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const p = url.pathname
    if (p === '/__emulator/metrics' && req.method === 'GET') return sendJson(res, 200, metrics.snapshot()), true
    if (p === '/__emulator/metrics/reset' && req.method === 'POST') return metrics.reset(), sendJson(res, 200, { ok: true }), true
    const timer = /^\/__emulator\/timers\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(p)
    if (timer && req.method === 'POST') {
      const run = ctx.functions.fireTimer(timer[1], timer[2])
      if (!run) return sendJson(res, 404, { ok: false, message: `no timer ${timer[2]} on ${timer[1]}` }), true
      return sendJson(res, 200, await run), true
    }
    // A mini-program's wx.cloud.callFunction: WeChat vouches for the openid, which the function reads as on CloudBase.
    const client = /^\/__emulator\/client\/([A-Za-z0-9_-]+)$/.exec(p)
    if (client && req.method === 'POST') {
      const body = await readJson(req, API_BODY_LIMIT)
      if (typeof body.openid !== 'string' || !OPENID_PATTERN.test(body.openid)) {
        return sendJson(res, 400, { ok: false, message: 'give the openid WeChat vouches for, and data' }), true
      }
      sendOutcome(res, await ctx.functions.invoke(client[1], body.data ?? {}, { openid: body.openid }), (r, result) => sendJson(r, 200, result))
      return true
    }
    if (p === '/__emulator/crash' && req.method === 'POST') {
      const body = await readJson(req, API_BODY_LIMIT)
      if (typeof body.function !== 'string' || !Number.isInteger(body.afterOps) || body.afterOps < 0) {
        return sendJson(res, 400, { ok: false, message: 'give function and afterOps' }), true
      }
      ctx.functions.armCrash(body.function, body.afterOps)
      return sendJson(res, 200, { ok: true }), true
    }
    if (p === '/__emulator/clock' && req.method === 'GET') return sendJson(res, 200, { offsetMs: clockOffset, now: new Date(Date.now() + clockOffset).toISOString() }), true
    if (p === '/__emulator/clock' && req.method === 'POST') {
      const body = await readJson(req, API_BODY_LIMIT)
      if (typeof body.offsetMs === 'number') clockOffset = body.offsetMs
      else if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) clockOffset = Date.parse(body.now) - Date.now()
      else return sendJson(res, 400, { ok: false, message: 'give offsetMs or now' }), true
      return sendJson(res, 200, { offsetMs: clockOffset }), true
    }
    return false
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    try {
      if (url.pathname === '/admin') {
        const refusal = adminRefusal(req, origins)
        if (refusal) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: refusal })
      }
      if (url.pathname.startsWith('/__emulator/') && !controlAllowed(req.method, url.pathname, config.testControls)) {
        return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: CONTROLS_OFF_MESSAGE })
      }
      // wx-server-sdk's cloud.openapi.* posts multipart protobuf to /admin: the wx service's route answers it.
      const multipart = /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''))
      if (req.method === 'POST' && url.pathname === '/admin' && !multipart) return await handleAdmin(req, res)
      const api = /^\/api\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
      if (api) return await handleApi(req, res, url, api[1])
      if (url.pathname.startsWith('/__emulator/') && await handleEmulator(req, res, url)) return
      for (const s of services) if (s.route && await s.route(req, res, url)) return
      if (serveH5 && (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/__')) {
        return serveH5(req, res, () => sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' }))
      }
      if (url.pathname === '/' && !serveH5) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
        return res.end(`The CloudBase emulator is running${config.h5Dir ? `, but there is no H5 build in ${config.h5Dir}` : ''}.\n`)
      }
      sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '没有这个地址' })
    } catch (err: any) {
      if (err instanceof HttpError) return sendJson(res, err.status, { ok: false, code: 'INVALID_INPUT', message: err.message })
      console.error('[emulator] request failed:', err)
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' })
    }
  })
  // Longer than any client keeps an idle connection, so a client never sends on a socket the server is closing.
  server.keepAliveTimeout = 65000
  server.headersTimeout = 66000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  baseUrl = `http://${config.host}:${port}`
  origins = ownOrigins(config.host, port)

  return {
    url: baseUrl,
    now: () => new Date(Date.now() + clockOffset),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      for (const s of services) await s.close?.()
    },
  }
}


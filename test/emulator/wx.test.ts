// WeChat open APIs through the real SDKs against the emulator: msgSecCheck, subscribe messages (and the inbox),
// mini-program codes. `app.callWxOpenApi` (wx.api) goes through the running emulator; wx-server-sdk's
// `cloud.openapi.*` (wx.openApi, multipart + protobuf) goes to the wx service's /admin route on a small server
// in this process, since that route is what answers it.
import crypto from 'crypto'
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import type { HubContext } from '../../emulator/context'
import { createWxService } from '../../emulator/wx'
import { normalizeForMatch, parseWordList } from '../../emulator/wx/words'
import { bareEmulatorBed, sdkApp, startBareEmulator } from '../helpers/emulator'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const bed = bareEmulatorBed()

const openid = () => `o_${crypto.randomBytes(6).toString('hex')}`
const call = async (apiName: string, requestData: unknown) => (await bed.app.callWxOpenApi({ apiName, requestData })).result
const inbox = async (who: string) => (await fetch(`${bed.emu.url}/__emulator/inbox?openid=${who}`)).json()

describe('security.msgSecCheck', () => {
  test('ordinary text passes, in the v2 shape', async () => {
    const r = await call('/wxa/msg_sec_check', { content: '今天社区党课讲了老党员的故事，很受教育。', version: 2, scene: 2, openid: openid() })
    expect(r).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } })
    expect(Array.isArray(r.detail)).toBe(true)
    expect(r.detail[0]).toMatchObject({ strategy: 'content_model', errcode: 0, suggest: 'pass' })
    expect(typeof r.trace_id).toBe('string')
  })

  test('a listed word is risky, even split by spaces or in full width', async () => {
    const r = await call('/wxa/msg_sec_check', { content: '大家好，这是 违 禁 测 试 词。', version: 2, scene: 2, openid: openid() })
    expect(r.errcode).toBe(0)
    expect(r.result).toEqual({ suggest: 'risky', label: 21000 })
    expect(r.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', suggest: 'risky', keyword: '违禁测试词' }))

    const fraud = await call('/wxa/msg_sec_check', { content: '兼职刷单，高额返利！', version: 2, scene: 3, openid: openid() })
    expect(fraud.result).toEqual({ suggest: 'risky', label: 20008 })

    // The nickname and title are checked too.
    const title = await call('/wxa/msg_sec_check', { content: '正文', title: '违禁测试词', version: 2, scene: 1, openid: openid() })
    expect(title.result.suggest).toBe('risky')
  })

  test('v2 without an openid is refused with WeChat\'s errcode; v1 answers 87014 for risky text', async () => {
    const r = await call('/wxa/msg_sec_check', { content: '你好', version: 2, scene: 2 })
    expect(r).toMatchObject({ errcode: 40003 })
    const badScene = await call('/wxa/msg_sec_check', { content: '你好', version: 2, scene: 9, openid: openid() })
    expect(badScene.errcode).toBe(47001)
    expect(await call('/wxa/msg_sec_check', { content: '违禁测试词' })).toMatchObject({ errcode: 87014 })
    expect(await call('/wxa/msg_sec_check', { content: '你好' })).toEqual({ errcode: 0, errmsg: 'ok' })
  })

  test('word list parsing and normalisation', () => {
    const list = parseWordList('# c\n[20008 欺诈]\n刷单返利  # trailing\n\n[21000]\nＡＢ Ｃ\n')
    expect(list.map((e) => [e.word, e.label])).toEqual([['刷单返利', 20008], ['ＡＢ Ｃ', 21000]])
    expect(normalizeForMatch('Ａ b\u200b.C')).toBe('abc')
  })
})

describe('subscribeMessage.send and the inbox', () => {
  test('a message is recorded with its time and listed newest first', async () => {
    const who = openid()
    const first = await call('/cgi-bin/message/subscribe/send', {
      touser: who,
      template_id: 'TPL_REVIEW',
      page: 'pages/story/index?id=s1',
      miniprogram_state: 'formal',
      data: { thing1: { value: '《老兵的一天》已通过审核' }, time2: { value: '2026年11月27日 10:00' } },
    })
    expect(first).toEqual({ errcode: 0, errmsg: 'ok' })
    await call('/cgi-bin/message/subscribe/send', { touser: who, template_id: 'TPL_CLASS', data: { thing1: { value: '周五党课' } } })
    await call('/cgi-bin/message/subscribe/send', { touser: openid(), template_id: 'TPL_CLASS', data: { thing1: { value: '别人的' } } })

    const list = await inbox(who)
    expect(list.map((m: any) => m.template_id)).toEqual(['TPL_CLASS', 'TPL_REVIEW'])
    expect(list[1]).toMatchObject({
      touser: who,
      page: 'pages/story/index?id=s1',
      data: { thing1: { value: '《老兵的一天》已通过审核' }, time2: { value: '2026年11月27日 10:00' } },
    })
    expect(Math.abs(Date.parse(list[1].sentAt) - Date.now())).toBeLessThan(60_000)

    const html = await (await fetch(`${bed.emu.url}/__emulator/inbox.html?openid=${who}`)).text()
    expect(html).toContain('订阅消息收件箱')
    expect(html).toContain('《老兵的一天》已通过审核')
    expect(html).not.toContain('别人的')
  })

  test('a thing over 20 characters, an empty value or no touser is refused and not recorded', async () => {
    const who = openid()
    const long = await call('/cgi-bin/message/subscribe/send', {
      touser: who, template_id: 'T', data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } },
    })
    expect(long.errcode).toBe(47003)
    const exactly20 = await call('/cgi-bin/message/subscribe/send', {
      touser: who, template_id: 'T', data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十' } },
    })
    expect(exactly20.errcode).toBe(0)
    expect((await call('/cgi-bin/message/subscribe/send', { touser: who, template_id: 'T', data: { thing1: { value: '' } } })).errcode).toBe(47003)
    expect((await call('/cgi-bin/message/subscribe/send', { touser: who, template_id: 'T', data: { phrase3: { value: '六个汉字不行' } } })).errcode).toBe(47003)
    expect((await call('/cgi-bin/message/subscribe/send', { template_id: 'T', data: { thing1: { value: 'x' } } })).errcode).toBe(40003)
    expect(await inbox(who)).toHaveLength(1)
  })
})

describe('wxacode.getUnlimited', () => {
  test('answers a PNG of the H5 URL for page and scene', async () => {
    const r = await call('/wxa/getwxacodeunlimit', { scene: 'c=class01&k=9', page: 'pages/classroom/index', width: 280 })
    expect(r.errcode).toBe(0)
    expect(r.contentType).toBe('image/png')
    const png = Buffer.from(r.buffer, 'base64')
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBe(280) // width
  })

  test('a scene over 32 characters (or empty) is refused with 40169; a page with a leading / with 41030', async () => {
    const long = await call('/wxa/getwxacodeunlimit', { scene: 'a'.repeat(33), page: 'pages/classroom/index' })
    expect(long).toMatchObject({ errcode: 40169 })
    expect(long.errmsg).toContain('invalid length for scene')
    expect((await call('/wxa/getwxacodeunlimit', { scene: '', page: 'pages/classroom/index' })).errcode).toBe(40169)
    expect((await call('/wxa/getwxacodeunlimit', { scene: '中文', page: 'pages/classroom/index' })).errcode).toBe(40169)
    expect((await call('/wxa/getwxacodeunlimit', { scene: 'a'.repeat(32), page: '/pages/classroom/index' })).errcode).toBe(41030)
  })
})

test('an API the emulator does not know answers WeChat\'s invalid-url errcode', async () => {
  expect(await call('/cgi-bin/unknown/thing', {})).toMatchObject({ errcode: 40066 })
})

test('subscribe messages survive a restart', async () => {
  const who = openid()
  await call('/cgi-bin/message/subscribe/send', { touser: who, template_id: 'T', data: { thing1: { value: '重启之后还在' } } })
  await bed.emu.stop()
  bed.emu = await startBareEmulator({ dataDir: bed.emu.dataDir })
  bed.app = sdkApp(bed.emu)
  const list = await inbox(who)
  expect(list).toHaveLength(1)
  expect(list[0].data.thing1.value).toBe('重启之后还在')
})

describe('security.mediaCheckAsync', () => {
  // Its own emulator: verdicts pushed at once to a function that records them.
  let emu: Awaited<ReturnType<typeof startBareEmulator>>
  let app: any
  beforeAll(async () => {
    emu = await startBareEmulator({
      collections: [{ name: 'events', indexes: [] }],
      env: { WX_MESSAGE_PUSH_FUNCTION: 'recorder', WX_MEDIA_CHECK_DELAY_MS: '0' },
    })
    app = sdkApp(emu)
  })
  afterAll(async () => { await emu?.stop() })

  const urlOf = async (fileID: string) => (await app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL as string
  const upload = async (bytes: string) =>
    (await app.uploadFile({ cloudPath: `media/${crypto.randomBytes(4).toString('hex')}.jpg`, fileContent: Buffer.from(bytes) })).fileID as string

  test('answers a trace id, then pushes pass, risky, or for media it cannot download an errcode and no verdict', async () => {
    const clean = await urlOf(await upload('a clean photo'))
    const risky = await urlOf(await upload('RISKY-TEST-IMAGE'))
    const goneId = await upload('soon deleted')
    const gone = await urlOf(goneId)
    await app.deleteFile({ fileList: [goneId] })
    const traces: Record<string, string> = {}
    for (const [name, url] of Object.entries({ clean, risky, gone })) {
      const r = (await app.callWxOpenApi({ apiName: '/wxa/media_check_async', requestData: { media_url: url, media_type: 2, version: 2, scene: 4, openid: 'o_media' } })).result
      expect(r).toMatchObject({ errcode: 0, trace_id: expect.any(String) })
      traces[r.trace_id] = name
    }
    const deadline = Date.now() + 10000
    let events: any[] = []
    while (events.length < 3 && Date.now() < deadline) {
      events = (await app.database().collection('events').get()).data.map((d: any) => d.event)
      await new Promise((r) => setTimeout(r, 100))
    }
    const byName = Object.fromEntries(events.map((e) => [traces[e.trace_id], e]))
    expect(byName.clean).toMatchObject({ MsgType: 'event', Event: 'wxa_media_check', errcode: 0, result: { suggest: 'pass' } })
    expect(byName.risky).toMatchObject({ errcode: 0, result: { suggest: 'risky' } })
    expect(byName.gone.errcode).not.toBe(0)
    expect(byName.gone.result).toBeUndefined()
  })
})

// wx-server-sdk's cloud.openapi.* sends wx.openApi: multipart/form-data to /admin with a protobuf request, reading a
// protobuf CommOpenApiResp. The wx service answers it in its route; this drives that route with the real wx-server-sdk.
describe('wx.openApi (wx-server-sdk cloud.openapi) against the wx service route', () => {
  let server: http.Server
  let dataDir: string
  let savedEnv: NodeJS.ProcessEnv
  let cloud: any

  beforeAll(async () => {
    savedEnv = { ...process.env }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-wx-'))
    let base = ''
    const ctx = {
      config: { dataDir, sensitiveWordsFile: path.resolve(__dirname, '..', '..', 'emulator', 'sensitive-words.txt'), envId: 'pioneer-local' },
      url: () => base,
      clockOffsetMs: () => 0,
    } as unknown as HubContext
    const service = createWxService(ctx)
    server = http.createServer(async (req, res) => {
      const handled = await service.route!(req, res, new URL(req.url ?? '/', 'http://localhost'))
      if (!handled) res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as any).port}`
    Object.assign(process.env, {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${base}/admin` }),
      TENCENTCLOUD_SECRETID: 'fn.story',
      TENCENTCLOUD_SECRETKEY: 'local',
      TCB_CONTEXT_KEYS: 'TCB_ENV',
      TCB_ENV: 'pioneer-local',
      SILENCE: 'true',
    })
    cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    process.env = savedEnv
  })

  test('security.msgSecCheck', async () => {
    const pass = await cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 2, openid: 'o_a' })
    expect(pass).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    const risky = await cloud.openapi.security.msgSecCheck({ content: '违禁 测试词', version: 2, scene: 2, openid: 'o_a' })
    expect(risky.result).toEqual({ suggest: 'risky', label: 21000 })
    await expect(cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 2 })).rejects.toMatchObject({ errCode: 40003 })
  })

  test('subscribeMessage.send records the sending function; a long thing is 47003', async () => {
    const r = await cloud.openapi.subscribeMessage.send({ touser: 'o_b', templateId: 'T', page: 'pages/story/index', data: { thing1: { value: '审核通过' } } })
    expect(r.errCode).toBe(0)
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o_b', templateId: 'T', data: { thing1: { value: 'x'.repeat(21) } } }))
      .rejects.toMatchObject({ errCode: 47003 })
    const lines = fs.readFileSync(path.join(dataDir, 'wx', 'subscribe-messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toEqual([expect.objectContaining({ touser: 'o_b', template_id: 'T', from: 'story', data: { thing1: { value: '审核通过' } } })])
  })

  test('wxacode.getUnlimited answers the PNG as a buffer; a long scene is 40169', async () => {
    const r = await cloud.openapi.wxacode.getUnlimited({ scene: 'c=1', page: 'pages/classroom/index' })
    expect(r.contentType).toBe('image/png')
    expect(Buffer.from(r.buffer).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errCode: 40169 })
  })

  test('an API outside the table is refused as CloudBase refuses an unpermitted one', async () => {
    await expect(cloud.openapi.customerServiceMessage.send({ touser: 'o_b', msgtype: 'text' })).rejects.toMatchObject({ errCode: -604101 })
  })
})

// wx-server-sdk (which pins its own @cloudbase/node-sdk 3.17.2) reaches the emulator the same way: its node-sdk reads
// TCB_CONTEXT_CNFG.URL and the TENCENTCLOUD_* keys, so they are set before it is required.
import { RunningEmulator, startBareEmulator } from '../helpers/emulator'

jest.setTimeout(60_000)

let emu: RunningEmulator
let cloud: any

beforeAll(async () => {
  emu = await startBareEmulator()
  Object.assign(process.env, emu.sdkEnv)
  cloud = require('wx-server-sdk')
  cloud.init({ env: emu.sdkEnv.TCB_ENV })
})

afterAll(async () => {
  await emu?.stop()
})

describe('wx-server-sdk database', () => {
  test('add, then get by id and by query, in wx-server-sdk’s own shapes', async () => {
    const db = cloud.database()
    await db.createCollection('wx_notes')
    const when = new Date(1700000000123)
    const added = await db.collection('wx_notes').add({ data: { title: '党课', seats: 30, when, at: db.serverDate() } })
    expect(added._id).toMatch(/^[0-9a-f]{32}$/)

    const one = await db.collection('wx_notes').doc(added._id).get()
    expect(one.data).toMatchObject({ _id: added._id, title: '党课', seats: 30 })
    expect(one.data.when.getTime()).toBe(when.getTime())
    expect(one.data.at).toBeInstanceOf(Date)

    const found = await db.collection('wx_notes').where({ seats: db.command.gte(30) }).get()
    expect(found.data.map((d: any) => d._id)).toEqual([added._id])

    const updated = await db.collection('wx_notes').doc(added._id).update({ data: { seats: db.command.inc(-1) } })
    expect(updated.stats.updated).toBe(1)
    expect((await db.collection('wx_notes').count()).total).toBe(1)
  })

  test('a missing collection fails with CloudBase’s code in the message', async () => {
    const err = await cloud.database().collection('wx_nowhere').get().catch((e: any) => e)
    expect(String(err.errMsg ?? err.message)).toMatch(/-502005|DATABASE_COLLECTION_NOT_EXIST|not exist/)
  })
})

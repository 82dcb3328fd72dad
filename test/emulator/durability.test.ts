// An answer of ok means the write is durable: kill -9 the emulator in the middle of a write load, restart it on the
// same data folder, and every write that was answered ok is there.
import { RunningEmulator, sdkApp, startBareEmulator } from '../helpers/emulator'

const LOAD = [{ name: 'load', indexes: [] }]

let emu: RunningEmulator | undefined
afterAll(async () => { await emu?.stop() })

test('every acknowledged write survives kill -9', async () => {
  emu = await startBareEmulator({ collections: LOAD })
  const dataDir = emu.dataDir
  const db = sdkApp(emu).database()
  const acknowledged: string[] = []
  let stop = false
  let n = 0
  const writer = async (w: number) => {
    while (!stop) {
      const id = `w${w}-${n++}`
      try {
        await db.collection('load').add({ _id: id, actor: 'load', at: new Date(), n })
        acknowledged.push(id)
      } catch {
        return // the emulator is gone: this write was never acknowledged
      }
    }
  }
  const writers = Array.from({ length: 8 }, (_, w) => writer(w))
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20))
  await emu.kill9()
  stop = true
  await Promise.all(writers)

  emu = await startBareEmulator({ collections: LOAD, dataDir })
  const db2 = sdkApp(emu).database()
  const found = new Set<string>()
  for (let offset = 0; ; offset += 1000) {
    const { data } = await db2.collection('load').field({ _id: true }).skip(offset).limit(1000).get()
    data.forEach((d: { _id: string }) => found.add(d._id))
    if (data.length < 1000) break
  }
  const lost = acknowledged.filter((id) => !found.has(id))
  expect(acknowledged.length).toBeGreaterThanOrEqual(300)
  expect(lost).toEqual([])
})

// Cloud storage through the real @cloudbase/node-sdk against the emulator: upload, temporary URLs, download,
// delete, and the links' signatures, expiry and path safety.
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { bareEmulatorBed } from '../helpers/emulator'

const bed = bareEmulatorBed()

const unique = () => `${Date.now()}-${crypto.randomBytes(3).toString('hex')}`

async function setClock(offsetMs: number) {
  const res = await fetch(`${bed.emu.url}/__emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetMs }),
  })
  expect(res.status).toBe(200)
}

async function uploadOne(cloudPath: string, bytes = crypto.randomBytes(64)) {
  const { fileID } = await bed.app.uploadFile({ cloudPath, fileContent: bytes })
  const { fileList } = await bed.app.getTempFileURL({ fileList: [fileID] })
  return { fileID, bytes, url: fileList[0].tempFileURL as string }
}

test('round trip: upload, temporary URL, GET the same bytes, delete, then missing', async () => {
  const bytes = crypto.randomBytes(300 * 1024)
  const cloudPath = `stories/${unique()}/photo.jpg`
  const { fileID } = await bed.app.uploadFile({ cloudPath, fileContent: bytes })
  expect(fileID).toMatch(/^cloud:\/\/pioneer-local\.[0-9a-f]{4}-pioneer-local-\d+\//)
  expect(fileID.endsWith(`/${cloudPath}`)).toBe(true)

  const got = await bed.app.getTempFileURL({ fileList: [fileID] })
  expect(got.fileList).toHaveLength(1)
  const [item] = got.fileList
  expect(item).toMatchObject({ code: 'SUCCESS', fileID })
  expect(item.tempFileURL.startsWith(`${bed.emu.url}/__storage/download/${cloudPath}?`)).toBe(true)
  // Default lifetime: two hours.
  const t = Number(new URL(item.tempFileURL).searchParams.get('t'))
  expect(Math.abs(t - (Date.now() / 1000 + 7200))).toBeLessThan(60)

  const res = await fetch(encodeURI(item.tempFileURL))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)

  const downloaded = await bed.app.downloadFile({ fileID })
  expect(Buffer.from(downloaded.fileContent).equals(bytes)).toBe(true)

  const deleted = await bed.app.deleteFile({ fileList: [fileID] })
  expect(deleted.fileList).toEqual([{ code: 'SUCCESS', fileID }])

  const after = await bed.app.getTempFileURL({ fileList: [fileID] })
  expect(after.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' })
  expect((await fetch(encodeURI(item.tempFileURL))).status).toBe(404)

  const again = await bed.app.deleteFile({ fileList: [fileID] })
  expect(again.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', fileID })
})

test('Chinese file names, maxAge, several files in one call, HEAD', async () => {
  const a = await uploadOne(`故事/${unique()}/老党员 合影.png`)
  const missing = a.fileID.replace('合影.png', '没有这个.png')
  const got = await bed.app.getTempFileURL({ fileList: [{ fileID: a.fileID, maxAge: 60 }, missing] })
  expect(got.fileList.map((f: any) => f.code)).toEqual(['SUCCESS', 'STORAGE_FILE_NONEXIST'])
  const t = Number(new URL(encodeURI(got.fileList[0].tempFileURL)).searchParams.get('t'))
  expect(Math.abs(t - (Date.now() / 1000 + 60))).toBeLessThan(10)

  const res = await fetch(encodeURI(got.fileList[0].tempFileURL))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await res.arrayBuffer()).equals(a.bytes)).toBe(true)

  const info = await bed.app.getFileInfo({ fileList: [a.fileID] })
  expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: a.bytes.length, mime: 'image/png', fileName: '老党员 合影.png' })
})

test('a forged or altered link is refused', async () => {
  const { url, bytes } = await uploadOne(`forge/${unique()}/a.txt`)
  const ok = await fetch(url)
  expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true)

  const u = new URL(url)
  const sign = u.searchParams.get('sign')!
  const t = Number(u.searchParams.get('t'))

  const flipped = new URL(url)
  flipped.searchParams.set('sign', sign.slice(0, -1) + (sign.endsWith('0') ? '1' : '0'))
  const forged = await fetch(flipped)
  expect(forged.status).toBe(403)
  expect((await forged.json()).code).toBe('CDN_INVALID_SIGNATURE')

  const longer = new URL(url)
  longer.searchParams.set('t', String(t + 86400))
  expect((await fetch(longer)).status).toBe(403)

  const unsigned = new URL(url)
  unsigned.search = ''
  const noSign = await fetch(unsigned)
  expect(noSign.status).toBe(403)
  expect((await noSign.json()).code).toBe('CDN_SIGNATURE_MISSING')

  // The signature of one file does not open another.
  const other = await uploadOne(`forge/${unique()}/b.txt`)
  const swapped = new URL(other.url)
  swapped.search = u.search
  expect((await fetch(swapped)).status).toBe(403)
})

test('an expired link is refused (the emulator clock moves past its max_age)', async () => {
  const { fileID, bytes } = await uploadOne(`expiry/${unique()}/a.bin`)
  const { fileList } = await bed.app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  const url = fileList[0].tempFileURL
  try {
    await setClock(61_000)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect((await expired.json()).code).toBe('CDN_SIGNATURE_EXPIRED')
  } finally {
    await setClock(0)
  }
  const fresh = await fetch(url)
  expect(Buffer.from(await fresh.arrayBuffer()).equals(bytes)).toBe(true)
})

test('path traversal is refused everywhere', async () => {
  for (const cloudPath of ['../escape.txt', 'a/../../escape.txt', '/etc/escape.txt', 'a//b.txt', 'a\\..\\b.txt']) {
    await expect(bed.app.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  }

  const { url } = await uploadOne(`safe/${unique()}/a.txt`)
  const { search } = new URL(url)
  const bucket = 'cloud://pioneer-local.7069-pioneer-local-1250000000'
  const tmp = await bed.app.getTempFileURL({ fileList: [`${bucket}/../database.sqlite`, `${bucket}/storage/../../database.sqlite`] })
  for (const f of tmp.fileList) {
    expect(f.code).not.toBe('SUCCESS')
    expect(f.tempFileURL).toBe('')
  }
  const del = await bed.app.deleteFile({ fileList: [`${bucket}/../database.sqlite`] })
  expect(del.fileList[0].code).not.toBe('SUCCESS')
  expect(fs.existsSync(path.join(bed.emu.dataDir, 'database.sqlite'))).toBe(true)

  // Encoded slashes and dots reach the routes undecoded by the URL parser; they are refused all the same.
  for (const p of ['..%2F..%2Fdatabase.sqlite', '%2E%2E%2F%2E%2E%2Fdatabase.sqlite', 'a%2F..%2F..%2F..%2Fdatabase.sqlite', '..%5C..%5Cdatabase.sqlite']) {
    const get = await fetch(`${bed.emu.url}/__storage/download/${p}${search}`)
    expect(get.status).toBe(400)
    const put = await fetch(`${bed.emu.url}/__storage/upload/${p}${search}`, { method: 'PUT', body: 'owned' })
    expect(put.status).toBe(400)
  }
  expect(fs.readdirSync(bed.emu.dataDir).sort()).not.toContain('escape.txt')
  expect(fs.readFileSync(path.join(bed.emu.dataDir, 'database.sqlite'), 'utf8')).not.toBe('owned')
})

test('the upload URL only accepts the signed path, before it expires', async () => {
  const cloudPath = `h5/${unique()}/photo.png`
  const meta = await bed.app.getUploadMetadata({ cloudPath })
  const { url, fileId } = meta.data
  expect(fileId.endsWith(`/${cloudPath}`)).toBe(true)

  const unsigned = new URL(url)
  unsigned.search = ''
  const refused = await fetch(unsigned, { method: 'PUT', body: 'x' })
  expect(refused.status).toBe(403)
  expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>')

  const elsewhere = new URL(url)
  elsewhere.pathname = elsewhere.pathname.replace('photo.png', 'other.png')
  expect((await fetch(elsewhere, { method: 'PUT', body: 'x' })).status).toBe(403)

  try {
    await setClock(16 * 60_000)
    expect((await fetch(url, { method: 'PUT', body: 'x' })).status).toBe(403)
  } finally {
    await setClock(0)
  }

  const bytes = crypto.randomBytes(1000)
  const put = await fetch(url, { method: 'PUT', body: bytes })
  expect(put.status).toBe(200)
  const { fileList } = await bed.app.getTempFileURL({ fileList: [fileId] })
  const res = await fetch(fileList[0].tempFileURL)
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
})

test('an upload URL stores once: a second PUT with it is refused and the stored bytes stay', async () => {
  const cloudPath = `h5/${unique()}/once.jpg`
  const { url, fileId } = (await bed.app.getUploadMetadata({ cloudPath })).data
  // An upload that fails (too large) does not use the URL up.
  const tooLarge = await fetch(url, { method: 'PUT', headers: { 'content-length': String(51 * 1024 * 1024) }, body: 'x' }).catch(() => null)
  expect(tooLarge === null || tooLarge.status === 400).toBe(true)
  const first = crypto.randomBytes(500)
  expect((await fetch(url, { method: 'PUT', body: first })).status).toBe(200)
  const second = await fetch(url, { method: 'PUT', body: crypto.randomBytes(500) })
  expect(second.status).toBe(403)
  expect(await second.text()).toContain('<Code>AccessDenied</Code>')
  // Two at once with a fresh URL: exactly one stores.
  const other = (await bed.app.getUploadMetadata({ cloudPath: `h5/${unique()}/race.jpg` })).data.url
  const statuses = await Promise.all([1, 2, 3].map(() => fetch(other, { method: 'PUT', body: crypto.randomBytes(100) }).then((r) => r.status)))
  expect(statuses.sort()).toEqual([200, 403, 403])
  const { fileList } = await bed.app.getTempFileURL({ fileList: [fileId] })
  expect(Buffer.from(await (await fetch(fileList[0].tempFileURL)).arrayBuffer()).equals(first)).toBe(true)
})

test('the server SDK may still write a path again with a new upload (uploadFile), as on CloudBase', async () => {
  const cloudPath = `exports/${unique()}/sheet.xlsx`
  await bed.app.uploadFile({ cloudPath, fileContent: Buffer.from('first') })
  const { fileID } = await bed.app.uploadFile({ cloudPath, fileContent: Buffer.from('second') })
  const downloaded = await bed.app.downloadFile({ fileID })
  expect(Buffer.from(downloaded.fileContent).toString()).toBe('second')
})

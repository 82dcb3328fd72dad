// A site's photos follow the stories' rule: only photos its secretary uploaded into their own folder, and that are
// stored, are accepted; each goes through WeChat's media check and is shown to the public only after a `pass`
// verdict (its managers see it as being checked); a risky one is taken off the site.
import { callApi } from '../helpers/api'
import { sdkApp } from '../helpers/emulator'
import { siteInput, useTestbed } from './support'

// WeChat's verdicts are delivered here by hand (the emulator's own would come an hour later).
const bed = useTestbed({ WX_MEDIA_CHECK_DELAY_MS: String(60 * 60 * 1000) })

const A = () => bed.demo['demo-secretary']
const photos = async (id: string, who = bed.anonymous) => (await who.call('site', 'get', { id })).data.photos
const cover = async (id: string) => (await bed.anonymous.call('site', 'list', {})).data.items.find((s: { id: string }) => s.id === id).photo

/** The media check's verdict on a site's photo, pushed to the message-push function (story) as WeChat does. */
async function deliver(id: string, fileID: string, suggest: 'pass' | 'risky') {
  const check = (await bed.stored('sites', id)).photoChecks.find((c: { fileID: string }) => c.fileID === fileID)
  return callApi(bed.emu, null, 'story', {
    MsgType: 'event', Event: 'wxa_media_check', trace_id: check.traceId, errcode: 0, result: { suggest, label: 100 },
  })
}

test('a photo shows on the site once the media check passes; until then only its managers see it, as being checked', async () => {
  const photo = await bed.photo(A(), 'the site, freshly painted', 'site')
  const id = await bed.site({ photos: [photo] })
  expect(await photos(id)).toEqual([])
  expect(await cover(id)).toBe('')
  expect(await photos(id, A())).toEqual([{ fileID: photo, url: expect.any(String), check: 'pending' }])
  expect(await deliver(id, photo, 'pass')).toEqual({ ok: true, data: { photo: 'shown' } })
  expect(await photos(id)).toEqual([{ fileID: photo, url: expect.any(String) }])
  expect(await cover(id)).not.toBe('')

  // A photo added by an edit is checked in its turn; the one already cleared stays shown.
  const added = await bed.photo(A(), 'the reading corner', 'site')
  expect((await A().call('site', 'update', { id, photos: [photo, added] })).ok).toBe(true)
  expect((await photos(id)).map((p: { fileID: string }) => p.fileID)).toEqual([photo])
  await deliver(id, added, 'pass')
  expect((await photos(id)).map((p: { fileID: string }) => p.fileID)).toEqual([photo, added])
})

test('a risky photo is taken off the site', async () => {
  const clean = await bed.photo(A(), 'a clean photo of the hall', 'site')
  const risky = await bed.photo(A(), 'a photo that is judged risky', 'site')
  const id = await bed.site({ photos: [clean, risky] })
  expect(await deliver(id, risky, 'risky')).toEqual({ ok: true, data: { photo: 'removed' } })
  expect((await bed.stored('sites', id)).photos).toEqual([clean])
  expect((await photos(id, A())).map((p: { fileID: string }) => p.fileID)).toEqual([clean])
})

test('a photo not uploaded, another person’s photo or any other stored file is refused, and nothing is written', async () => {
  const notYet = (await A().call('site', 'uploadPhoto')).data.fileID
  const someoneElses = await bed.photo(bed.demo['demo-secretary-b'], 'their site', 'site')
  const storyPhoto = await bed.photo(A(), 'a photo for a story')
  const { fileID: sheet } = await sdkApp(bed.emu).uploadFile({ cloudPath: 'exports/usage.xlsx', fileContent: Buffer.from('sheet') })
  const before = (await bed.db().collection('sites').count()).total
  for (const [photo, message] of [
    [notYet, '有照片还没有上传完成，请重新上传'], [someoneElses, '只能使用您自己上传的照片，请重新上传'],
    [storyPhoto, '只能使用您自己上传的照片，请重新上传'], [sheet, '只能使用您自己上传的照片，请重新上传'],
  ]) {
    const r = await A().call('site', 'create', siteInput({ photos: [photo] }))
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'photos', message }] })
  }
  expect((await bed.db().collection('sites').count()).total).toBe(before)
  const id = await bed.site({})
  const r = await A().call('site', 'update', { id, photos: [sheet] })
  expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'photos' }] })
  expect((await bed.stored('sites', id)).photos).toEqual([])
})

// Only photos a person uploaded into their own folder, and that are there, go on a story; an upload URL stores once;
// a photo is shown to readers only after a `pass` verdict. WeChat's verdicts are delivered here by hand (the
// emulator's own would come an hour later), so each verdict's effect is seen exactly.
import { ApiAnswer, callApi, fireTimer } from '../helpers/api'
import { sdkApp } from '../helpers/emulator'
import { storyInput, useTestbed } from './support'

const bed = useTestbed({ WX_MEDIA_CHECK_DELAY_MS: String(60 * 60 * 1000) })

const PASS = { errcode: 0, result: { suggest: 'pass', label: 100 } }
const RISKY = { errcode: 0, result: { suggest: 'risky', label: 20002 } }
const DOUBT = { errcode: 0, result: { suggest: 'review', label: 20002 } }
const ERROR = { errcode: -1008, errmsg: 'media download failed' }

/** WeChat's push of a verdict for one of the story function's checks. */
const deliver = (traceId: string, verdict: Record<string, unknown>) =>
  callApi(bed.emu, null, 'story', { MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, ...verdict })

const timer = () => fireTimer(bed.emu, 'story', 'recountFigures')

/** The checks awaiting a verdict on a story, by photo. */
async function traceOf(id: string, fileID: string): Promise<string> {
  const story = await bed.stored('stories', id)
  const check = (story.photoChecks ?? []).find((c: { fileID: string }) => c.fileID === fileID)
  expect(check).toBeDefined()
  return check.traceId
}

const fileIDs = (r: ApiAnswer) => r.data.images.map((i: { fileID: string }) => i.fileID)

async function publishedWith(images: string[]) {
  const author = bed.demo['demo-member']
  const id = await bed.submit(author, { images })
  expect((await bed.demo['demo-admin'].call('story', 'review', { id, decision: 'approve' })).ok).toBe(true)
  return { author, id }
}

describe('only the caller’s own uploaded photos are accepted', () => {
  test('a photo not uploaded yet is refused, and no story is stored', async () => {
    const author = await bed.newMember('org-branch-a1')
    const ticket = (await author.call('story', 'uploadPhoto')).data
    const r = await author.call('story', 'submit', storyInput({ images: [ticket.fileID] }))
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'images', message: '有照片还没有上传完成，请重新上传' }] })
    expect((await author.call('story', 'mine')).data.items).toHaveLength(0)
    expect((await bed.db().collection('audit').where({ actor: author.openid }).count()).total).toBe(0)
  })

  test('another person’s photo, or any other file in storage (an exported sheet), is refused', async () => {
    const author = bed.demo['demo-retired']
    const someoneElses = await bed.photo(bed.demo['demo-member'])
    const { fileID: sheet } = await sdkApp(bed.emu).uploadFile({ cloudPath: 'exports/attendance.xlsx', fileContent: Buffer.from('sheet') })
    const mine = await bed.photo(author)
    for (const images of [[someoneElses], [sheet], [mine, sheet]]) {
      const r = await author.call('story', 'submit', storyInput({ images }))
      expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'images', message: '只能使用您自己上传的照片，请重新上传' }] })
    }
    // A path that climbs out of the folder is not the folder.
    const climbing = mine.replace(/[^/]+$/, '../x.jpg')
    expect((await author.call('story', 'submit', storyInput({ images: [climbing] }))).code).toBe('INVALID_INPUT')
  })

  test('a revision keeps the story’s photos and accepts new ones only from the author’s folder', async () => {
    const author = bed.demo['demo-member']
    const first = await bed.photo(author)
    const id = await bed.submit(author, { images: [first] })
    expect((await bed.demo['demo-admin'].call('story', 'review', { id, decision: 'return', reason: '请补充细节' })).ok).toBe(true)
    const foreign = await bed.photo(bed.demo['demo-member-b'])
    const refused = await author.call('story', 'revise', { id, ...storyInput({ images: [first, foreign] }) })
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'images' }] })
    const second = await bed.photo(author)
    expect((await author.call('story', 'revise', { id, ...storyInput({ images: [first, second] }) })).ok).toBe(true)
    const checks = (await bed.stored('stories', id)).photoChecks.map((c: { fileID: string }) => c.fileID)
    expect(checks).toEqual([first, second])
  })

  test('an upload URL stores once: a second PUT cannot swap the photo', async () => {
    const author = bed.demo['demo-member']
    const ticket = (await author.call('story', 'uploadPhoto')).data
    const put = (bytes: string) => fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(Buffer.from(bytes)) })
    expect((await put('the checked photo')).status).toBe(200)
    const again = await put('RISKY-TEST-IMAGE swapped in after the check')
    expect(again.status).toBe(403)
    const { fileList } = await sdkApp(bed.emu).getTempFileURL({ fileList: [ticket.fileID] })
    expect(Buffer.from(await (await fetch(fileList[0].tempFileURL)).arrayBuffer()).toString()).toBe('the checked photo')
  })
})

describe('a photo is shown only after a pass verdict', () => {
  test('until its verdict, readers do not see the photo; its author and reviewers see it as being checked', async () => {
    const author = bed.demo['demo-member']
    const photo = await bed.photo(author)
    const { id } = await publishedWith([photo])
    const reader = await bed.anonymous.call('story', 'get', { id })
    expect(reader.data).toMatchObject({ images: [], imageCount: 0, cover: '' })
    expect((await bed.anonymous.call('story', 'feed')).data.items.find((c: { id: string }) => c.id === id)).toMatchObject({ imageCount: 0, cover: '' })
    expect((await author.call('story', 'get', { id })).data.images).toEqual([{ fileID: photo, url: expect.any(String), check: 'pending' }])

    expect(await deliver(await traceOf(id, photo), PASS)).toEqual({ ok: true, data: { photo: 'shown' } })
    expect((await bed.anonymous.call('story', 'get', { id })).data).toMatchObject({ images: [{ fileID: photo, url: expect.any(String) }], imageCount: 1 })
    expect((await author.call('story', 'get', { id })).data.images[0].check).toBeUndefined()
  })

  test('a risky verdict takes the photo off the story', async () => {
    const photo = await bed.photo(bed.demo['demo-member'])
    const { author, id } = await publishedWith([photo])
    expect(await deliver(await traceOf(id, photo), RISKY)).toEqual({ ok: true, data: { photo: 'removed' } })
    expect(fileIDs(await author.call('story', 'get', { id }))).toEqual([])
  })

  test.each([['an error', ERROR], ['a doubt', DOUBT]])('%s keeps the photo hidden; the timer checks it again until a pass', async (_what, verdict) => {
    const photo = await bed.photo(bed.demo['demo-member'])
    const { author, id } = await publishedWith([photo])
    const first = await traceOf(id, photo)
    expect(await deliver(first, verdict)).toEqual({ ok: true, data: { photo: 'hidden' } })
    expect(fileIDs(await bed.anonymous.call('story', 'get', { id }))).toEqual([])
    expect((await author.call('story', 'get', { id })).data.images).toMatchObject([{ fileID: photo, check: 'pending' }])

    expect((await timer()).data).toMatchObject({ rechecked: 1 })
    const second = await traceOf(id, photo)
    expect(second).not.toBe(first)
    // The first check's trace is spent: a late verdict for it changes nothing.
    expect(await deliver(first, PASS)).toEqual({ ok: true, data: { ignored: true } })
    expect(fileIDs(await bed.anonymous.call('story', 'get', { id }))).toEqual([])
    await deliver(second, PASS)
    expect(fileIDs(await bed.anonymous.call('story', 'get', { id }))).toEqual([photo])
  })

  test('a check with no verdict after 30 minutes is started again; after three tries the photo stays hidden, marked failed for its author', async () => {
    const photo = await bed.photo(bed.demo['demo-member'])
    const { author, id } = await publishedWith([photo])
    const start = await bed.now()
    const checks = async () => {
      const story = await bed.stored('stories', id)
      return { checks: story.photoChecks.map((c: any) => [c.traceId, c.tries]), retries: story.photoRetries ?? [] }
    }
    const before = await checks()
    expect(before.checks).toEqual([[expect.any(String), 1]])
    try {
      await bed.setClock(new Date(start.getTime() + 29 * 60_000))
      await timer()
      expect(await checks()).toEqual(before)
      await bed.setClock(new Date(start.getTime() + 31 * 60_000))
      await timer()
      const second = await checks()
      expect(second.checks).toEqual([[expect.any(String), 2]])
      expect(second.checks[0][0]).not.toBe(before.checks[0][0])
      await deliver(second.checks[0][0], ERROR)
      await timer()
      const third = await checks()
      expect(third.checks).toEqual([[expect.any(String), 3]])
      await deliver(third.checks[0][0], ERROR)
      await timer()
      expect(await checks()).toEqual({ checks: [], retries: [{ fileID: photo, by: author.openid, tries: 3 }] })
    } finally {
      await bed.setClock(null)
    }
    expect(fileIDs(await bed.anonymous.call('story', 'get', { id }))).toEqual([])
    expect((await author.call('story', 'get', { id })).data.images).toMatchObject([{ fileID: photo, check: 'failed' }])
  })
})

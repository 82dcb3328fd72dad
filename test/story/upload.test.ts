// Photos from the H5 app: the function hands out a one-time signed upload in the caller's own folder; the browser
// PUTs the compressed bytes there and submits the fileID, which the story page then shows.
import { useTestbed } from './support'

const bed = useTestbed()

async function put(ticket: { url: string; headers: Record<string, string> }, bytes: Buffer) {
  return fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(bytes) })
}

test('a member uploads a photo with the ticket, submits it, and the story page shows that photo', async () => {
  const author = bed.demo['demo-member']
  const ticket = await author.call('story', 'uploadPhoto')
  expect(ticket).toMatchObject({ ok: true, data: { fileID: expect.stringMatching(/^cloud:\/\/.+\/stories\/.+\.jpg$/) } })
  const bytes = Buffer.from('a compressed photo')
  expect((await put(ticket.data, bytes)).status).toBe(200)

  const id = await bed.submit(author, { images: [ticket.data.fileID] })
  const story = await author.call('story', 'get', { id })
  expect(story.data.images).toHaveLength(1)
  const photo = await fetch(story.data.images[0].url)
  expect(Buffer.from(await photo.arrayBuffer())).toEqual(bytes)
})

test('each ticket is a new path in the caller’s own folder, and is good for that path only', async () => {
  const a1 = (await bed.demo['demo-member'].call('story', 'uploadPhoto')).data
  const a2 = (await bed.demo['demo-member'].call('story', 'uploadPhoto')).data
  const b = (await bed.demo['demo-retired'].call('story', 'uploadPhoto')).data
  const folder = (fileID: string) => fileID.split('/').slice(-2, -1)[0]
  expect(a1.fileID).not.toBe(a2.fileID)
  expect(folder(a1.fileID)).toBe(folder(a2.fileID))
  expect(folder(a1.fileID)).not.toBe(folder(b.fileID))
  // Another path with this ticket's signature is refused.
  const forged = { ...a1, url: a1.url.replace(/\/[^/?]+\.jpg\?/, '/someone-else.jpg?') }
  expect((await put(forged, Buffer.from('x'))).status).toBe(403)
})

test('only registered members get a ticket; it takes no input', async () => {
  expect((await bed.anonymous.call('story', 'uploadPhoto')).code).toBe('UNAUTHENTICATED')
  expect((await bed.demo['demo-newcomer'].call('story', 'uploadPhoto')).code).toBe('NOT_REGISTERED')
  const r = await bed.demo['demo-member'].call('story', 'uploadPhoto', { path: '../other/x.jpg' })
  expect(r.code).toBe('INVALID_INPUT')
})

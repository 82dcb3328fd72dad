// Photos go through WeChat's media check, whose verdict comes later by a message push: a risky photo is taken off
// the story and the author is told; a clean one stays. A forged push finds nothing to act on.
import { callApi } from '../helpers/api'
import { until } from '../helpers/bed'
import { useTestbed } from './support'

const bed = useTestbed()

test('a risky photo is removed from the story after the check answers, the clean one stays, and the author is told', async () => {
  const author = bed.demo['demo-retired']
  const clean = await bed.photo(author, 'a photo of the community garden')
  const risky = await bed.photo(author, 'RISKY-TEST-IMAGE: the emulator judges this photo risky')
  const id = await bed.submit(author, { images: [clean, risky] })

  const story = await until(() => author.call('story', 'get', { id }), (r) => r.data.images.length === 1)
  expect(story.data.images.map((i: { fileID: string }) => i.fileID)).toEqual([clean])
  expect(story.data.history.map((h: { event: string }) => h.event)).toEqual(['submit', 'photoRemoved'])

  const messages = await author.call('story', 'messages')
  expect(messages.data.items[0]).toMatchObject({ title: '有一张照片未通过内容安全检查', storyId: id })
})

test('a push with a trace id this function never started changes nothing', async () => {
  const author = bed.demo['demo-retired']
  const photo = await bed.photo(author, 'another clean photo')
  const id = await bed.submit(author, { images: [photo] })
  const forged = await callApi(bed.emu, null, 'story', {
    MsgType: 'event', Event: 'wxa_media_check', trace_id: 'made-up-trace', result: { suggest: 'risky', label: 20002 },
  })
  expect(forged).toEqual({ ok: true, data: { ignored: true } })
  await new Promise((r) => setTimeout(r, 1500)) // the real check's verdict (clean) has come by now
  const story = await author.call('story', 'get', { id })
  expect(story.data.images.map((i: { fileID: string }) => i.fileID)).toEqual([photo])
})

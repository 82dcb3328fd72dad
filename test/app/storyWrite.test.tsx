// 写故事: everything typed is kept on the device at once, survives closing the page and a failed submission, and
// is cleared only when the server has accepted the story; a refusal says which field.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StoryWritePage from '@/pages/story/write'
import { storyPhotos, storyService, userService } from '@/services'
import { NETWORK_ERROR } from '@/services/errors'
import { control, field, fieldShows, member, ok, refused, resetTaro, signedInAs, type } from './helpers'

const DRAFT_KEY = 'draft.story.write'
const savedDraft = () => Taro.getStorageSync(DRAFT_KEY)

let redirectTo: jest.SpyInstance
beforeEach(() => {
  resetTaro()
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  signedInAs(member())
  jest.spyOn(userService, 'orgs').mockResolvedValue(ok({ items: [
    { id: 'community-a', name: '幸福里社区党委', type: 'community', parentId: null, path: ['community-a'] },
  ] }))
})

/** Taps the choice chip that reads `label`. */
const chip = (label: string) => fireEvent.click(screen.getByText(label, { selector: '.ps-chip *, .ps-chip' }))
const chosen = () => Array.from(document.querySelectorAll('.ps-chip--selected')).map((c) => c.textContent)
const submitButton = () => screen.getByText('提交审核').closest('.at-button') as HTMLElement

async function writeStory() {
  await type('标题', '三十年义务理发')
  await type('正文', '每个月第一个星期六，她都在社区活动室给老人理发。', 'textarea')
  chip('离退休老党员')
  chip('写我自己')
}

test('what is typed is kept as it is typed, and is all there again when the page is opened again', async () => {
  const first = render(<StoryWritePage />)
  await writeStory()
  expect(savedDraft()).toMatchObject({ title: '三十年义务理发', category: 'veteran', about: 'self' })
  first.unmount()

  render(<StoryWritePage />)
  expect(await screen.findByText('已恢复上次没写完的草稿，可以接着写。')).toBeTruthy()
  expect((await control('标题')).value).toBe('三十年义务理发')
  expect((await control('正文', 'textarea')).value).toBe('每个月第一个星期六，她都在社区活动室给老人理发。')
  expect(chosen()).toEqual(['离退休老党员', '写我自己'])
})

test('a failed submission keeps the draft; the retry sends the same draft; only acceptance clears it', async () => {
  const submit = jest.spyOn(storyService, 'submit')
    .mockResolvedValueOnce(NETWORK_ERROR)
    .mockResolvedValueOnce(ok({ id: 'story-1', status: 'pending' as const }))
  render(<StoryWritePage />)
  await writeStory()

  fireEvent.click(submitButton())
  expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  expect(savedDraft()).toMatchObject({ title: '三十年义务理发' })
  expect(redirectTo).not.toHaveBeenCalled()

  fireEvent.click(submitButton())
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/story/mine?done=submitted' }))
  expect(submit).toHaveBeenCalledTimes(2)
  const [first, second] = submit.mock.calls.map(([input]) => input)
  expect(first).toEqual({
    title: '三十年义务理发',
    content: '每个月第一个星期六，她都在社区活动室给老人理发。',
    category: 'veteran',
    images: [],
    subject: { self: true },
    draftId: expect.any(String),
  })
  expect(second.draftId).toBe(first.draftId)
  expect(savedDraft()).toBe('')
})

test('content refused by the safety check is named at its field and at the top, and nothing is lost', async () => {
  jest.spyOn(storyService, 'submit').mockResolvedValue(refused({
    code: 'CONTENT_REJECTED',
    message: '正文含有不宜发布的内容，请修改后再提交',
    fields: [{ field: 'content', message: '正文含有不宜发布的内容' }],
  }))
  render(<StoryWritePage />)
  await writeStory()
  fireEvent.click(submitButton())
  await fieldShows('正文', '正文含有不宜发布的内容')
  expect(screen.getByText('正文含有不宜发布的内容，请修改后再提交')).toBeTruthy()
  expect(field('标题').textContent).not.toContain('不宜发布')
  expect(savedDraft()).toMatchObject({ content: '每个月第一个星期六，她都在社区活动室给老人理发。' })
})

test('a story about another member needs their name, whether retired and their consent before anything is sent', async () => {
  const submit = jest.spyOn(storyService, 'submit').mockResolvedValue(ok({ id: 'story-2', status: 'pending' as const }))
  render(<StoryWritePage />)
  await type('标题', '楼道长老李')
  await type('正文', '一本台账记下全楼的冷暖。', 'textarea')
  chip('离退休老党员')
  chip('写其他党员')
  fireEvent.click(submitButton())
  await fieldShows('主人公姓名', '请填写主人公的姓名')
  await fieldShows('主人公是否离退休', '请选择主人公是否离退休')
  await fieldShows('主人公同意', '请先征得主人公本人（或家属）同意')
  expect(submit).not.toHaveBeenCalled()

  await type('主人公姓名', '李长顺')
  chip('是，离退休了')
  fireEvent.click(screen.getByText('我已征得主人公本人（或家属）同意，讲述他/她的故事'))
  fireEvent.click(submitButton())
  await waitFor(() => expect(submit).toHaveBeenCalledTimes(1))
  expect(submit.mock.calls[0][0].subject).toEqual({ name: '李长顺', retired: true, consent: true })
})

test('chosen photos are uploaded at once and kept in the draft, so a reopened draft still has them', async () => {
  jest.spyOn(storyPhotos, 'choose').mockResolvedValue(['blob:photo-1', 'blob:photo-2'])
  const upload = jest.spyOn(storyPhotos, 'upload')
    .mockResolvedValueOnce(ok({ fileID: 'cloud://env.bucket/stories/a/1.jpg', preview: 'data:image/jpeg;base64,AAAA' }))
    .mockResolvedValueOnce(refused({ code: 'INTERNAL', message: '照片上传没有成功，请再试一次' }))
  const submit = jest.spyOn(storyService, 'submit').mockResolvedValue(ok({ id: 'story-3', status: 'pending' as const }))
  const first = render(<StoryWritePage />)
  await writeStory()
  fireEvent.click(screen.getByText('添加照片'))
  expect(await screen.findByText('照片上传没有成功，请再试一次')).toBeTruthy()
  expect(upload).toHaveBeenCalledTimes(2)
  expect(savedDraft().photos).toEqual([{ fileID: 'cloud://env.bucket/stories/a/1.jpg', preview: 'data:image/jpeg;base64,AAAA' }])
  first.unmount()

  render(<StoryWritePage />)
  await screen.findByText('已恢复上次没写完的草稿，可以接着写。')
  expect(document.querySelectorAll('.story-photos__item')).toHaveLength(1)
  fireEvent.click(submitButton())
  await waitFor(() => expect(submit).toHaveBeenCalledTimes(1))
  expect(submit.mock.calls[0][0].images).toEqual(['cloud://env.bucket/stories/a/1.jpg'])
})

test('删除 under a photo takes it out of the story', async () => {
  jest.spyOn(storyPhotos, 'choose').mockResolvedValue(['blob:photo-1'])
  jest.spyOn(storyPhotos, 'upload').mockResolvedValue(ok({ fileID: 'cloud://env.bucket/stories/a/1.jpg', preview: 'data:,' }))
  render(<StoryWritePage />)
  fireEvent.click(await screen.findByText('添加照片'))
  await waitFor(() => expect(document.querySelectorAll('.story-photos__item')).toHaveLength(1))
  fireEvent.click(screen.getByText('删除'))
  expect(document.querySelectorAll('.story-photos__item')).toHaveLength(0)
  expect(savedDraft().photos).toEqual([])
})

test('a title or body over its limit is said while typing, and a long paste is kept whole, not cut', async () => {
  const submit = jest.spyOn(storyService, 'submit')
  render(<StoryWritePage />)
  await type('标题', '三'.repeat(31))
  await fieldShows('标题', '标题最多 30 个字，现在 31 个字，请删去 1 个字')
  await type('标题', '三'.repeat(30))
  await waitFor(() => expect(field('标题').textContent).not.toContain('最多'))

  const pasted = '她'.repeat(2150)
  await type('正文', pasted, 'textarea')
  expect((await control('正文', 'textarea')).value).toBe(pasted)
  await fieldShows('正文', '2150/2000 字')
  await fieldShows('正文', '正文最多 2000 个字，现在 2150 个字，请删去 150 个字')
  chip('离退休老党员')
  chip('写我自己')
  fireEvent.click(submitButton())
  expect(await screen.findByText('还有几项没有填好，请看标红的提示。')).toBeTruthy()
  expect(submit).not.toHaveBeenCalled()
})

// 点赞: one like per person, a second tap takes it back; the count is the server's; a tap in flight takes no other,
// and a quick double tap is one tap.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import LikeButton, { DOUBLE_TAP_MS } from '@/components/LikeButton'
import { storyService } from '@/services'
import { ok, refused, resetTaro } from './helpers'

let clock: jest.SpyInstance
beforeEach(() => {
  resetTaro()
  clock = jest.spyOn(Date, 'now').mockReturnValue(5_000_000)
})
afterEach(() => clock.mockRestore())

/** The next tap comes a second after the last: a separate tap, not the second half of a double tap. */
const aSecondLater = () => clock.mockReturnValue(Date.now() + 1000)

const button = () => document.querySelector('.ps-like__button') as HTMLElement

test('a tap likes the story and shows the new count; a second tap takes the like back', async () => {
  const like = jest.spyOn(storyService, 'like')
    .mockResolvedValueOnce(ok({ liked: true, likes: 1 }))
    .mockResolvedValueOnce(ok({ liked: false, likes: 0 }))
  render(<LikeButton storyId='story-1' liked={false} likes={0} />)
  expect(button().textContent).toBe('♡点赞0')

  fireEvent.click(button())
  await waitFor(() => expect(button().textContent).toBe('♥已赞1'))
  expect(button().classList.contains('ps-like__button--liked')).toBe(true)

  aSecondLater()
  fireEvent.click(button())
  await waitFor(() => expect(button().textContent).toBe('♡点赞0'))
  expect(like.mock.calls).toEqual([['story-1', true], ['story-1', false]])
})

test('a quick double tap likes once, even when the first answer came back in between', async () => {
  const like = jest.spyOn(storyService, 'like').mockResolvedValue(ok({ liked: true, likes: 1 }))
  render(<LikeButton storyId='story-1' liked={false} likes={0} />)
  fireEvent.click(button())
  await waitFor(() => expect(button().textContent).toBe('♥已赞1'))
  clock.mockReturnValue(5_000_000 + DOUBLE_TAP_MS - 100)
  fireEvent.click(button())
  await new Promise((r) => setTimeout(r, 20))
  expect(button().textContent).toBe('♥已赞1')
  expect(like).toHaveBeenCalledTimes(1)
})

test('taps while the answer is on its way send nothing more', async () => {
  let answer: (value: unknown) => void = () => {}
  const like = jest.spyOn(storyService, 'like').mockImplementation(() => new Promise((resolve) => { answer = resolve as never }))
  render(<LikeButton storyId='story-1' liked={false} likes={4} />)
  fireEvent.click(button())
  fireEvent.click(button())
  fireEvent.click(button())
  answer(ok({ liked: true, likes: 5 }))
  await waitFor(() => expect(button().textContent).toBe('♥已赞5'))
  expect(like).toHaveBeenCalledTimes(1)
})

test('the count shown is what the server counted, others\' likes included', async () => {
  jest.spyOn(storyService, 'like').mockResolvedValue(ok({ liked: true, likes: 12 }))
  const onChange = jest.fn()
  render(<LikeButton storyId='story-1' liked={false} likes={9} onChange={onChange} />)
  fireEvent.click(button())
  await waitFor(() => expect(button().textContent).toBe('♥已赞12'))
  expect(onChange).toHaveBeenCalledWith({ liked: true, likes: 12 })
})

test('a refusal leaves the like as it was and says why', async () => {
  jest.spyOn(storyService, 'like')
    .mockResolvedValueOnce(refused({ code: 'NOT_FOUND', message: '没有找到这篇故事' }))
    .mockResolvedValueOnce(refused({ code: 'UNAUTHENTICATED', message: '请先登录' }))
  render(<LikeButton storyId='story-1' liked={false} likes={3} />)
  fireEvent.click(button())
  expect(await screen.findByText('没有找到这篇故事')).toBeTruthy()
  expect(button().textContent).toBe('♡点赞3')
  aSecondLater()
  fireEvent.click(button())
  expect(await screen.findByText('登录后才能点赞')).toBeTruthy()
})

// 我的故事: withdrawing cannot be undone, so it is asked first, with the destructive choice in red (the platform's
// default green reads as "safe"); saying no changes nothing.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { StorySummary } from '../../contract/story'
import MyStoriesPage from '@/pages/story/mine'
import { storyService } from '@/services'
import { NATIVE_COLORS } from '@/theme/nativeColors'
import { member, ok, resetTaro, signedInAs } from './helpers'

const pending: StorySummary = {
  id: 's1', title: '三十年义务理发', excerpt: '……', category: 'veteran', status: 'pending', featured: false,
  subject: { self: true, name: '张明', retired: false }, authorName: '张明', orgName: '幸福里社区第一党支部',
  submittedAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z', likes: 0, views: 0, shares: 0,
}

beforeEach(() => {
  resetTaro()
  signedInAs(member())
  jest.spyOn(storyService, 'mine').mockResolvedValue(ok({ items: [pending], nextCursor: null }))
})

const withdrawButton = async () => (await screen.findByText('撤回')).closest('.at-button') as HTMLElement

test('撤回 asks first, in red; 不撤回 leaves the story as it was', async () => {
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
  const withdraw = jest.spyOn(storyService, 'withdraw')
  render(<MyStoriesPage />)
  fireEvent.click(await withdrawButton())
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({
    title: '撤回这篇故事？', confirmText: '撤回', cancelText: '不撤回', confirmColor: NATIVE_COLORS.danger,
  })
  await new Promise((r) => setTimeout(r, 20))
  expect(withdraw).not.toHaveBeenCalled()
})

test('confirming withdraws it and says so', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never)
  const withdraw = jest.spyOn(storyService, 'withdraw').mockResolvedValue(ok({ id: 's1', status: 'withdrawn' as const }) as never)
  render(<MyStoriesPage />)
  fireEvent.click(await withdrawButton())
  expect(await screen.findByText('《三十年义务理发》已撤回。')).toBeTruthy()
  expect(withdraw).toHaveBeenCalledWith('s1')
})

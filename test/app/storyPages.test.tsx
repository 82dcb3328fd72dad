// The story pages around the form: the feed, the public story page, and the secretary's review queue.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as contract from '../../contract/story'
import type { QueueItem, StoryCard, StoryDetail } from '../../contract/story'
import StoryFeedPage from '@/pages/story'
import StoryDetailPage from '@/pages/story/detail'
import StoryReviewPage from '@/secretary/pages/review'
import { UNDO_MS } from '@/secretary/pages/review/QueueStory'
import {
  storyService,
} from '@/services'
import { ROUTES } from '@/routes'
import { click, ok, refused, resetTaro, type } from './helpers'

const card = (id: string, title: string, overrides: Partial<StoryCard> = {}): StoryCard => ({
  id, title, excerpt: '……', category: 'veteran', cover: '', imageCount: 0,
  subject: { self: true, name: '陈秀英', retired: true }, authorName: '陈秀英', orgName: '幸福里社区离退休党支部',
  featured: false, publishedAt: '2026-11-26T17:30:00.000Z', likes: 3, views: 10, shares: 0, ...overrides,
})

const queued = (id: string, title: string): QueueItem => ({
  id, title, excerpt: '', content: '她每天早上六点就到社区服务站。', images: [], flagged: false, category: 'volunteer',
  status: 'pending', featured: false, subject: { self: true, name: '张明', retired: false }, authorName: '张明',
  orgName: '幸福里社区第一党支部', submittedAt: '2026-11-26T02:00:00.000Z', updatedAt: '2026-11-26T02:00:00.000Z',
  likes: 0, views: 0, shares: 0,
})

let navigateTo: jest.SpyInstance
beforeEach(() => {
  ({ navigateTo } = resetTaro())
})

describe('the app has the pages the contract names', () => {
  test('the story page (subscribe messages and shares open it)', () => {
    expect(ROUTES.storyDetail).toBe(`/${contract.STORY_DETAIL_PAGE}`)
  })
})

describe('the feed', () => {
  test('shows the stories in the order the server gives (featured first), and a category chip filters them', async () => {
    const feed = jest.spyOn(storyService, 'feed')
      .mockResolvedValueOnce(ok({ items: [card('s1', '三十年义务理发', { featured: true }), card('s2', '楼道长老李')], nextCursor: null }))
      .mockResolvedValueOnce(ok({ items: [card('s3', '暴雨夜守涵洞', { category: 'frontline' })], nextCursor: null }))
    render(<StoryFeedPage />)
    await screen.findByText('三十年义务理发')
    const titles = () => Array.from(document.querySelectorAll('.ps-story-card__title')).map((t) => t.textContent)
    expect(titles()).toEqual(['三十年义务理发', '楼道长老李'])
    expect(document.querySelector('.ps-story-card')!.textContent).toContain('精选')

    fireEvent.click(screen.getByText('急难险重', { selector: '.ps-chip *' }))
    await screen.findByText('暴雨夜守涵洞')
    expect(feed).toHaveBeenLastCalledWith({ category: 'frontline' })
    expect(titles()).toEqual(['暴雨夜守涵洞'])
  })

  test('加载更多 asks for the next page with the cursor the server gave, and 刷新 starts again', async () => {
    const feed = jest.spyOn(storyService, 'feed')
      .mockResolvedValueOnce(ok({ items: [card('s1', '第一篇')], nextCursor: 'after-s1' }))
      .mockResolvedValueOnce(ok({ items: [card('s2', '第二篇')], nextCursor: null }))
      .mockResolvedValueOnce(ok({ items: [card('s0', '新发布的'), card('s1', '第一篇')], nextCursor: 'after-s1' }))
    render(<StoryFeedPage />)
    await screen.findByText('第一篇')
    click('加载更多')
    await screen.findByText('第二篇')
    expect(feed).toHaveBeenLastCalledWith({ cursor: 'after-s1', category: undefined })
    expect(screen.getByText('已经到底了')).toBeTruthy()
    click('刷新')
    await screen.findByText('新发布的')
    expect(screen.queryByText('第二篇')).toBeNull()
  })

  test('a card opens its story page', async () => {
    jest.spyOn(storyService, 'feed').mockResolvedValue(ok({ items: [card('s1', '三十年义务理发')], nextCursor: null }))
    render(<StoryFeedPage />)
    fireEvent.click(await screen.findByText('三十年义务理发'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/story/detail?id=s1' })
  })
})

describe('the story page', () => {
  const detail: StoryDetail = {
    ...card('s1', '三十年义务理发', { featured: true, likes: 3, views: 11, shares: 2 }),
    content: '每个月的第一个星期六……', images: [], status: 'approved', submittedAt: '2026-11-20T02:00:00.000Z',
    liked: false, mine: false,
  }

  test('reads without sign-in: no token is sent, nobody is sent to the sign-in page', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 's1' } } } as never)
    const request = jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 200, data: ok(detail), header: {}, errMsg: '' } as never)
    render(<StoryDetailPage />)
    expect(await screen.findByText('三十年义务理发')).toBeTruthy()
    expect(request.mock.calls[0][0]).toMatchObject({ url: '/api/story', data: { action: 'get', id: 's1' } })
    expect((request.mock.calls[0][0] as { header: object }).header).not.toHaveProperty('Authorization')
    expect(navigateTo).not.toHaveBeenCalled()
    const text = document.body.textContent!
    for (const t of ['精选', '陈秀英（离退休党员）', '幸福里社区离退休党支部', '11月27日 周五', '阅读 11', '分享 2', '点赞3']) {
      expect(text).toContain(t)
    }
  })

  test('a like on the story page stays, with the count the server gave', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 's1' } } } as never)
    jest.spyOn(storyService, 'get').mockResolvedValue(ok(detail))
    jest.spyOn(storyService, 'like').mockResolvedValue(ok({ liked: true, likes: 4 }))
    render(<StoryDetailPage />)
    await screen.findByText('三十年义务理发')
    fireEvent.click(document.querySelector('.ps-like__button')!)
    await waitFor(() => expect(document.querySelector('.ps-like__button')!.textContent).toBe('♥已赞4'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(document.querySelector('.ps-like__button')!.textContent).toBe('♥已赞4')
  })

  test('its author sees which photos are still being checked (others are not sent them)', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 's1' } } } as never)
    jest.spyOn(storyService, 'get').mockResolvedValue(ok({
      ...detail, mine: true, images: [
        { fileID: 'cloud://e.b/stories/f/1.jpg', url: 'https://x/1.jpg' },
        { fileID: 'cloud://e.b/stories/f/2.jpg', url: 'https://x/2.jpg', check: 'pending' },
        { fileID: 'cloud://e.b/stories/f/3.jpg', url: 'https://x/3.jpg', check: 'failed' },
      ],
    }))
    render(<StoryDetailPage />)
    await screen.findByText('三十年义务理发')
    expect(Array.from(document.querySelectorAll('.story-detail__photo'), (p) => p.querySelector('.ps-story-photos__check')?.textContent ?? ''))
      .toEqual(['', '安全检查中，通过后其他人才能看到', '未能完成安全检查，其他人看不到这张照片'])
  })

  test('a story that is not (or no longer) published says so plainly', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'gone' } } } as never)
    jest.spyOn(storyService, 'get').mockResolvedValue(refused({ code: 'NOT_FOUND', message: '没有找到这篇故事' }))
    render(<StoryDetailPage />)
    expect(await screen.findByText('这篇故事不存在，或者已经撤回了。')).toBeTruthy()
  })
})

/** Back to real timers, first running what the fake ones still hold (the web components' own render queue among them). */
function realTimers() {
  act(() => { jest.runOnlyPendingTimers() })
  jest.useRealTimers()
}

describe('the review queue', () => {
  test('shows how many wait, oldest first; 通过并精选 waits with 撤销, then approves as featured', async () => {
    jest.useFakeTimers()
    jest.spyOn(storyService, 'queue').mockResolvedValue(ok({ items: [queued('q1', '社区里的热心人'), queued('q2', '夜校老师')], total: 2, nextCursor: null }))
    const review = jest.spyOn(storyService, 'review').mockResolvedValue(ok({ id: 'q1', status: 'approved' as const, featured: true }))
    render(<StoryReviewPage />)
    expect(await screen.findByText('待审核故事（2 篇）')).toBeTruthy()
    const first = screen.getByText('社区里的热心人').closest('.queue-story') as HTMLElement
    expect(first.textContent).toContain('她每天早上六点就到社区服务站。')
    fireEvent.click(Array.from(first.querySelectorAll('.at-button')).find((b) => b.textContent === '通过并精选')!)
    expect(screen.getByText('将通过并设为精选，5 秒内可以撤销')).toBeTruthy()
    act(() => { jest.advanceTimersByTime(UNDO_MS - 100) })
    expect(review).not.toHaveBeenCalled()
    act(() => { jest.advanceTimersByTime(100) })
    expect(await screen.findByText('《社区里的热心人》：已通过，设为精选')).toBeTruthy()
    expect(review).toHaveBeenCalledWith({ id: 'q1', decision: 'approve', featured: true })
    expect(screen.getByText('待审核故事（1 篇）')).toBeTruthy()
    realTimers()
  })

  test('撤销 within the 5 seconds sends nothing and puts the buttons back', async () => {
    jest.useFakeTimers()
    jest.spyOn(storyService, 'queue').mockResolvedValue(ok({ items: [queued('q1', '社区里的热心人')], total: 1, nextCursor: null }))
    const review = jest.spyOn(storyService, 'review')
    render(<StoryReviewPage />)
    await screen.findByText('社区里的热心人')
    click('通过')
    click('撤销')
    act(() => { jest.advanceTimersByTime(UNDO_MS * 2) })
    expect(review).not.toHaveBeenCalled()
    expect(screen.getByText('通过并精选')).toBeTruthy()
    expect(screen.getByText('待审核故事（1 篇）')).toBeTruthy()
    realTimers()
  })

  test('leaving the page while a decision waits sends it (it was made, not taken back)', async () => {
    jest.useFakeTimers()
    jest.spyOn(storyService, 'queue').mockResolvedValue(ok({ items: [queued('q1', '社区里的热心人')], total: 1, nextCursor: null }))
    const review = jest.spyOn(storyService, 'review').mockResolvedValue(ok({ id: 'q1', status: 'approved' as const, featured: false }))
    const page = render(<StoryReviewPage />)
    await screen.findByText('社区里的热心人')
    click('通过')
    page.unmount()
    expect(review).toHaveBeenCalledWith({ id: 'q1', decision: 'approve', featured: false })
    realTimers()
  })

  test('不通过 needs a reason, and sends nothing without one', async () => {
    jest.spyOn(storyService, 'queue').mockResolvedValue(ok({ items: [queued('q1', '社区里的热心人')], total: 1, nextCursor: null }))
    const review = jest.spyOn(storyService, 'review').mockResolvedValue(ok({ id: 'q1', status: 'rejected' as const, featured: false }))
    render(<StoryReviewPage />)
    await screen.findByText('社区里的热心人')
    click('不通过')
    click('确认不通过')
    expect(await screen.findByText('请填写不通过的原因')).toBeTruthy()
    expect(review).not.toHaveBeenCalled()
    await type('不通过的原因', '内容与党员故事无关', 'textarea')
    click('确认不通过')
    expect(await screen.findByText('《社区里的热心人》：未通过，已告知作者原因')).toBeTruthy()
    expect(review).toHaveBeenCalledWith({ id: 'q1', decision: 'reject', reason: '内容与党员故事无关' })
  })

  test('when someone else decided first (CONFLICT), the story leaves the list with a word saying so', async () => {
    jest.spyOn(storyService, 'queue').mockResolvedValue(ok({ items: [queued('q1', '社区里的热心人')], total: 1, nextCursor: null }))
    jest.spyOn(storyService, 'review').mockResolvedValue(refused({ code: 'CONFLICT', message: '这篇故事已经审核过（已发布），请刷新后查看' }))
    render(<StoryReviewPage />)
    await screen.findByText('社区里的热心人')
    jest.useFakeTimers()
    click('通过')
    act(() => { jest.advanceTimersByTime(UNDO_MS) })
    realTimers()
    expect(await screen.findByText('《社区里的热心人》：其他人已经处理了这篇故事（这篇故事已经审核过（已发布），请刷新后查看）')).toBeTruthy()
    await waitFor(() => expect(document.querySelectorAll('.queue-story')).toHaveLength(0))
    expect(screen.getByText('待审核故事（0 篇）')).toBeTruthy()
  })
})

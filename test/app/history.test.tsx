// 操作记录: a record's history, newest first, each entry saying what was done, by whom, when and why; more pages on
// request; a refusal shown as the function words it. Reached from the review queue, a class's attendance and a site.
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { QueueItem } from '../../contract/story'
import type { AuditRecord } from '../../contract/user'
import HistoryPage from '@/secretary/pages/history'
import QueueStory from '@/secretary/pages/review/QueueStory'
import { userService } from '@/services'
import { blockOf, expectReads, ok, refused, resetTaro } from './helpers'

const entry = (id: string, overrides: Partial<AuditRecord>): AuditRecord => ({
  id, at: '2026-11-27T01:30:00.000Z', actorName: '李芳', action: 'classroom.update', actionLabel: '修改课程', detail: {}, ...overrides,
})

const opened = (params: Record<string, string>) =>
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } } as never)

beforeEach(() => {
  resetTaro()
})

test("a class's history: each entry with what changed, who, when (Beijing time) and why", async () => {
  opened({ type: 'class', id: 'c1' })
  const history = jest.spyOn(userService, 'history').mockResolvedValue(ok({
    items: [
      entry('e3', { action: 'classroom.cancel', actionLabel: '取消课程', reason: '暴雨红色预警', detail: { title: '党课' } }),
      entry('e2', { detail: { changed: { title: { from: '旧', to: '新' }, expected: { from: 30, to: 40 } } } }),
      entry('e1', {
        action: 'classroom.mark', actionLabel: '登记出勤', actorName: '王建国', reason: '核实签到表后更正',
        detail: { name: '陈秀英', from: null, to: 'present', title: '党课' },
      }),
    ],
    nextCursor: null,
  }))
  render(<HistoryPage />)
  expect(await screen.findByText('课程的操作记录')).toBeTruthy()
  expect(history).toHaveBeenCalledWith('class', 'c1', undefined)
  expectReads(await blockOf('取消课程', '.history-entry'), '李芳', '11月27日 周五 09:30', '原因：暴雨红色预警')
  expectReads(await blockOf('修改课程', '.history-entry'), '改动：标题、应到人数（应到人数 30 → 40）')
  expectReads(await blockOf('登记出勤', '.history-entry'), '王建国', '陈秀英：补签到', '原因：核实签到表后更正')
  const order = Array.from(document.querySelectorAll('.history-entry__action')).map((n) => n.textContent)
  expect(order).toEqual(['取消课程', '修改课程', '登记出勤'])
})

test('加载更多 asks for the next page after the last entry shown', async () => {
  opened({ type: 'story', id: 's1' })
  const history = jest.spyOn(userService, 'history')
    .mockResolvedValueOnce(ok({ items: [entry('e2', { action: 'story.approve', actionLabel: '审核通过', detail: { from: 'pending', to: 'approved', title: '热心人' } })], nextCursor: 'next' }))
    .mockResolvedValueOnce(ok({ items: [entry('e1', { action: 'story.submit', actionLabel: '提交故事', actorName: '陈秀英', detail: { to: 'pending' } })], nextCursor: null }))
  render(<HistoryPage />)
  expectReads(await blockOf('审核通过', '.history-entry'), '《热心人》待审核 → 已发布')
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('提交故事')).toBeTruthy()
  expect(history).toHaveBeenLastCalledWith('story', 's1', 'next')
  expect(screen.getByText('已经到底了')).toBeTruthy()
})

test('a record out of reach shows the refusal as the function words it', async () => {
  opened({ type: 'site', id: 'other' })
  jest.spyOn(userService, 'history').mockResolvedValue(refused({ code: 'NOT_FOUND', message: '这个阵地不存在或已被删除' }))
  render(<HistoryPage />)
  expect(await screen.findByText('这个阵地不存在或已被删除')).toBeTruthy()
  expect(document.querySelectorAll('.history-entry')).toHaveLength(0)
})

test('no entries yet says so', async () => {
  opened({ type: 'person', id: 'demo-member' })
  jest.spyOn(userService, 'history').mockResolvedValue(ok({ items: [], nextCursor: null }))
  render(<HistoryPage />)
  expect(await screen.findByText('人员的操作记录')).toBeTruthy()
  expect(await screen.findByText('还没有操作记录。')).toBeTruthy()
})

test("the review queue opens a story's history", async () => {
  const { navigateTo } = resetTaro()
  const story: QueueItem = {
    id: 's9', title: '社区里的热心人', excerpt: '', content: '十年如一日。', images: [], flagged: false, category: 'volunteer',
    status: 'pending', featured: false, subject: { self: true, name: '张明', retired: false }, authorName: '张明',
    orgName: '幸福里社区第一党支部', submittedAt: '2026-11-26T02:00:00.000Z', updatedAt: '2026-11-26T02:00:00.000Z',
    likes: 0, views: 0, shares: 0,
  }
  render(<QueueStory story={story} onDecided={() => undefined} />)
  fireEvent.click(await screen.findByText('操作记录'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/secretary/pages/history/index?type=story&id=s9' })
})

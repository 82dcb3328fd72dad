// 消息 in 我的: a story's review opens the story, a booking's answer opens the site, and a registration's result is
// read where it stands (no link that would lead to an empty page).
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Message } from '../../contract/story'
import MessagesPage from '@/pages/story/messages'
import { ROUTES } from '@/routes'
import { storyService } from '@/services'
import { member, ok, resetTaro, signedInAs } from './helpers'

const AT = '2026-11-20T02:00:00.000Z'
const MESSAGES: Message[] = [
  { id: 'm1', title: '您的故事已发布', body: '《三十年义务理发》已通过审核并发布。', storyId: 's1', at: AT, read: false },
  { id: 'm2', title: '您的阵地预约已确认', body: '幸福里党建书屋 11月28日 的预约已确认。', siteId: 'site-xingfuli-books', at: AT, read: false },
  { id: 'm3', title: '您的登记已通过审核', body: '您已登记为幸福里社区第一党支部的党员。', at: AT, read: false },
]

beforeEach(() => {
  resetTaro()
  signedInAs(member())
  jest.spyOn(storyService, 'messages').mockResolvedValue(ok({ items: MESSAGES, nextCursor: null }))
  jest.spyOn(storyService, 'readMessages').mockResolvedValue(ok({ updated: 3 }))
})

const messageOf = async (title: string) => (await screen.findByText(title)).closest('.message') as HTMLElement

test('a story message opens its story, a booking message its site', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  render(<MessagesPage />)
  const story = await messageOf('您的故事已发布')
  expect(story.getAttribute('aria-role') ?? story.getAttribute('role')).toBe('link')
  expect(story.textContent).toContain('点此查看故事')
  fireEvent.click(story)
  expect(navigate).toHaveBeenLastCalledWith({ url: `${ROUTES.storyDetail}?id=s1` })
  const site = await messageOf('您的阵地预约已确认')
  expect(site.textContent).toContain('点此查看阵地')
  fireEvent.click(site)
  expect(navigate).toHaveBeenLastCalledWith({ url: `${ROUTES.siteDetail}?id=site-xingfuli-books` })
})

test('a registration message is text only: not a link, and a tap goes nowhere', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo')
  render(<MessagesPage />)
  const registration = await messageOf('您的登记已通过审核')
  expect(registration.getAttribute('role')).toBeNull()
  expect(registration.getAttribute('aria-role')).toBeNull()
  expect(registration.textContent).not.toContain('点此')
  fireEvent.click(registration)
  expect(navigate).not.toHaveBeenCalled()
})

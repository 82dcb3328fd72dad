// Shared steps for the app's component tests: reach a form field by its label, type, choose, wait for Taro's
// web components to render their inner inputs.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ReactElement } from 'react'
import type { ApiError, ApiOk } from '../../contract/common'
import type { Person } from '../../contract/user'
import { storyService, userService } from '@/services'

export const ok = <T,>(data: T): ApiOk<T> => ({ ok: true, data })
export const refused = (error: Omit<ApiError, 'ok'>): ApiError => ({ ok: false, ...error })

/** A registered, approved member (a retired one unless `overrides` say otherwise). */
export const member = (overrides: Partial<Person> = {}): Person => ({
  openid: 'demo-retired', name: '陈秀英', orgId: 'branch-a-retired', orgName: '幸福里社区离退休党支部', retired: true,
  status: 'approved', role: 'member', registeredAt: '2026-11-01T02:00:00.000Z', ...overrides,
})

/** Signed in on H5 as `person` (null: signed in, not registered yet): who `userService.me` says it is. */
export function signedInAs(person: Person | null) {
  Taro.setStorageSync('session.token', `token-of-${person?.openid ?? 'demo-newcomer'}`)
  return jest.spyOn(userService, 'me').mockResolvedValue(ok({ openid: person?.openid ?? 'demo-newcomer', person }))
}

/** No story messages (我的 counts the unread ones), no published stories (the 故事 tab). */
export function noStories() {
  jest.spyOn(storyService, 'messages').mockResolvedValue(ok({ items: [], nextCursor: null }))
  jest.spyOn(storyService, 'feed').mockResolvedValue(ok({ items: [], nextCursor: null }))
}

/** The nearest `selector` around the text `text`, once it shows. */
export async function blockOf(text: string, selector: string): Promise<HTMLElement> {
  const block = (await screen.findByText(text)).closest(selector)
  if (!block) throw new Error(`no ${selector} around ${text}`)
  return block as HTMLElement
}

/** `block` reads each of `parts`. */
export function expectReads(block: Element, ...parts: string[]) {
  for (const part of parts) expect(block.textContent).toContain(part)
}

/** Signed out on H5: `page` asks to sign in (`prompt`) and sends nothing through `service`. */
export async function expectAsksToSignIn(page: ReactElement, prompt: string, service: jest.SpyInstance) {
  Taro.removeStorageSync('session.token')
  render(page)
  expect(await screen.findByText(prompt)).toBeTruthy()
  expect(service).not.toHaveBeenCalled()
}

/** The `.ps-field` block whose label is `label`. */
export function field(label: string): HTMLElement {
  const labelNode = screen.getByText(label, { selector: '.ps-field__label, .ps-field__label *' })
  const block = labelNode.closest('.ps-field')
  if (!block) throw new Error(`no form field labelled ${label}`)
  return block as HTMLElement
}

/** Waits until the field labelled `label` shows `text` (its value, or its error). */
export async function fieldShows(label: string, text: string) {
  await waitFor(() => expect(field(label).textContent).toContain(text))
}

/** The native <input>/<textarea> Taro renders inside a field, once its web component has hydrated. */
export async function control(label: string, tag: 'input' | 'textarea' = 'input'): Promise<HTMLInputElement> {
  let element: HTMLInputElement | null = null
  await waitFor(() => {
    element = field(label).querySelector(tag === 'input' ? 'input:not([type=hidden])' : 'textarea')
    expect(element).not.toBeNull()
  })
  return element as unknown as HTMLInputElement
}

export async function type(label: string, value: string, tag: 'input' | 'textarea' = 'input') {
  const element = await control(label, tag)
  fireEvent.input(element, { target: { value } })
}

/** Opens the organisation chooser in a field and taps the entry named `entry`. */
export async function choose(label: string, entry: string) {
  let box: Element | null = null
  await waitFor(() => {
    box = field(label).querySelector('.ps-org-chooser__box')
    expect(box).not.toBeNull()
  })
  fireEvent.click(box as unknown as Element)
  const option = Array.from(field(label).querySelectorAll('.ps-org-chooser__option'))
    .find((node) => node.textContent?.replace('已选', '') === entry)
  if (!option) throw new Error(`no entry ${entry} in ${label}`)
  fireEvent.click(option)
}

/** Taps the switch in the form field labelled `label`, or the switch titled `label`. */
export async function toggle(label: string) {
  let input: Element | null = null
  await waitFor(() => {
    const title = screen.queryByText(label, { selector: '.at-switch__title' })
    const block = title ? title.closest('.at-switch') : field(label)
    input = block?.querySelector('input.weui-switch') ?? null
    expect(input).not.toBeNull()
  })
  fireEvent.click(input as unknown as Element)
}

export function click(text: string) {
  fireEvent.click(screen.getByText(text))
}

/** Everything between tests: storage, navigation and toasts are the boundary with Taro. */
export function resetTaro() {
  window.localStorage.clear()
  jest.restoreAllMocks()
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  const showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  const navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  // The page stack: one page (opened directly) unless a test says otherwise.
  const getCurrentPages = jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as never)
  return { navigateTo, switchTab, showToast, navigateBack, getCurrentPages }
}

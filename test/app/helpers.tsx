// Shared steps for the app's component tests: reach a form field by its label, type, choose, wait for Taro's
// web components to render their inner inputs.
import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ApiError, ApiOk } from '../../contract/common'

export const ok = <T,>(data: T): ApiOk<T> => ({ ok: true, data })
export const refused = (error: Omit<ApiError, 'ok'>): ApiError => ({ ok: false, ...error })

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

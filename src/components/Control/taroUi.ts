// H5 only, installed once by app.tsx: what taro-ui and Taro's router leave out for a keyboard and a screen reader,
// added to their markup wherever it appears, so no page has to remember it.
// - AtButton is a View with a click handler: give it the button role, a place in the Tab order (none while disabled,
//   and aria-disabled) and press it with Enter or Space.
// - Each page is a scrolling region of Taro's router: make it focusable (a keyboard can scroll it) and name it after
//   the page's title.
// - A text field inside a FormField takes the field's label as its name (taro-ui's input cannot be given one).
// - Taro.showModal's box is a dialog: named by its title, its buttons reachable, the focus moved into it when it
//   opens and back to where it was when it closes, Escape answers 取消.
const FIELD_NAME = 'data-ps-named'

let focusBeforeModal: HTMLElement | null = null

function markModal() {
  const modal = document.querySelector<HTMLElement>('.taro__modal')
  if (!modal) return
  const content = modal.querySelector<HTMLElement>('.taro-modal__content')
  const open = modal.style.display !== 'none' && modal.getClientRects().length > 0
  if (content && !content.hasAttribute('role')) {
    content.setAttribute('role', 'dialog')
    content.setAttribute('aria-modal', 'true')
    const title = content.querySelector<HTMLElement>('.taro-modal__title')
    if (title) {
      title.id = 'ps-modal-title'
      content.setAttribute('aria-labelledby', title.id)
    }
  }
  modal.querySelectorAll<HTMLElement>('.taro-model__btn').forEach((button) => {
    button.setAttribute('role', 'button')
    button.setAttribute('tabindex', '0')
  })
  if (open && !content?.contains(document.activeElement)) {
    if (!focusBeforeModal) focusBeforeModal = document.activeElement as HTMLElement | null
    modal.querySelector<HTMLElement>('.taro-model__confirm')?.focus()
  } else if (!open && focusBeforeModal) {
    focusBeforeModal.focus?.()
    focusBeforeModal = null
  }
}

function mark() {
  markModal()
  document.querySelectorAll<HTMLElement>('.at-button').forEach((button) => {
    const disabled = button.classList.contains('at-button--disabled')
    if (button.getAttribute('role') !== 'button') button.setAttribute('role', 'button')
    const tabIndex = disabled ? '-1' : '0'
    if (button.getAttribute('tabindex') !== tabIndex) button.setAttribute('tabindex', tabIndex)
    if (disabled !== (button.getAttribute('aria-disabled') === 'true')) {
      if (disabled) button.setAttribute('aria-disabled', 'true')
      else button.removeAttribute('aria-disabled')
    }
  })
  document.querySelectorAll<HTMLElement>('.taro_router > .taro_page').forEach((page) => {
    if (!page.hasAttribute('tabindex')) {
      page.setAttribute('tabindex', '0')
      page.setAttribute('role', 'region')
    }
    const shown = page.classList.contains('taro_page_show') && !page.classList.contains('taro_page_shade')
    if (shown && document.title && page.getAttribute('aria-label') !== document.title) page.setAttribute('aria-label', document.title)
  })
  document.querySelectorAll<HTMLElement>('.ps-field').forEach((field) => {
    const label = field.querySelector<HTMLElement>('.ps-field__label')?.firstChild?.textContent?.trim()
    if (!label) return
    field.querySelectorAll<HTMLElement>(`input:not([type=checkbox]):not([${FIELD_NAME}]), textarea:not([${FIELD_NAME}])`).forEach((input) => {
      if (input.closest('.ps-org-chooser__panel')) return
      input.setAttribute('aria-label', label)
      input.setAttribute(FIELD_NAME, '')
    })
  })
}

export function installTaroUiAccess() {
  let queued = false
  const schedule = () => {
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      mark()
    })
  }
  new MutationObserver(schedule).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style'],
  })
  // The title changes as pages show.
  const title = document.querySelector('title')
  if (title) new MutationObserver(schedule).observe(title, { childList: true, characterData: true, subtree: true })
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null
    const pressable = target?.classList?.contains('taro-model__btn')
      || (target?.classList?.contains('at-button') && !target.classList.contains('at-button--disabled'))
    if ((e.key === 'Enter' || e.key === ' ') && pressable) {
      e.preventDefault()
      target!.click()
    }
    if (e.key === 'Escape') {
      const cancel = document.querySelector<HTMLElement>('.taro__modal .taro-model__cancel')
      if (cancel && cancel.getClientRects().length) cancel.click()
    }
  })
  schedule()
}

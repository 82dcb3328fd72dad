// H5 only, installed once by app.tsx: what taro-ui and Taro's router leave out for a keyboard and a screen reader,
// added to their markup wherever it appears, so no page has to remember it.
// - AtButton is a View with a click handler: give it the button role, a place in the Tab order (none while disabled,
//   and aria-disabled) and press it with Enter or Space.
// - Each page is a scrolling region of Taro's router: make it focusable (a keyboard can scroll it) and name it after
//   the page's title.
// - A text field inside a FormField takes the field's label as its name (taro-ui's input cannot be given one).
// - Taro.showModal's box is a dialog: named by its title, its buttons reachable, the focus moved into it when it
//   opens and back to where it was when it closes, Tab goes round its buttons, Escape answers 取消.
// - After a navigation the focus is on the page shown, not lost to the body (keepFocusOnShownPage).
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

/** The last element the focus was on (kept by a focusin listener), to tell a focus lost to a navigation. */
let lastFocused: HTMLElement | null = null

/**
 * After a navigation the focused control is on a page now hidden, and the browser drops the focus to the body: a
 * keyboard user would start again from the top of the document. The page shown takes it instead (its first Tab goes
 * to its first control). Only when focus was lost so: a page opened fresh does not grab the focus.
 */
function keepFocusOnShownPage(shown: HTMLElement | undefined) {
  const active = document.activeElement as HTMLElement | null
  const lost = !active || active === document.body || !active.getClientRects().length
  if (!shown || !lost || !lastFocused || lastFocused.getClientRects().length) return
  if (document.querySelector('.taro__modal')?.getClientRects().length) return
  shown.focus({ preventScroll: true })
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
  let shownPage: HTMLElement | undefined
  document.querySelectorAll<HTMLElement>('.taro_router > .taro_page').forEach((page) => {
    if (!page.hasAttribute('tabindex')) {
      page.setAttribute('tabindex', '0')
      page.setAttribute('role', 'region')
    }
    const shown = page.classList.contains('taro_page_show') && !page.classList.contains('taro_page_shade')
    if (shown && page.getClientRects().length) shownPage = page
    if (shown && document.title && page.getAttribute('aria-label') !== document.title) page.setAttribute('aria-label', document.title)
  })
  keepFocusOnShownPage(shownPage)
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
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && e.target !== document.body) lastFocused = e.target
  })
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
    // A dialog keeps the focus: Tab and Shift+Tab go round its buttons (past the last one, the page is behind it).
    const modal = document.querySelector<HTMLElement>('.taro__modal')
    if (e.key === 'Tab' && modal?.getClientRects().length) {
      const buttons = Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn')).filter((b) => b.getClientRects().length)
      if (buttons.length === 0) return
      e.preventDefault()
      const at = buttons.indexOf(document.activeElement as HTMLElement)
      buttons[(at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length].focus()
    }
  })
  schedule()
}

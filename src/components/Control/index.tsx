// Every tappable View of the app is a Control: it carries what a screen reader (读屏, VoiceOver, axe) needs — its role,
// its name (the visible words unless `label` says more, and then starting with them) and its state (checked,
// expanded, current) — and on H5 a keyboard reaches it with Tab and presses it with Enter or Space.
import { View } from '@tarojs/components'
import type { CSSProperties, PropsWithChildren } from 'react'

export type ControlRole = 'button' | 'link' | 'radio' | 'checkbox' | 'switch' | 'tab'

interface ControlProps {
  role: ControlRole
  /** The accessible name when the visible words are not enough (a photo, a count); begin it with the words shown. */
  label?: string
  /** radio, checkbox, switch: whether it is on. */
  checked?: boolean
  /** A box that opens a panel: whether the panel is open. */
  expanded?: boolean
  /** The tab of the page being shown. */
  current?: boolean
  /** Seen but not tappable (a taken slot): announced as unavailable, skipped by Tab. */
  disabled?: boolean
  className?: string
  style?: CSSProperties
  onClick?: () => void
}

const h5 = process.env.TARO_ENV === 'h5'
const CHECKABLE: ReadonlySet<ControlRole> = new Set(['radio', 'checkbox', 'switch'])

export default function Control(props: PropsWithChildren<ControlProps>) {
  const { role, label, checked, expanded, current, disabled, className, style, onClick, children } = props
  const press = () => {
    if (!disabled) onClick?.()
  }
  const state: Record<string, unknown> = {}
  if (CHECKABLE.has(role)) state['aria-checked'] = Boolean(checked)
  if (role === 'tab') state['aria-selected'] = Boolean(current)
  else if (current) state['aria-current'] = 'page'
  if (expanded !== undefined) state['aria-expanded'] = expanded
  if (disabled) state['aria-disabled'] = true
  // Keyboard only on H5: the mini-program has no keyboard focus, and its templates drop these props.
  const keyboard = h5
    ? {
        tabIndex: disabled ? -1 : 0,
        // A click, not a call: a Picker around the control opens on its click too.
        onKeyDown: (e: { key: string; preventDefault: () => void; currentTarget: unknown }) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            if (!disabled) (e.currentTarget as HTMLElement).click()
          }
        },
      }
    : {}
  return (
    <View className={className} style={style} ariaRole={role} ariaLabel={label} {...state} {...keyboard} onClick={press}>
      {children}
    </View>
  )
}

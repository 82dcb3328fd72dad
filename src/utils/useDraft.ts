// A form's local draft: every change is written to storage at once, so nothing typed is lost when the app is
// closed; the draft is restored on reopen and cleared only when the server has accepted the form.
import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'

const PREFIX = 'draft.'

function readDraft<T extends object>(key: string, initial: T): T {
  try {
    const saved = Taro.getStorageSync(PREFIX + key)
    return saved && typeof saved === 'object' ? { ...initial, ...saved } : initial
  } catch {
    return initial
  }
}

export function useDraft<T extends object>(key: string, initial: T) {
  const initialRef = useRef(initial)
  const [draft, setDraft] = useState<T>(() => readDraft(key, initial))
  const draftRef = useRef(draft)

  const update = useCallback((patch: Partial<T>) => {
    const next = { ...draftRef.current, ...patch }
    draftRef.current = next
    Taro.setStorageSync(PREFIX + key, next)
    setDraft(next)
  }, [key])

  const clear = useCallback(() => {
    Taro.removeStorageSync(PREFIX + key)
    draftRef.current = initialRef.current
    setDraft(initialRef.current)
  }, [key])

  return { draft, update, clear }
}

// 长辈模式 (care mode): one switch, kept in storage and shared by every page through this tiny store.
import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'theme.careMode'

let careMode: boolean | undefined
const listeners = new Set<() => void>()

function readCareMode(): boolean {
  if (careMode === undefined) {
    try {
      careMode = Taro.getStorageSync(STORAGE_KEY) === true
    } catch {
      careMode = false
    }
  }
  return careMode
}

export function setCareMode(next: boolean): void {
  careMode = next
  Taro.setStorageSync(STORAGE_KEY, next)
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useCareMode(): [boolean, (next: boolean) => void] {
  const enabled = useSyncExternalStore(subscribe, readCareMode, readCareMode)
  return [enabled, setCareMode]
}

/** Forgets the in-memory value so the next read comes from storage (tests start each case from storage). */
export function resetCareModeCache(): void {
  careMode = undefined
}

// Periods of the 党建工作台 as the pages step through them (the function says what each covers: PeriodInfo).
import type { PeriodKind } from '@/services/workbench'
import { shanghaiMonth, shiftMonth } from '@/utils/time'

export const periodKindOf = (key: string): PeriodKind => (key.includes('Q') ? 'quarter' : key.length === 4 ? 'year' : 'month')

/** The period of `kind` that holds `month`. */
export function periodOfMonth(kind: PeriodKind, month: string): string {
  if (kind === 'month') return month
  if (kind === 'year') return month.slice(0, 4)
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`
}

/** The period's first month. */
export function firstMonth(key: string): string {
  const kind = periodKindOf(key)
  if (kind === 'month') return key
  if (kind === 'year') return `${key}-01`
  return `${key.slice(0, 4)}-${String((Number(key.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`
}

/** The period `delta` steps before or after. */
export function shiftPeriod(key: string, delta: number): string {
  const kind = periodKindOf(key)
  const step = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12
  return periodOfMonth(kind, shiftMonth(firstMonth(key), delta * step))
}

export const currentPeriod = (kind: PeriodKind, at = new Date()) => periodOfMonth(kind, shanghaiMonth(at))

/** `2026-Q4` → 2026年第四季度 (the page's own label before the function answers). */
export function periodLabel(key: string): string {
  const kind = periodKindOf(key)
  if (kind === 'year') return `${key}年`
  if (kind === 'month') return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`
  return `${key.slice(0, 4)}年第${'一二三四'[Number(key.slice(6)) - 1]}季度`
}

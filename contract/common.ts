// The API contract shared by the cloud functions and src/services: the answer envelope, the error codes, and the
// zod building blocks every action's input schema is made of. Every message here is read by a person: Chinese.
import { z } from 'zod'

export const ERROR_CODES = [
  'UNAUTHENTICATED', 'NOT_REGISTERED', 'FORBIDDEN', 'INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'CONTENT_REJECTED',
  'TOKEN_EXPIRED', 'TOKEN_INVALID', 'OUT_OF_RANGE', 'NOT_OPEN', 'ALREADY_DONE', 'RATE_LIMITED', 'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldError { field: string; message: string }
export type ApiOk<T> = { ok: true; data: T }
/** Where a person refused as NOT_REGISTERED stands (the refusal's `data.registration`). */
export type Registration = 'none' | 'pending' | 'rejected'

export type ApiError = { ok: false; code: ErrorCode; message: string; fields?: FieldError[]; data?: unknown }
export type ApiResult<T> = ApiOk<T> | ApiError

/** Ids travel as plain strings; an object such as {"$ne": null} never passes, which closes operator injection. */
export const id = (label: string) =>
  z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}格式不正确`)

export const text = (label: string, opts: { min?: number; max: number }) => {
  const min = opts.min ?? 1
  return z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}应为文字` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(opts.max, `${label}最多 ${opts.max} 个字`)
}

export const flag = (label: string) =>
  z.boolean({ required_error: `请选择${label}`, invalid_type_error: `${label}应为“是”或“否”` })

export const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { errorMap: () => ({ message: `${label}应为：${values.join('、')}` }) })

export const phone = (label = '手机号') =>
  z.string({ invalid_type_error: `${label}格式不正确` }).trim().regex(/^1\d{10}$/, `${label}应为 11 位手机号`)

export const cursor = z.string({ invalid_type_error: '翻页位置格式不正确' }).max(200, '翻页位置格式不正确')

export const noInput = z.object({}).strict()

/**
 * The values of an enumeration declared once by its labels (what a person reads for each value), in the order they
 * are declared: for schemas (`oneOf`) and pickers.
 */
export const valuesOf = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as [K, ...K[]]

/**
 * A distance as a person says it in a sentence: exact metres below a kilometre (301 米, where the edge of a 300 m
 * fence matters), kilometres with one decimal above (10.6 公里, not 10576 米).
 */
export function distanceLabel(metres: number): string {
  const m = Math.max(0, Math.round(metres))
  return m < 1000 ? `${m} 米` : `${Math.round(m / 100) / 10} 公里`
}

/**
 * A reason someone typed, closed as one sentence to quote inside another: 「场地另有安排」 and 「场地另有安排。」 both
 * end with one 「。」, and a 「！」 or 「？」 of their own is kept.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[。.，,；;、\s]+$/u, '')
  return /[！!？?]$/u.test(trimmed) ? trimmed : `${trimmed}。`
}

/** Masks a phone number for anyone who does not need it in full: 138****5678. */
export function maskPhone(p: string | undefined | null): string | undefined {
  if (!p) return undefined
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****'
}

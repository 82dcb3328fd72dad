// The answers the app makes up itself when the back end could not give one.
import type { ApiError } from '../../contract/common'

export const NETWORK_ERROR: ApiError = { ok: false, code: 'INTERNAL', message: '网络不太好，请稍后再试' }
export const UNAUTHENTICATED_ERROR: ApiError = { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' }
export const MALFORMED_ANSWER_ERROR: ApiError = { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }

import type { ErrorCode, FieldError } from '../../contract/common'

/** A refusal a person can act on: becomes `{ ok: false, code, message, fields? }`. */
export class ApiFailure extends Error {
  constructor(public code: ErrorCode, message: string, public fields?: FieldError[], public data?: unknown) {
    super(message)
  }
}

export const fail = {
  notFound: (what: string) => new ApiFailure('NOT_FOUND', `${what}不存在或已被删除`),
  forbidden: (message = '您没有权限进行这项操作') => new ApiFailure('FORBIDDEN', message),
  conflict: (message = '有人刚刚处理过这条记录，请刷新后再试') => new ApiFailure('CONFLICT', message),
  alreadyDone: (message: string, data?: unknown) => new ApiFailure('ALREADY_DONE', message, undefined, data),
  invalid: (field: string, message: string) => new ApiFailure('INVALID_INPUT', message, [{ field, message }]),
}

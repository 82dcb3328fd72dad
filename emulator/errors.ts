/** An error answered on the wire in CloudBase's shape: `{ code, message, requestId }`. */
export class AdminError extends Error {
  constructor(public code: string, message: string, public status = 200) {
    super(message)
  }
}

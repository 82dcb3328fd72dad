import type { IncomingMessage, ServerResponse } from 'http'

/** One call to the CloudBase server API (`POST /admin`), already parsed. */
export interface AdminCall {
  action: string
  body: Record<string, any>
  /** The cloud function that made the call (from the request's credential), or null for an outside client. */
  functionName: string | null
}

/**
 * One emulated CloudBase service (database, storage, functions, wx open API). `handle` answers an /admin action
 * with the reply's fields (the hub adds `requestId`), or throws AdminError. `route` may serve extra HTTP paths
 * (an upload URL, a download URL) and returns true when it answered.
 */
export interface EmulatedService {
  /** The action prefixes this service answers, e.g. ['database.']. */
  prefixes: string[]
  handle(call: AdminCall): Promise<Record<string, unknown>> | Record<string, unknown>
  route?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> | boolean
  close?(): Promise<void> | void
}

// What keeps the emulator a developer's tool and not a door into their machine. The server API (/admin) holds the
// keys to every collection, and a web page the developer happens to visit can POST to 127.0.0.1 too: browsers send
// a cross-origin "simple" request (text/plain, a form) without asking first. So /admin answers only what SDKs send,
// and the test controls (clock, timers, crash switch, inbox) answer only an emulator started for tests.
import type { IncomingMessage } from 'http'

/** The content types the SDKs post to /admin: node-sdk's JSON, wx-server-sdk's multipart open-API calls. */
const SDK_CONTENT_TYPES = ['application/json', 'multipart/form-data']

const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host)

/** What the start line adds when the emulator listens beyond this machine (HOST set to another address), or null. */
export function hostWarning(host: string): string | null {
  if (isLoopback(host)) return null
  return `WARNING: listening on ${host}, not loopback: other machines can reach this emulator, its functions` +
    ' and its H5 app. Unset HOST to keep it to this machine.'
}

/** The origins the emulator serves pages from: its own host and the loopback names, on its port. */
export function ownOrigins(host: string, port: number): Set<string> {
  const hosts = new Set([host, '127.0.0.1', 'localhost', '[::1]'].map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h)))
  return new Set([...hosts].map((h) => `http://${h}:${port}`))
}

/**
 * Why /admin refuses a request a browser made, or null for an SDK's. A browser names the page that made a request
 * (Origin, Sec-Fetch-Site); an SDK names none. And no SDK sends text/plain or a urlencoded form, the two bodies a
 * page can send anywhere without the browser asking the server first.
 */
export function adminRefusal(req: IncomingMessage, own: Set<string>): string | null {
  const origin = req.headers.origin
  if (origin !== undefined && !own.has(origin)) {
    return `the server API does not answer web pages: a request from ${origin} was refused`
  }
  if (String(req.headers['sec-fetch-site'] ?? '').toLowerCase() === 'cross-site') {
    return 'the server API does not answer web pages: a cross-site request was refused'
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (!SDK_CONTENT_TYPES.includes(type)) {
    return `the server API takes ${SDK_CONTENT_TYPES.join(' or ')}, not ${type || 'a body without a content type'}`
  }
  return null
}

/**
 * Whether a control route under /__emulator/ answers: all of them when the emulator was started for tests; else only
 * the operation metrics, read (they hold counts, nothing personal, and change nothing).
 */
export function controlAllowed(method: string | undefined, pathname: string, testControls: boolean): boolean {
  return testControls || (method === 'GET' && pathname === '/__emulator/metrics')
}

export const CONTROLS_OFF_MESSAGE =
  'the emulator\'s test controls are off: start it with EMULATOR_TEST_CONTROLS=1 (the tests do) to use them'

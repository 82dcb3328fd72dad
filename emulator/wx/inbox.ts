// The subscribe messages sent, kept as JSON lines and fsynced: an ok answer means the message is recorded.
import fs from 'fs'
import path from 'path'

export interface InboxMessage {
  id: string
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
  /** The sending cloud function, when a function sent it. */
  from: string | null
  sentAt: string
}

export class Inbox {
  private messages: InboxMessage[] = []

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (!fs.existsSync(file)) return
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue
      try {
        this.messages.push(JSON.parse(line))
      } catch {
        // a line torn by a crash mid-write: skip it
      }
    }
  }

  add(message: InboxMessage) {
    const fd = fs.openSync(this.file, 'a')
    try {
      fs.writeSync(fd, JSON.stringify(message) + '\n')
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    this.messages.push(message)
  }

  /** Newest first. */
  list(openid?: string | null, limit = 500): InboxMessage[] {
    const out: InboxMessage[] = []
    for (let i = this.messages.length - 1; i >= 0 && out.length < limit; i--) {
      if (!openid || this.messages[i].touser === openid) out.push(this.messages[i])
    }
    return out
  }
}

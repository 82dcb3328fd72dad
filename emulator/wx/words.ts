// The word list security.msgSecCheck checks against (sensitive-words.txt by default): one word or phrase a line,
// `[label name]` setting WeChat's label for the words below it. Re-read whenever the file changes.
import fs from 'fs'

export interface WordEntry { word: string; norm: string; label: number }

/** Case-, width- and spacing-insensitive form: NFKC, lower case, no whitespace, zero-width or separator marks. */
export function normalizeForMatch(s: string): string {
  return s.normalize('NFKC').toLowerCase()
    // eslint-disable-next-line no-irregular-whitespace
    .replace(/[\s\u200b-\u200f\u2060\ufeff·•・*_\-.,，。、|/\\~`'"“”‘’!！?？:：;；()（）[\]【】{}<>《》+=#@$%^&]/g, '')
}

export function parseWordList(text: string): WordEntry[] {
  const entries: WordEntry[] = []
  let label = 21000
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) continue
    const section = /^\[(\d+)\b[^\]]*\]$/.exec(line)
    if (section) {
      label = Number(section[1])
      continue
    }
    const norm = normalizeForMatch(line)
    if (norm) entries.push({ word: line, norm, label })
  }
  return entries
}

export class SensitiveWords {
  private entries: WordEntry[] = []
  private mtimeMs = -1

  constructor(private readonly file: string) {}

  /** The first listed word the text contains, re-reading the list when the file has changed. */
  find(text: string): WordEntry | null {
    this.refresh()
    const norm = normalizeForMatch(text)
    return this.entries.find((e) => norm.includes(e.norm)) ?? null
  }

  private refresh() {
    try {
      const { mtimeMs } = fs.statSync(this.file)
      if (mtimeMs === this.mtimeMs) return
      this.entries = parseWordList(fs.readFileSync(this.file, 'utf8'))
      this.mtimeMs = mtimeMs
    } catch {
      if (this.mtimeMs !== -1 || this.entries.length === 0) console.warn(`[emulator] no sensitive word list at ${this.file}`)
      this.entries = []
      this.mtimeMs = -1
    }
  }
}

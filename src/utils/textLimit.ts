// A text field's limit, said while typing: the field takes far more than the limit (a paste is never cut without a
// word), counts as the person types, and says how much to take out when over. The functions refuse the same limit.

/** What a text field takes before it stops. */
export const TYPING_ROOM = 20_000

/** Characters as a person counts them: trimmed, one per character (an emoji is one). */
export const textLength = (s: string) => [...s.trim()].length

/** What to say when `text` is over `max`, null when it fits. */
export function overLimit(label: string, text: string, max: number): string | null {
  const n = textLength(text)
  return n > max ? `${label}最多 ${max} 个字，现在 ${n} 个字，请删去 ${n - max} 个字` : null
}

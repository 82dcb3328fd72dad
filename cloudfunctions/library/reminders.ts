// Due-date reminders: a borrower who agreed at borrowing gets a subscribe message 3 days before the due date and one
// on the day, each once. The daily timer finds the loans due in that window; each message is claimed first by a
// conditional write of its flag on the copy (on the loan it was claimed for), so a second run, or two runs at once,
// send nothing more. WeChat grants one message per one-time subscription: the borrow tap asks for both templates.
import { LIBRARY_BORROW_PAGE, LIBRARY_REMINDER_TEMPLATES, LIBRARY_RULES } from '../../contract/library'
import type { Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { readAll } from '../common/query'
import { addDays, shanghaiDate } from '../common/time'
import { wechat } from '../common/wechat'
import type { CopyDoc } from './model'

/** 借阅到期提醒 (thing1 书名, date2 应还日期, thing3 书屋, thing4 说明); the real ids are set per environment. */
export const REMINDER_TEMPLATES = {
  soon: process.env.WX_TEMPLATE_LIBRARY_DUE_SOON || LIBRARY_REMINDER_TEMPLATES.soon,
  due: process.env.WX_TEMPLATE_LIBRARY_DUE || LIBRARY_REMINDER_TEMPLATES.due,
}

type Kind = keyof typeof REMINDER_TEMPLATES
const FLAG: Record<Kind, 'remindedSoon' | 'remindedDue'> = { soon: 'remindedSoon', due: 'remindedDue' }
const NOTE: Record<Kind, string> = { soon: `${LIBRARY_RULES.remindDaysBefore}天后到期，可续借一次`, due: '今天到期，请按时归还' }

/** A subscribe message `date` keyword: `2030年4月3日`. */
const dateWords = (date: string) => {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

export async function sendReminders(db: Database, at: Date): Promise<{ soon: number; due: number }> {
  const today = shanghaiDate(at)
  const _ = db.command
  const lent = await readAll<CopyDoc>(db, COLLECTIONS.libraryCopies,
    { state: 'lent', remind: true, dueDate: _.gte(today).and(_.lte(addDays(today, LIBRARY_RULES.remindDaysBefore))) })
  const sent = { soon: 0, due: 0 }
  for (const copy of lent) {
    // Soon: from 3 days before the due date (a run missed on that day catches up the next); due: on the day.
    const kind: Kind | null = copy.dueDate === today ? 'due' : 'soon'
    if (copy[FLAG[kind]]) continue
    const claimed = await db.collection(COLLECTIONS.libraryCopies)
      .where({ _id: copy._id, loanId: copy.loanId, state: 'lent', [FLAG[kind]]: false }).update({ [FLAG[kind]]: true })
    if (!claimed.updated) continue
    const ok = await wechat.sendSubscribeMessage({
      touser: copy.holder!,
      templateId: REMINDER_TEMPLATES[kind],
      page: `${LIBRARY_BORROW_PAGE}?t=${copy._id}`,
      data: { thing1: copy.title, date2: dateWords(copy.dueDate!), thing3: copy.siteName, thing4: NOTE[kind] },
    })
    if (ok) sent[kind] += 1
  }
  return sent
}

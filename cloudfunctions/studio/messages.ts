// What the person who left a 民情 is told at each step: a message on 我的 (the messages collection the story function
// lists, with `caseId`), and on weapp, when they agreed at submission, one subscribe message when it is closed.
import type { CaseEvent } from '../../contract/studio'
import { asSentence } from '../../contract/common'
import { STUDIO_CASE_PAGE } from '../../contract/pages'
import type { Database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { subscribeTime } from '../common/time'
import { wechat } from '../common/wechat'
import type { CaseDoc } from './model'

/** 办理结果通知 (thing1 事项, phrase2 状态, thing3 说明, time4 时间); the real id is set per environment. */
const CASE_TEMPLATE_ID = process.env.WX_TEMPLATE_CASE_CLOSED || 'studio-case-closed'

const TITLES: Record<CaseEvent, string> = {
  accept: '您的民情已受理',
  start: '您的民情正在办理',
  close: '您的民情已办结',
  transfer: '您的民情已转办',
}

function body(c: CaseDoc, event: CaseEvent, text?: string, toOrg?: string): string {
  const where = `您在${c.siteName}留的民情`
  if (event === 'accept') return `${where}已受理，将在 ${c.deadlineDate} 前办结。`
  if (event === 'start') return `${where}正在办理中。`
  if (event === 'transfer') return `${where}已转交${toOrg}办理。说明：${asSentence(text ?? '')}`
  return `${where}已办结。答复：${asSentence(text ?? '')}请在“我的民情”中评价办理结果。`
}

export async function tellAuthor(db: Database, c: CaseDoc, event: CaseEvent, at: Date, text?: string, toOrg?: string) {
  await db.collection(COLLECTIONS.messages).add({ openid: c.author, title: TITLES[event], body: body(c, event, text, toOrg), caseId: c._id, at, read: false })
  if (event !== 'close' || !c.subscribe) return
  await wechat.sendSubscribeMessage({
    touser: c.author,
    templateId: CASE_TEMPLATE_ID,
    page: `${STUDIO_CASE_PAGE}?id=${c._id}`,
    data: { thing1: c.content, phrase2: '已办结', thing3: text ?? '', time4: subscribeTime(at) },
  })
}

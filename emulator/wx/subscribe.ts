// subscribeMessage.send: checked as WeChat checks a template's data, then recorded in the inbox.
import crypto from 'crypto'
import { OPENID_PATTERN } from '../http'
import type { Inbox } from './inbox'
import { chars, wxError, WxHandler, wxOk } from './reply'

/** Data keys: type prefix → limit in characters (and the characters allowed). */
const FIELD_RULES: Record<string, { max: number; pattern?: RegExp; what: string }> = {
  thing: { max: 20, what: '20个以内字符' },
  number: { max: 32, pattern: /^\d+(\.\d+)?$/, what: '32位以内数字' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, what: '32位以内字母' },
  symbol: { max: 5, what: '5位以内符号' },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, what: '32位以内数字、字母或符号' },
  phrase: { max: 5, pattern: /^[\u4e00-\u9fff]+$/, what: '5个以内汉字' },
  name: { max: 20, what: '10个以内汉字或20个以内字母' },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/, what: '17位以内数字、符号' },
  car_number: { max: 8, what: '8位以内' },
  amount: { max: 32, what: '金额' },
  time: { max: 64, what: '时间' },
  date: { max: 64, what: '日期' },
}

export function subscribeSend(inbox: Inbox, now: () => Date): WxHandler {
  return (data, call) => {
    const { touser, template_id: templateId, page, miniprogram_state: state, lang } = data
    if (typeof touser !== 'string' || !OPENID_PATTERN.test(touser)) return wxError(40003, 'invalid openid')
    if (typeof templateId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(templateId)) return wxError(40037, 'invalid template_id')
    if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.length > 1024)) {
      return wxError(47003, 'argument invalid! page is invalid')
    }
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(state)) {
      return wxError(47003, 'argument invalid! miniprogram_state is invalid')
    }
    if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang)) return wxError(47003, 'argument invalid! lang is invalid')
    if (!data.data || typeof data.data !== 'object' || Array.isArray(data.data) || Object.keys(data.data).length === 0) {
      return wxError(47003, 'argument invalid! data is empty')
    }
    const fields: Record<string, { value: string }> = {}
    for (const [key, entry] of Object.entries<any>(data.data)) {
      const m = /^([a-z_]+?)(\d+)$/.exec(key)
      const rule = m ? FIELD_RULES[m[1]] : undefined
      if (!rule) return wxError(47003, `argument invalid! data.${key} is not a template keyword`)
      const value = entry?.value
      if (typeof value !== 'string' && typeof value !== 'number') return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const text = String(value)
      if (text.trim() === '') return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const cjk = /[\u3400-\u9fff]/.test(text)
      const max = m![1] === 'name' && cjk ? 10 : rule.max
      if (chars(text) > max || (rule.pattern && !rule.pattern.test(text))) {
        return wxError(47003, `argument invalid! data.${key}.value invalid (${m![1]}: ${rule.what})`)
      }
      fields[key] = { value: text }
    }
    inbox.add({
      id: crypto.randomUUID(),
      touser,
      template_id: templateId,
      ...(page !== undefined ? { page } : {}),
      data: fields,
      ...(state !== undefined ? { miniprogram_state: state } : {}),
      ...(lang !== undefined ? { lang } : {}),
      from: call.functionName,
      sentAt: now().toISOString(),
    })
    return wxOk()
  }
}

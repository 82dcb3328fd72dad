// What an applicant is told when a secretary decides their registration: a message in 我的 (both platforms, in the
// list the story function serves), and on weapp a subscribe message when they accepted one when registering.
import { asSentence } from '../../contract/common'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import type { PersonDoc } from '../common/people'
import { subscribeTime } from '../common/time'
import { wechat } from '../common/wechat'

/** 审核结果通知 (thing1 事项, phrase2 结果, thing3 说明, time4 时间); the real id is set per environment. */
const REGISTRATION_TEMPLATE_ID = process.env.WX_TEMPLATE_REGISTRATION_REVIEWED || 'registration-review-result'

/** 我的: where an approved member starts, and where a rejected one reads the reason and registers again. */
const MINE_PAGE = 'pages/mine/index'

export type RegistrationOutcome = 'approved' | 'rejected'

const RESULT: Record<RegistrationOutcome, { title: string; phrase: string }> = {
  approved: { title: '您的登记已通过审核', phrase: '已通过' },
  rejected: { title: '您的登记未通过审核', phrase: '未通过' },
}

function body(applicant: PersonDoc, outcome: RegistrationOutcome, reason?: string): string {
  if (outcome === 'approved') return `您已登记为${applicant.orgName}的党员，现在可以写微故事、扫码签到和预约阵地了。`
  return `您登记到${applicant.orgName}的申请未通过。原因：${asSentence(reason ?? '')}请在“我的”页面修改后重新登记。`
}

/** Tells the applicant the decision: a message, and a subscribe message when they accepted one. */
export async function tellApplicant(applicant: PersonDoc, outcome: RegistrationOutcome, at: Date, reason?: string) {
  await database().collection(COLLECTIONS.messages).add({
    openid: applicant._id, title: RESULT[outcome].title, body: body(applicant, outcome, reason), at, read: false,
  })
  if (!applicant.subscribe) return
  await wechat.sendSubscribeMessage({
    touser: applicant._id,
    templateId: REGISTRATION_TEMPLATE_ID,
    page: MINE_PAGE,
    data: {
      thing1: `党员登记：${applicant.orgName}`,
      phrase2: RESULT[outcome].phrase,
      thing3: reason ?? '欢迎使用先锋驿站',
      time4: subscribeTime(at),
    },
  })
}

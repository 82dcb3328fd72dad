// On weapp, one tap asks whether the person wants one subscribe message with a result (a review of their story, of
// their registration). H5 has no subscribe messages: the result waits in 我的 › 消息 there.
import Taro from '@tarojs/taro'

/** Whether the person accepted one message of `templateId` (false on H5, on refusal or on any failure). */
export async function askToBeTold(templateId: string): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const res = await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option)
    return (res as unknown as Record<string, string>)[templateId] === 'accept'
  } catch {
    return false
  }
}

// Asking before something that cannot be undone. The platform's dialog colours its confirm button green, which
// reads as "safe": the destructive choice is shown in the theme's danger red, the way back in the text colour.
import Taro from '@tarojs/taro'
import { NATIVE_COLORS } from '@/theme/nativeColors'

export interface DestructiveQuestion { title: string; content: string; confirmText: string; cancelText: string }

/** Whether the person chose the destructive action. */
export async function confirmDestructive(question: DestructiveQuestion): Promise<boolean> {
  const { confirm } = await Taro.showModal({ ...question, confirmColor: NATIVE_COLORS.danger, cancelColor: NATIVE_COLORS.text })
  return confirm
}

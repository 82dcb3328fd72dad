// Follow WeChat's own font-size setting (我 › 设置 › 通用 › 字体大小): scale the text tokens up when the person chose
// a larger font than the default. On H5 text is in rem and the root size follows the browser's setting instead.
import Taro from '@tarojs/taro'

/** WeChat reports about 16–17 px at the standard setting; only a larger choice scales the text. */
const DEFAULT_FONT_SIZE_SETTING = 17
const MAX_FONT_SCALE = 1.6

let cached: number | undefined

export function fontScaleFor(fontSizeSetting: number | undefined): number {
  if (!fontSizeSetting || fontSizeSetting <= DEFAULT_FONT_SIZE_SETTING) return 1
  return Math.min(MAX_FONT_SCALE, Math.round((fontSizeSetting / DEFAULT_FONT_SIZE_SETTING) * 100) / 100)
}

export function getFontScale(): number {
  if (cached === undefined) {
    cached = 1
    if (process.env.TARO_ENV === 'weapp') {
      try {
        cached = fontScaleFor(Taro.getSystemInfoSync().fontSizeSetting)
      } catch {
        cached = 1
      }
    }
  }
  return cached
}

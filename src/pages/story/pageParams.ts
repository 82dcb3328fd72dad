// The query of the page being opened (`?id=...`), read once when the page is made.
import Taro from '@tarojs/taro'

export function pageParam(name: string): string {
  const value = Taro.getCurrentInstance().router?.params?.[name]
  return typeof value === 'string' ? decodeURIComponent(value) : ''
}

// On H5 each page's code is fetched when it is first opened. Offline, that fetch fails inside Taro's router and the
// screen stays as it was, with no word: say why, where the person is looking, so a tap never goes unanswered. The
// next tap fetches again (webpack forgets a failed chunk).
import Taro from '@tarojs/taro'

export const PAGE_LOAD_FAILED = '网络不通，页面没有打开。请检查网络后再点一次'

function isPageLoadFailure(reason: unknown): boolean {
  const e = reason as { name?: string; code?: string; message?: string } | null
  return !!e && (e.name === 'ChunkLoadError' || e.code === 'CSS_CHUNK_LOAD_FAILED' || /Loading (CSS )?chunk .+ failed/.test(e.message ?? ''))
}

export function tellWhenAPageCannotLoad(): void {
  window.addEventListener('unhandledrejection', (event) => {
    if (!isPageLoadFailure(event.reason)) return
    event.preventDefault()
    Taro.showToast({ title: PAGE_LOAD_FAILED, icon: 'none', duration: 3000 })
  })
}

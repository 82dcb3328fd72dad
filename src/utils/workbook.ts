// An exported Excel workbook (attendance, site usage), opened where the person is.
import Taro from '@tarojs/taro'

/** Opens the workbook: a download in the browser; in WeChat, the phone's document viewer (to forward or print). */
export async function openWorkbook(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const file = await Taro.downloadFile({ url })
    if (file.statusCode !== 200) throw new Error(`download: HTTP ${file.statusCode}`)
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true })
    return
  }
  window.open(url, '_blank')
}

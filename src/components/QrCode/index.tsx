// The QR code of a URL (a class's rotating sign-in code, a site's printed one, a login code), made on the device: an
// SVG image in the browser (sharp on a projector), a 2D canvas in the mini-program (whose <image> does not reliably
// take SVG data). Its class names are the class-code page's, where it was first drawn; the site-code and login pages
// size it too.
import { Canvas, Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { qrMatrix, qrSvgDataUrl, QUIET_ZONE } from './qr'

const CANVAS_ID = 'class-code-qr'

function drawOnCanvas(url: string, canvasId: string) {
  Taro.createSelectorQuery().select(`#${canvasId}`).fields({ node: true, size: true }).exec((res) => {
    const target = res?.[0] as { node?: any; width: number; height: number } | undefined
    if (!target?.node) return
    const canvas = target.node
    const ratio = Taro.getSystemInfoSync().pixelRatio || 2
    canvas.width = target.width * ratio
    canvas.height = target.height * ratio
    const ctx = canvas.getContext('2d')
    const { size, dark } = qrMatrix(url)
    const cell = canvas.width / (size + QUIET_ZONE * 2)
    ctx.fillStyle = '#FFFFFF'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.fillStyle = '#000000'
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        // Whole device pixels, overlapping a hair, so no hairline gaps show between modules.
        if (dark(row, col)) ctx.fillRect(Math.floor((col + QUIET_ZONE) * cell), Math.floor((row + QUIET_ZONE) * cell), Math.ceil(cell), Math.ceil(cell))
      }
    }
  })
}

interface QrCodeProps {
  url: string
  /** Several codes on one page (a sheet of labels) each need a canvas id of their own in the mini-program. */
  canvasId?: string
  alt?: string
}

export default function QrCode({ url, canvasId = CANVAS_ID, alt = '签到二维码' }: QrCodeProps) {
  const weapp = process.env.TARO_ENV === 'weapp'
  const src = useMemo(() => (weapp ? '' : qrSvgDataUrl(url)), [url, weapp])

  useEffect(() => {
    if (weapp) Taro.nextTick(() => drawOnCanvas(url, canvasId))
  }, [url, weapp, canvasId])

  return (
    <View className='class-code__qr' data-checkin-url={url}>
      {weapp ? (
        <Canvas type='2d' id={canvasId} className='class-code__qr-image' />
      ) : (
        <Image className='class-code__qr-image' src={src} mode='aspectFit' nativeProps={{ alt }} />
      )}
    </View>
  )
}

// The sign-in QR code, drawn on the device from the code's URL: the `qrcode` package's encoder only (no canvas or
// file-system renderer, so the same module runs in the mini-program), fed bytes rather than a string because the
// encoder's string path needs TextEncoder, which older mini-program engines lack.
import { create } from 'qrcode/lib/core/qrcode'

/** Modules of white margin around the code: the 4 the QR standard asks for, so any camera finds it. */
export const QUIET_ZONE = 4

export interface QrMatrix {
  /** Modules per side, without the margin. */
  size: number
  dark: (row: number, col: number) => boolean
}

/** The UTF-8 bytes of a string, without TextEncoder. */
function utf8(text: string): number[] {
  const binary = unescape(encodeURIComponent(text))
  return Array.from(binary, (ch) => ch.charCodeAt(0))
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = create([{ data: utf8(text), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 }
}

/** The code as an SVG data URL: one path, sharp at any size (a projector included). */
export function qrSvgDataUrl(text: string): string {
  const { size, dark } = qrMatrix(text)
  const side = size + QUIET_ZONE * 2
  let path = ''
  // One rectangle per horizontal run of dark modules.
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!dark(row, col)) continue
      let run = 1
      while (col + run < size && dark(row, col + run)) run++
      path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`
      col += run - 1
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

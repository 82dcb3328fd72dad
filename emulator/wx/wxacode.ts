// wxacode.getUnlimited: a PNG QR code. A mini-program code opens the page on a phone; locally the code holds the
// H5 app's URL for the same page and scene, so a phone's camera (or a test) can follow it.
import QRCode from 'qrcode'
import { wxError, WxHandler } from './reply'

const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

export function getUnlimited(url: () => string): WxHandler {
  return async (data) => {
    const scene = typeof data.scene === 'number' ? String(data.scene) : data.scene
    if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) {
      return wxError(40169, 'invalid length for scene, or the data is not json string')
    }
    const page = data.page === undefined || data.page === '' ? '' : data.page
    if (typeof page !== 'string' || page.startsWith('/') || !/^[A-Za-z0-9_\-/.]*$/.test(page)) return wxError(41030, 'invalid page')
    if (data.env_version !== undefined && !['release', 'trial', 'develop'].includes(data.env_version)) {
      return wxError(40097, 'invalid args hint: env_version')
    }
    const asked = Number(data.width ?? 430)
    const width = Number.isFinite(asked) ? Math.min(1280, Math.max(280, Math.round(asked))) : 430
    const target = `${url()}/#/${page}?scene=${encodeURIComponent(scene)}`
    const png = await QRCode.toBuffer(target, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
    return { binary: png, contentType: 'image/png' }
  }
}

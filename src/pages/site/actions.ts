// Leaving the app for a site: the phone's map app with the site marked, and the phone's dialler.
import Taro from '@tarojs/taro'
import type { SiteDetail } from '@/services'

/** In WeChat, its own map with the route button; in a browser, AMap's marker page (it takes GCJ-02, as stored). */
export function navigateTo(site: Pick<SiteDetail, 'name' | 'address' | 'location'>): void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.openLocation({ latitude: site.location.lat, longitude: site.location.lng, name: site.name, address: site.address, scale: 17 })
    return
  }
  const { lat, lng } = site.location
  window.open(`https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(site.name)}`
    + '&src=pioneer-station&coordinate=gaode&callnative=1', '_blank')
}

/** A number that can be dialled (digits and dashes; a site's service phone is public). */
export const dialable = (phone: string) => /^[\d-]{7,}$/.test(phone)

export function call(phone: string): void {
  Taro.makePhoneCall({ phoneNumber: phone.replace(/-/g, '') }).catch(() => {
    // The person closed the dialler: nothing to do.
  })
}

// 打印签到码: a site's fixed check-in QR code as a sheet to print and put up at the door — the site's name, the code,
// how to check in. The code never changes by itself; 更换签到码 (asked in place) retires the printed one when it has
// been photographed and passed around.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import type { SiteDetail } from '@/services'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { SITE_TYPE_LABELS, siteService } from '@/services'
import QrCode from '@/components/QrCode'
import './index.scss'

const siteIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''
const isH5 = process.env.TARO_ENV === 'h5'

export default function SiteCodePage() {
  const [siteId] = useState(siteIdOf)
  const [site, setSite] = useState<SiteDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [askRenew, setAskRenew] = useState(false)
  const [renewed, setRenewed] = useState(false)
  const [renewing, setRenewing] = useState(false)

  const load = async () => {
    setError(null)
    const result = await siteService.get(siteId)
    if (!result.ok) return setError(result.message)
    if (!result.data.checkIn) return setError('只有阵地的管理党组织可以打印签到码。')
    setSite(result.data)
  }

  useEffect(() => {
    load()
  }, [])

  const renew = async () => {
    if (renewing) return
    setRenewing(true)
    const result = await siteService.renewCode(siteId)
    setRenewing(false)
    setAskRenew(false)
    if (!result.ok) return setError(result.message)
    setRenewed(true)
    load()
  }

  return (
    <PageShell className='site-code'>
      <LoadState loading={!site} error={error} textClassName='site-code__text' />
      {site?.checkIn ? (
        <View className='site-code__sheet'>
          <Text className='site-code__brand'>先锋驿站 · 阵地签到</Text>
          <Text className='site-code__name'>{site.name}</Text>
          <Text className='site-code__type'>{SITE_TYPE_LABELS[site.type]} · {site.address}</Text>
          <QrCode url={site.checkIn.url} />
          <Text className='site-code__how'>到场后请用微信“扫一扫”或手机相机扫码签到</Text>
          <Text className='site-code__text'>每人每天签到一次。预约了本阵地的党组织书记扫码签到，即确认到场。</Text>
        </View>
      ) : null}
      {site?.checkIn ? (
        <View className='site-code__tools'>
          {renewed ? <Notice tone='success'>已更换签到码，请打印新的签到码替换旧的；旧签到码已经不能签到。</Notice> : null}
          {isH5 ? (
            <AtButton type='primary' onClick={() => window.print()}>打印</AtButton>
          ) : (
            <Text className='site-code__text'>在电脑上打开本页即可打印；也可以截屏后打印。</Text>
          )}
          {askRenew ? (
            <View className='site-code__renew'>
              <Notice tone='warning'>更换后，已张贴的旧签到码立即失效，需要重新打印张贴。确定更换吗？</Notice>
              <AtButton type='primary' loading={renewing} disabled={renewing} onClick={renew}>确定更换</AtButton>
              <AtButton onClick={() => setAskRenew(false)}>不换了</AtButton>
            </View>
          ) : (
            <AtButton onClick={() => setAskRenew(true)}>更换签到码（旧码被拍照外传时）</AtButton>
          )}
        </View>
      ) : null}
    </PageShell>
  )
}

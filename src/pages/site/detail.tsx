// A site's page: photos, type and level, today's hours and the week ahead, closed dates, address, capacity,
// facilities, the service phone (public, with tap-to-call), the description; 导航 and 拨打电话; how to check
// in on arrival (and, in WeChat, a scan button); 预约 for a secretary; the calendar, the printable code and the usage
// figures for the site's managers. It reads without sign-in, so it can be shared.
import { Image, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import type { SiteDetail } from '@/services'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { historyUrl, ROUTES } from '@/routes'
import { isSignedIn, SITE_FACILITY_LABELS, siteService, studioService, userService } from '@/services'
import type { StudioPage } from '@/services'
import { RepList, UpcomingReceptions } from '@/pages/studio/Reps'
import { formatDay } from '@/utils/time'
import { call, dialable, navigateTo } from './actions'
import { formatDistance, siteKind } from './format'
import { readQrCode, SITE_CODE, tokenFromScan } from '@/utils/scanToken'
import './detail.scss'

type DetailState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; missing: boolean }
  | { kind: 'ready'; site: SiteDetail }

const isWeapp = process.env.TARO_ENV === 'weapp'
const siteIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''

/** A secretary (or the district office) may book a slot for their organisation. */
async function canBook(): Promise<boolean> {
  if (!isSignedIn()) return false
  const me = await userService.me()
  const person = me.ok ? me.data.person : null
  return !!person && person.status === 'approved' && (person.role === 'secretary' || person.role === 'admin')
}

export default function SiteDetailPage() {
  const [id] = useState(siteIdOf)
  const [state, setState] = useState<DetailState>({ kind: 'loading' })
  const [booker, setBooker] = useState(false)
  const [scanError, setScanError] = useState<string | null>(null)
  const [studio, setStudio] = useState<StudioPage | null>(null)

  const load = async () => {
    setState({ kind: 'loading' })
    const result = await siteService.get(id)
    if (result.ok) {
      // A 党代表工作室 shows its representatives and next receptions too.
      if (result.data.type === 'studio') studioService.get(id).then((r) => setStudio(r.ok ? r.data : null))
      return setState({ kind: 'ready', site: result.data })
    }
    const missing = result.code === 'NOT_FOUND' || result.code === 'INVALID_INPUT'
    setState({ kind: 'failed', missing, message: missing ? '没有找到这个阵地，它可能已经停止开放。' : result.message })
  }

  useEffect(() => {
    if (!id) {
      setState({ kind: 'failed', missing: true, message: '没有找到这个阵地，它可能已经停止开放。' })
      return
    }
    load()
    canBook().then(setBooker)
  }, [id])

  useShareAppMessage(() => ({
    title: state.kind === 'ready' ? state.site.name : '党建阵地',
    path: `${ROUTES.siteDetail}?id=${id}`,
  }))

  const scan = async () => {
    setScanError(null)
    const scanned = await readQrCode()
    if (!scanned) return // the person closed the camera
    const token = tokenFromScan(SITE_CODE, scanned)
    if (!token) return setScanError('这不是阵地签到码，请扫描阵地现场张贴的签到码。')
    Taro.navigateTo({ url: `${ROUTES.siteVisit}?t=${token}` })
  }

  if (state.kind !== 'ready') {
    return (
      <PageShell className='site-detail'>
        <LoadState
          loading={state.kind === 'loading'}
          error={state.kind === 'failed' ? state.message : null}
          errorTone={state.kind === 'failed' && state.missing ? 'warning' : 'danger'}
          onRetry={state.kind === 'failed' && state.missing ? undefined : load}
          errorActions={<AtButton onClick={() => Taro.switchTab({ url: ROUTES.site })}>查看全部阵地</AtButton>}
          textClassName='site-detail__text'
        />
      </PageShell>
    )
  }

  const { site } = state
  const photoUrls = site.photos.map((p) => p.url).filter(Boolean)
  const today = site.week[0]?.date

  return (
    <PageShell className='site-detail'>
      {photoUrls.length ? (
        <View className={`site-detail__photos site-detail__photos--${Math.min(photoUrls.length, 3)}`}>
          {photoUrls.map((url) => (
            <View key={url} className='site-detail__photo' onClick={() => Taro.previewImage({ current: url, urls: photoUrls })}>
              <Image className='site-detail__photo-image' src={url} mode='aspectFill' />
            </View>
          ))}
        </View>
      ) : null}

      <View className='site-detail__tags'>
        <Text className={`site-detail__open site-detail__open--${site.openNow ? 'yes' : 'no'}`}>
          {site.active ? (site.openNow ? '开放中' : '未开放') : '已停止开放'}
        </Text>
        {siteKind(site).map((tag) => <Text key={tag} className='site-detail__tag'>{tag}</Text>)}
      </View>
      <Text className='site-detail__name'>{site.name}</Text>
      <Text className='site-detail__today'>{site.todayHours}</Text>

      <View className='site-detail__facts'>
        <View className='site-detail__fact'>
          <Text className='site-detail__key'>地址</Text>
          <Text>{site.address}{site.distance !== undefined ? `（距您${formatDistance(site.distance)}）` : ''}</Text>
        </View>
        <View className='site-detail__fact'>
          <Text className='site-detail__key'>可容纳</Text>
          <Text>{site.capacity} 人</Text>
        </View>
        <View className='site-detail__fact'>
          <Text className='site-detail__key'>设施</Text>
          <Text>{site.facilities.length ? site.facilities.map((f) => SITE_FACILITY_LABELS[f]).join('、') : '—'}</Text>
        </View>
        <View className='site-detail__fact'>
          <Text className='site-detail__key'>管理单位</Text>
          <Text>{site.managingOrgName}</Text>
        </View>
        <View className='site-detail__fact'>
          <Text className='site-detail__key'>联系人</Text>
          <Text>{site.contact.name} {site.contact.phone}</Text>
        </View>
      </View>

      <View className='site-detail__actions'>
        <AtButton type='primary' onClick={() => navigateTo(site)}>导航</AtButton>
        {dialable(site.contact.phone) ? (
          <AtButton type='secondary' onClick={() => call(site.contact.phone)}>拨打电话</AtButton>
        ) : null}
      </View>

      <Card title='开放时间' className='site-hours'>
        {site.week.map((day) => (
          <View key={day.date} className={`site-hours__day${day.date === today ? ' site-hours__day--today' : ''}${day.closed ? ' site-hours__day--closed' : ''}`}>
            <Text className='site-hours__label'>{day.date === today ? `今天 ${day.label}` : day.label}</Text>
            <Text className='site-hours__value'>{day.closed ? '不开放' : day.hours}</Text>
          </View>
        ))}
        {site.closedDates.length ? (
          <Text className='site-hours__closed'>
            闭馆日：{site.closedDates.slice(0, 6).map((d) => formatDay(`${d}T12:00:00+08:00`)).join('、')}
            {site.closedDates.length > 6 ? ` 等 ${site.closedDates.length} 天` : ''}
          </Text>
        ) : null}
      </Card>

      {site.description ? (
        <Card title='阵地简介'>
          <Text className='site-detail__description'>{site.description}</Text>
        </Card>
      ) : null}

      {studio ? (
        <Card title='党代表' className='site-studio'>
          <RepList studio={studio} />
          <Text className='site-detail__text'>近期接待</Text>
          <UpcomingReceptions studio={studio} />
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.studioWrite}?siteId=${site.id}` })}>给工作室留言</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.studio}?siteId=${site.id}` })}>工作室详情（接待安排）</AtButton>
        </Card>
      ) : null}

      {site.type === 'library' ? (
        <Card title='馆藏' className='site-library'>
          <Text className='site-detail__text'>书屋自助借阅：找到想读的书，用{isWeapp ? '“扫码”' : '微信或手机相机'}扫描书上的二维码标签即可借书、还书。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.library}?siteId=${site.id}` })}>馆藏</AtButton>
        </Card>
      ) : null}

      <Card title='到场签到' className='site-visit-how'>
        <Text className='site-detail__text'>
          到达阵地后，用{isWeapp ? '下面的按钮' : '微信或手机相机'}扫描现场张贴的阵地签到码即可签到，每人每天在同一阵地签到一次。预约了这里的书记扫码签到，同时确认到场。
        </Text>
        {isWeapp ? <AtButton type='primary' onClick={scan}>扫码签到</AtButton> : null}
        {scanError ? <Notice tone='danger'>{scanError}</Notice> : null}
      </Card>

      {booker && site.active ? (
        <Card title='预约' className='site-book-entry'>
          <Text className='site-detail__text'>为本党组织预约一个时段开展组织生活，最多可容纳 {site.capacity} 人。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: `${ROUTES.siteBook}?siteId=${site.id}` })}>预约这个阵地</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.siteBookings })}>我的预约</AtButton>
        </Card>
      ) : null}

      {site.canManage ? (
        <Card title='阵地管理' className='site-manage'>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.siteCalendar}?id=${site.id}` })}>预约日历（确认、婉拒）</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.siteCode}?id=${site.id}` })}>打印签到码</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.siteUsage}?siteId=${site.id}` })}>使用情况</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: historyUrl('site', site.id) })}>操作记录</AtButton>
        </Card>
      ) : null}

      {site.canManage && site.type === 'library' ? (
        <Card title='书屋管理' className='site-library-manage'>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryAdd}?siteId=${site.id}` })}>添加图书</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryOverdue}?siteId=${site.id}` })}>逾期名单</AtButton>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.libraryFigures}?siteId=${site.id}` })}>借阅统计</AtButton>
        </Card>
      ) : null}
    </PageShell>
  )
}

// 阵地签到: opened by a site's fixed, printed QR code (any phone camera on H5; WeChat's plain-link rule or the scan
// button in the mini-program). Checks in at once — once per person per site per day — sending the phone's position
// if the person already allowed it; the site needs it (a scan far from the site is refused), so when it is missing
// the page says why and asks for it. A second scan the same day says 已签到 and when; a secretary's scan during their
// booking also confirms the booking's arrival.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'
import PageShell from '@/components/PageShell'
import ScanCard from '@/components/ScanCard'
import { useScanCheckIn, type ScanState, type SetScanState } from '@/hooks/useScanCheckIn'
import { ROUTES } from '@/routes'
import { siteService } from '@/services'
import type { ApiError, SiteLocation, SiteVisitResult } from '@/services'
import { latLng, locate, locationAllowed } from '@/utils/location'
import { SITE_CODE } from '@/utils/scanToken'
import { formatClock, shanghaiDate } from '@/utils/time'
import './visit.scss'

/** This device's check-ins of today, per site: the time to show when the same code is scanned again. */
const TODAY_KEY = 'site.visitsToday'

type SiteCheckIn =
  | { kind: 'done'; visit: SiteVisitResult }
  | { kind: 'already'; siteId?: string; name?: string; at?: string; message: string }

type VisitState = ScanState<SiteCheckIn>

function rememberVisit(visit: SiteVisitResult) {
  const today = shanghaiDate(visit.at)
  const kept = (Taro.getStorageSync(TODAY_KEY) || {}) as Record<string, string>
  const fresh = Object.fromEntries(Object.entries(kept).filter(([, at]) => shanghaiDate(at) === today))
  Taro.setStorageSync(TODAY_KEY, { ...fresh, [visit.siteId]: visit.at })
}

function rememberedToday(siteId: string | undefined): string | undefined {
  if (!siteId) return undefined
  const at = ((Taro.getStorageSync(TODAY_KEY) || {}) as Record<string, string>)[siteId]
  return at && shanghaiDate(at) === shanghaiDate(new Date()) ? at : undefined
}

function refusal(error: ApiError): VisitState {
  switch (error.code) {
    case 'ALREADY_DONE': {
      const first = (error.data ?? {}) as { siteId?: string; name?: string; at?: string }
      return { kind: 'already', siteId: first.siteId, name: first.name, at: first.at ?? rememberedToday(first.siteId), message: error.message }
    }
    case 'TOKEN_INVALID':
    case 'TOKEN_EXPIRED':
      return { kind: 'failed', title: '签到码无法识别', message: error.message, retry: 'scan' }
    case 'OUT_OF_RANGE':
      return { kind: 'failed', title: '不在阵地附近', message: error.message, retry: 'again' }
    case 'NOT_OPEN':
      return { kind: 'failed', title: '现在不能签到', message: error.message, retry: 'scan' }
    case 'INVALID_INPUT':
      if (error.fields?.some((f) => f.field === 'location')) return { kind: 'failed', title: '需要核对您的位置', message: error.message, retry: 'locate' }
      return { kind: 'failed', title: '签到没有成功', message: error.message, retry: 'again' }
    case 'NOT_REGISTERED':
      return { kind: 'failed', title: '还没有完成注册', message: `${error.message}。注册并通过审核后再扫码签到。`, retry: 'register' }
    default:
      return { kind: 'failed', title: '签到没有成功', message: error.message, retry: 'again' }
  }
}

/** The position: asked for when `ask` (the site said it needs it), else only when the person allowed it before. */
async function position(ask: boolean): Promise<SiteLocation | undefined> {
  if (!ask && !locationAllowed('sites')) return undefined
  try {
    return latLng(await locate('sites'))
  } catch {
    return undefined
  }
}

async function checkIn(token: string, set: SetScanState<SiteCheckIn>, askLocation = false): Promise<void> {
  set({ kind: 'working', what: '正在签到…' })
  const result = await siteService.visit(token, await position(askLocation))
  if (!result.ok) return set(refusal(result))
  rememberVisit(result.data)
  set({ kind: 'done', visit: result.data })
}

export default function SiteVisitPage() {
  const { state, run, scanAgain } = useScanCheckIn<SiteCheckIn>({
    code: SITE_CODE,
    submit: checkIn,
    notThisCode: { title: '这不是阵地签到码', message: '请对准阵地现场张贴的签到码扫描。' },
  })

  const toSites = () => Taro.switchTab({ url: ROUTES.site })
  const toSite = (siteId: string) => Taro.redirectTo({ url: `${ROUTES.siteDetail}?id=${siteId}` })
  const hint = 'ps-scan-card__hint site-visit__hint'
  const text = 'ps-scan-card__text site-visit__text'
  const site = 'ps-scan-card__subject site-visit__site'
  const rescan = process.env.TARO_ENV === 'weapp' ? (
    <AtButton type='primary' onClick={scanAgain}>重新扫码</AtButton>
  ) : (
    <Text className={hint}>请用手机相机重新扫描阵地现场张贴的签到码。</Text>
  )

  return (
    <PageShell className='site-visit'>
      {state.kind === 'working' ? <ScanCard block='site-visit' title={state.what} /> : null}

      {state.kind === 'signedOut' ? (
        <ScanCard block='site-visit' title='请先登录'>
          <Text className={text}>登录后，再扫描阵地的签到码签到。</Text>
          <AtButton type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'noToken' ? (
        <ScanCard block='site-visit' title='没有读到签到码'>
          <Text className={text}>请扫描阵地现场张贴的签到码。</Text>
          {rescan}
        </ScanCard>
      ) : null}

      {state.kind === 'done' ? (
        <ScanCard block='site-visit' title='签到成功' tone='done'>
          <Text className={site}>{state.visit.name}</Text>
          <Text className={text}>签到时间 {formatClock(state.visit.at)}</Text>
          {state.visit.booking ? (
            <Text className='site-visit__booking'>
              已确认到场：{state.visit.booking.orgName} {state.visit.booking.start}–{state.visit.booking.end} 的预约
            </Text>
          ) : null}
          {state.visit.firstThisMonth ? <Text className={hint}>这是您本月第一次来这里，欢迎！</Text> : null}
          <AtButton type='secondary' onClick={() => toSite(state.visit.siteId)}>查看阵地</AtButton>
        </ScanCard>
      ) : null}

      {state.kind === 'already' ? (
        <ScanCard block='site-visit' title='已签到' tone='already'>
          {state.name ? <Text className={site}>{state.name}</Text> : null}
          <Text className={text}>
            {state.at ? `您今天 ${formatClock(state.at)} 已在这里签到，每天签到一次就好，不用再扫了。` : state.message}
          </Text>
          {state.siteId ? (
            <AtButton type='secondary' onClick={() => toSite(state.siteId!)}>查看阵地</AtButton>
          ) : (
            <AtButton type='secondary' onClick={toSites}>查看全部阵地</AtButton>
          )}
        </ScanCard>
      ) : null}

      {state.kind === 'failed' ? (
        <ScanCard block='site-visit' title={state.title} tone='failed'>
          <Text className={text}>{state.message}</Text>
          {state.retry === 'scan' ? rescan : null}
          {state.retry === 'again' ? <AtButton type='primary' onClick={() => run(checkIn)}>再试一次</AtButton> : null}
          {state.retry === 'locate' ? (
            <AtButton type='primary' onClick={() => run((token, set) => checkIn(token, set, true))}>允许获取位置并签到</AtButton>
          ) : null}
          {state.retry === 'register' ? (
            <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>去注册</AtButton>
          ) : null}
          <AtButton onClick={toSites}>查看全部阵地</AtButton>
        </ScanCard>
      ) : null}
    </PageShell>
  )
}

// 阵地 tab: the district's open sites near the person. With their location (asked for with the reason, and only
// when they tap) the list is nearest first with distances; without it, by type and then name. Filters by type,
// facility and 现在开放. The mini-program also shows the sites on a map; the H5 app shows the list alone.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ComponentType } from 'react'
import { AtButton } from 'taro-ui'
import Chips from '@/components/Chips'
import LoadState from '@/components/LoadState'
import LoadMore from '@/components/LoadMore'
import PageShell from '@/components/PageShell'
import Switch from '@/components/Switch'
import { usePagedList } from '@/hooks/usePagedList'
import { ROUTES } from '@/routes'
import { SITE_FACILITIES, SITE_FACILITY_LABELS, SITE_TYPES, SITE_TYPE_LABELS, siteService } from '@/services'
import type { SiteFacility, SiteLocation, SiteSummary, SiteType } from '@/services'
import { latLng, locate, locationAllowed } from '@/utils/location'
import SiteCard from './SiteCard'
import './index.scss'

// WeChat's map component exists in the mini-program only; the H5 build leaves this module (and its marker image) out.
const SiteMap: ComponentType<{ sites: SiteSummary[]; near: SiteLocation | null; onOpen: (id: string) => void }> | null =
  process.env.TARO_ENV === 'weapp' ? require('./SiteMap').default : null

type TypeFilter = SiteType | 'all'
type FacilityFilter = SiteFacility | 'all'

interface Filters {
  type: TypeFilter
  facility: FacilityFilter
  openNow: boolean
}

/** Where the list's order comes from: the person's position, or (not asked, refused, failed) type and name. */
type Place =
  | { kind: 'notAsked' }
  | { kind: 'locating' }
  | { kind: 'located'; near: SiteLocation }
  | { kind: 'failed' }

/** What the list is: the filters, and where to measure distances from. */
interface Query {
  filters: Filters
  near: SiteLocation | null
}

const LOCATION_REASON = '用于按距离排列附近的阵地'

const TYPE_OPTIONS = [
  { value: 'all' as const, label: '全部' },
  ...SITE_TYPES.map((t) => ({ value: t, label: SITE_TYPE_LABELS[t] })),
]
const FACILITY_OPTIONS = [
  { value: 'all' as const, label: '不限' },
  ...SITE_FACILITIES.map((f) => ({ value: f, label: SITE_FACILITY_LABELS[f] })),
]

const fetchSites = ({ filters, near }: Query, cursor: string | null) => siteService.list({
  ...(filters.type !== 'all' ? { type: filters.type } : {}),
  ...(filters.facility !== 'all' ? { facility: filters.facility } : {}),
  ...(filters.openNow ? { openNow: true } : {}),
  ...(near ? { near } : {}),
  ...(cursor ? { cursor } : {}),
})

const ANYWHERE: Query = { filters: { type: 'all', facility: 'all', openNow: false }, near: null }

export default function SiteDirectoryPage() {
  const [place, setPlace] = useState<Place>({ kind: 'notAsked' })
  const [showFacilities, setShowFacilities] = useState(false)
  const directory = usePagedList({ fetch: fetchSites, query: ANYWHERE, idOf: (s: SiteSummary) => s.id })
  const { filters } = directory.query
  const near = place.kind === 'located' ? place.near : null
  const started = useRef(false)

  /** Reads the position, then lists nearest first; if it cannot be had, the ordinary order stays. */
  const locateMe = async () => {
    setPlace({ kind: 'locating' })
    try {
      const here = latLng(await locate('sites'))
      setPlace({ kind: 'located', near: here })
      await directory.reload({ query: { filters, near: here } })
    } catch {
      setPlace({ kind: 'failed' })
      if (!directory.page) await directory.reload({ query: { filters, near: null } })
    }
  }

  useDidShow(() => {
    if (started.current) return
    started.current = true
    // Asked once already and allowed: read it at once. Otherwise the list comes first, the question beside it.
    if (locationAllowed('sites')) locateMe()
    else directory.reload()
  })

  const filter = (patch: Partial<Filters>) => {
    directory.reload({ query: { filters: { ...filters, ...patch }, near }, clear: true })
  }

  const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.siteDetail}?id=${id}` })
  const filtered = filters.type !== 'all' || filters.facility !== 'all' || filters.openNow

  return (
    <PageShell className='sites'>
      <View className='sites__intro'>
        <Text className='sites__title'>党建阵地</Text>
        <Text className='sites__summary'>开放式组织生活基地、党代表工作室、党建书屋和党群服务中心向周边党组织开放共享，可预约、可到场签到。</Text>
      </View>

      <View className={`sites-place sites-place--${place.kind}`}>
        {place.kind === 'notAsked' ? (
          <View>
            <Text className='sites-place__text'>想看离您最近的阵地？允许获取您的位置，{LOCATION_REASON}。</Text>
            <AtButton type='primary' onClick={locateMe}>使用我的位置</AtButton>
          </View>
        ) : null}
        {place.kind === 'locating' ? <Text className='sites-place__text'>正在获取您的位置…</Text> : null}
        {place.kind === 'located' ? (
          <View className='sites-place__row'>
            <Text className='sites-place__text'>已按距离由近到远排列</Text>
            <AtButton className='sites-place__again' type='secondary' size='small' onClick={locateMe}>重新定位</AtButton>
          </View>
        ) : null}
        {place.kind === 'failed' ? (
          <View>
            <Text className='sites-place__text'>
              没有获取到您的位置，现按阵地类型和名称排列。如需按距离排列，请允许“先锋驿站”使用您的位置（或打开手机定位）后再试。
            </Text>
            <AtButton type='secondary' onClick={locateMe}>再试一次</AtButton>
          </View>
        ) : null}
      </View>

      <View className='sites-filters'>
        <Chips className='sites__types' options={TYPE_OPTIONS} value={filters.type} onChange={(type) => filter({ type })} />
        <Switch
          className='sites__open-now'
          title='只看现在开放的'
          checked={filters.openNow}
          onChange={(openNow: boolean) => filter({ openNow })}
        />
        <View className='sites__facility-bar'>
          <Text className='sites__facility-label'>
            设施：{filters.facility === 'all' ? '不限' : SITE_FACILITY_LABELS[filters.facility]}
          </Text>
          <AtButton className='sites__facility-toggle' size='small' onClick={() => setShowFacilities(!showFacilities)}>
            {showFacilities ? '收起' : '按设施筛选'}
          </AtButton>
        </View>
        {showFacilities ? (
          <Chips
            className='sites__facilities'
            options={FACILITY_OPTIONS}
            value={filters.facility}
            onChange={(facility) => filter({ facility })}
          />
        ) : null}
      </View>

      <LoadState
        loading={directory.loading}
        error={directory.error}
        onRetry={() => directory.reload()}
        empty={directory.items.length === 0}
        emptyText={filtered ? '没有符合条件的阵地，换个条件试试。' : '还没有登记的阵地。'}
        textClassName='sites__text'
      />

      {SiteMap && directory.items.length > 0 ? <SiteMap sites={directory.items} near={near} onOpen={open} /> : null}

      {directory.page ? (
        <View className='sites__list'>
          {directory.items.map((site) => <SiteCard key={site.id} site={site} onOpen={open} />)}
          <LoadMore list={directory} endClassName='sites__end' />
        </View>
      ) : null}
    </PageShell>
  )
}

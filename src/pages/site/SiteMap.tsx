// The mini-program's map of the listed sites, a marker each (tap one to open the site). WeChat's map component only:
// the H5 app shows the list alone.
import { Map } from '@tarojs/components'
import type { SiteLocation, SiteSummary } from '@/services'
import markerIcon from './marker.png'

interface SiteMapProps {
  sites: SiteSummary[]
  /** Where the person is, when they allowed it: the map centres there and shows the blue dot. */
  near: SiteLocation | null
  onOpen: (id: string) => void
}

export default function SiteMap({ sites, near, onOpen }: SiteMapProps) {
  const centre = near ?? sites[0]?.location
  if (!centre) return null
  // Marker ids must be numbers: a site's place in the list.
  const markers = sites.map((site, index) => ({
    id: index,
    latitude: site.location.lat,
    longitude: site.location.lng,
    title: site.name,
    iconPath: markerIcon,
    width: 32,
    height: 40,
    callout: {
      content: site.name, color: '#1F1F1F', fontSize: 14, padding: 6, borderRadius: 6, borderWidth: 1, borderColor: '#D9D9D9',
      bgColor: '#FFFFFF', display: 'ALWAYS' as const, textAlign: 'center' as const, anchorX: 0, anchorY: 0,
    },
  }))
  return (
    <Map
      className='site-map'
      latitude={centre.lat}
      longitude={centre.lng}
      scale={14}
      showLocation={!!near}
      markers={markers}
      onMarkerTap={(e) => {
        const site = sites[Number(e.detail.markerId)]
        if (site) onOpen(site.id)
      }}
      onCalloutTap={(e) => {
        const site = sites[Number(e.detail.markerId)]
        if (site) onOpen(site.id)
      }}
      // The list below carries everything the map shows: a map that cannot load leaves nothing missing.
      onError={() => {}}
    />
  )
}

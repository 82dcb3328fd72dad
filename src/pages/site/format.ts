// Site facts as a person reads them: distances ("850米", "1.2公里") and a site's type and level.
import type { SiteSummary } from '@/services'
import { SITE_LEVEL_LABELS, SITE_TYPE_LABELS } from '@/services'

/** 850米 · 1.2公里 · 12公里 */
export function formatDistance(metres: number): string {
  const tens = Math.max(0, Math.round(metres / 10) * 10)
  if (tens < 1000) return `${tens}米`
  if (metres < 10000) return `${(Math.round(metres / 100) / 10).toString()}公里`
  return `${Math.round(metres / 1000)}公里`
}

/** 党群服务中心 · 区级示范 */
export function siteKind(site: Pick<SiteSummary, 'type' | 'level'>): string[] {
  return [SITE_TYPE_LABELS[site.type], ...(site.level ? [`${SITE_LEVEL_LABELS[site.level]}示范`] : [])]
}

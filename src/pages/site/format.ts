// Site facts as a person reads them: distances ("850米", "10.6公里") and a site's type and level.
import type { SiteSummary } from '@/services'
import { distanceLabel, SITE_LEVEL_LABELS, SITE_TYPE_LABELS } from '@/services'

/** A list's distance, to the nearest ten metres: 850米 · 1.2公里 · 10.6公里 (a sentence uses `distanceLabel`). */
export function formatDistance(metres: number): string {
  const tens = Math.max(0, Math.round(metres / 10) * 10)
  return tens < 1000 ? `${tens}米` : distanceLabel(Math.max(metres, 1000)).replace(' ', '')
}

/** 党群服务中心 · 区级示范 */
export function siteKind(site: Pick<SiteSummary, 'type' | 'level'>): string[] {
  return [SITE_TYPE_LABELS[site.type], ...(site.level ? [`${SITE_LEVEL_LABELS[site.level]}示范`] : [])]
}

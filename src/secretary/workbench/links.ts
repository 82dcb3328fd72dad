// Where the workbench's taps go: an organisation's workbench, the list behind a figure, the page that fixes a warning.
import type { PageName } from '@/pageTable'
import { ROUTES } from '@/routes'
import type { Area, PageLink } from '@/services/workbench'

const query = (params: Record<string, string | undefined>) => {
  const parts = Object.entries(params).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const workbenchUrl = (orgId: string, period: string) => `${ROUTES.workbench}${query({ orgId, period })}`
export const drillUrl = (area: Area, orgId: string, period: string) => `${ROUTES.workbenchDrill}${query({ area, orgId, period })}`
export const reportUrl = (id: string) => `${ROUTES.workbenchReport}${query({ id })}`

/** A warning's fix: a page of the page table by its name, with its query. */
export const fixUrl = (fix: PageLink) => `${ROUTES[fix.page as PageName] ?? ROUTES.workbench}${query(fix.params)}`

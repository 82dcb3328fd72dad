// Page paths the app navigates to, from the one page table (see pageTable.ts for what each page takes).
import type { HistorySubject } from '../contract/user'
import { PAGES, type PageEntry, type PageName } from './pageTable'

const route = (page: PageEntry) => `/${page.subpackage ? `${page.subpackage}/` : ''}${page.path}`

export const ROUTES = Object.fromEntries(
  Object.entries(PAGES).map(([name, page]) => [name, route(page)]),
) as Record<PageName, string>

/** The 操作记录 page of a story, class, site or person. */
export const historyUrl = (type: HistorySubject, id: string) => `${ROUTES.history}?type=${type}&id=${encodeURIComponent(id)}`

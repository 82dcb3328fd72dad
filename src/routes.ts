// Page paths the app navigates to, from the one page table (see pageTable.ts for what each page takes).
import { PAGES, type PageEntry, type PageName } from './pageTable'

const route = (page: PageEntry) => `/${page.subpackage ? `${page.subpackage}/` : ''}${page.path}`

export const ROUTES = Object.fromEntries(
  Object.entries(PAGES).map(([name, page]) => [name, route(page)]),
) as Record<PageName, string>

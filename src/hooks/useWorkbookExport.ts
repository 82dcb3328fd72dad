// 导出Excel on a report page: one export at a time, the workbook opened where the person is, and a note beside the
// button saying what was exported or why not (the site usage and coverage pages).
import { useState } from 'react'
import type { ApiResult } from '@/services'
import { openWorkbook } from '@/utils/workbook'

export type ExportNote = { tone: 'success' | 'danger'; text: string }

export function useWorkbookExport() {
  const [exporting, setExporting] = useState(false)
  const [note, setNote] = useState<ExportNote | null>(null)

  /** Makes the workbook with `make` and opens it; `done` is the note when it opened. */
  const run = async (make: () => Promise<ApiResult<{ url: string }>>, done: string) => {
    if (exporting) return
    setExporting(true)
    setNote(null)
    const result = await make()
    if (!result.ok) {
      setExporting(false)
      return setNote({ tone: 'danger', text: result.message })
    }
    try {
      await openWorkbook(result.data.url)
      setNote({ tone: 'success', text: done })
    } catch {
      setNote({ tone: 'danger', text: '文件下载没有成功，请稍后再试。' })
    }
    setExporting(false)
  }

  return { exporting, note, run }
}

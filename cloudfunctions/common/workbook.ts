// Exports as .xlsx workbooks (exceljs): one sheet with a few lines about it, a bold header and the rows, saved to
// cloud storage; the answer is the file's fileID and a temporary download link.
import crypto from 'crypto'
import type { Worksheet } from 'exceljs'
import { cloud } from './cloud'
import { shanghaiDate, shanghaiClock } from './time'

/** 20261120-093000: a Beijing time for a folder name. */
const shanghaiStamp = (at: Date) => `${shanghaiDate(at).replace(/-/g, '')}-${shanghaiClock(at).replace(/:/g, '')}`

/** A rate (0–1) as a person reads it in a sheet: `66.7%`, `—` when there is none. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export interface SheetLayout {
  name: string
  columns: Array<{ key: string; width: number }>
  /** Label and value lines above the table. */
  info: Array<[string, string]>
  header: string[]
}

/** Builds the workbook: the layout, then `fill` adds the rows. */
export function workbook(layout: SheetLayout, fill: (sheet: Worksheet) => void): Promise<Buffer> {
  return workbookOf([{ layout, fill }])
}

/** Builds a workbook of several sheets, each laid out as `workbook` lays out its one. */
export async function workbookOf(sheets: Array<{ layout: SheetLayout; fill: (sheet: Worksheet) => void }>): Promise<Buffer> {
  // Loaded on the first export only: exceljs is most of the bundle, and a sign-in should not wait for it.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '先锋驿站'
  for (const { layout, fill } of sheets) {
    const sheet = book.addWorksheet(layout.name)
    sheet.columns = layout.columns
    for (const [k, v] of layout.info) sheet.addRow([k, v]).getCell(1).font = { bold: true }
    sheet.addRow([])
    const header = sheet.addRow(layout.header)
    header.font = { bold: true }
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } }
      cell.border = { bottom: { style: 'thin' } }
    })
    fill(sheet)
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/**
 * A file name a person recognises in their downloads: what it is, then the date (`签到表-学习党的创新理论-2026-11-20`),
 * without the characters file systems refuse.
 */
export const exportName = (...parts: string[]) =>
  parts.map((p) => p.trim().replace(/[\\/:*?"<>|#\s]+/g, '-')).filter(Boolean).join('-').slice(0, 80)

/**
 * Uploads a workbook named `name` under `folder` and answers its fileID and a temporary link (2 hours). Each export
 * gets a folder of its own (its time in Beijing and a random part), so two exports of the same thing never collide
 * and the file itself keeps the plain name.
 */
export async function saveWorkbook(folder: string, name: string, file: Buffer, at: Date): Promise<{ fileID: string; url: string }> {
  const stamp = shanghaiStamp(at)
  const cloudPath = `${folder}/${stamp}-${crypto.randomBytes(4).toString('hex')}/${name}.xlsx`
  const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: file })
  if (!fileID) throw new Error(`export to ${folder}: no fileID`)
  return { fileID, url: await workbookLink(fileID) }
}

/** A fresh temporary link (2 hours) to a stored workbook: a report is downloaded again long after it was built. */
export async function workbookLink(fileID: string): Promise<string> {
  const { fileList } = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: 2 * 60 * 60 }] })
  const url = fileList?.[0]?.tempFileURL
  if (!url) throw new Error(`no link to ${fileID} (${JSON.stringify(fileList)})`)
  return url
}

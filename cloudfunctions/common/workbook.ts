// Exports as .xlsx workbooks (exceljs): one sheet with a few lines about it, a bold header and the rows, saved to
// cloud storage; the answer is the file's fileID and a temporary download link.
import crypto from 'crypto'
import type { Worksheet } from 'exceljs'
import { cloud } from './cloud'

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
export async function workbook(layout: SheetLayout, fill: (sheet: Worksheet) => void): Promise<Buffer> {
  // Loaded on the first export only: exceljs is most of the bundle, and a sign-in should not wait for it.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = '先锋驿站'
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
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Uploads a workbook under `folder` and answers its fileID and a temporary link (2 hours). */
export async function saveWorkbook(folder: string, file: Buffer, at: Date): Promise<{ fileID: string; url: string }> {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15)
  const cloudPath = `${folder}/${stamp}-${crypto.randomBytes(4).toString('hex')}.xlsx`
  const { fileID } = await cloud().uploadFile({ cloudPath, fileContent: file })
  const { fileList } = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: 2 * 60 * 60 }] })
  const url = fileList?.[0]?.tempFileURL
  if (!fileID || !url) throw new Error(`export to ${folder}: no fileID or link (${JSON.stringify(fileList)})`)
  return { fileID, url }
}

// multipart/form-data, as wx-server-sdk posts wx.openApi to /admin (action, apiName, requestData).

/** Field name → bytes. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw new Error('no multipart boundary')
  const delimiter = Buffer.from(`--${m[1] ?? m[2].trim()}`)
  const fields = new Map<string, Buffer>()
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    let start = pos + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    const part = body.subarray(start, next - 2) // drop the CRLF before the delimiter
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8')
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1]
      if (name !== undefined) fields.set(name, part.subarray(split + 4))
    }
    pos = next
  }
  return fields
}

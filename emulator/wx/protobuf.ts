// The protobuf envelope of wx.openApi (wx-server-sdk's cloud.openapi.*): CommApiData in, CommOpenApiResp out.
// Only what those two messages use: varints and length-delimited fields.

type Json = Record<string, any>

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0
  let shift = 0
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint')
    const b = buf[pos++]
    result += (b & 0x7f) * 2 ** shift
    if (!(b & 0x80)) return [result, pos]
    shift += 7
    if (shift > 63) throw new Error('varint too long')
  }
}

/** Field number → raw values (Buffer for length-delimited, number for varint). */
function decodeMessage(buf: Buffer): Map<number, Array<Buffer | number>> {
  const fields = new Map<number, Array<Buffer | number>>()
  let pos = 0
  while (pos < buf.length) {
    let tag: number
    ;[tag, pos] = readVarint(buf, pos)
    const field = Math.floor(tag / 8)
    const wire = tag & 7
    let value: Buffer | number
    if (wire === 0) {
      ;[value, pos] = readVarint(buf, pos)
    } else if (wire === 2) {
      let len: number
      ;[len, pos] = readVarint(buf, pos)
      if (pos + len > buf.length) throw new Error('truncated field')
      value = buf.subarray(pos, pos + len)
      pos += len
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8); pos += 8
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4); pos += 4
    } else {
      throw new Error(`unsupported wire type ${wire}`)
    }
    if (field === 0) throw new Error('field 0')
    if (!fields.has(field)) fields.set(field, [])
    fields.get(field)!.push(value)
  }
  return fields
}

function varint(n: number): Buffer {
  const out: number[] = []
  let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Buffer.from(out)
}

const pbBytes = (field: number, bytes: Buffer) => Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes])
const pbInt = (field: number, n: number) => Buffer.concat([varint(field * 8), varint(n)])

/** wx-server-sdk's CommApiData { apiType=1, openapiData=2 { pairs=1 { key=1, value=2 } }, appid=6 } → request JSON. */
export function decodeCommApiData(buf: Buffer): Json | null {
  let message: Map<number, Array<Buffer | number>>
  try {
    message = decodeMessage(buf)
    const openapi = message.get(2)?.[0]
    if (!Buffer.isBuffer(openapi)) return null
    const data: Json = {}
    for (const pair of decodeMessage(openapi).get(1) ?? []) {
      if (!Buffer.isBuffer(pair)) return null
      const kv = decodeMessage(pair)
      const key = kv.get(1)?.[0]
      const value = kv.get(2)?.[0]
      if (!Buffer.isBuffer(key)) return null
      const text = Buffer.isBuffer(value) ? value.toString('utf8') : ''
      try {
        data[key.toString('utf8')] = JSON.parse(text)
      } catch {
        data[key.toString('utf8')] = text
      }
    }
    return data
  } catch {
    return null
  }
}

/** CommOpenApiResp { respData=1, contentType=2, errorCode=3, httpCode=4 }. */
export function encodeCommOpenApiResp(r: { respData?: Buffer; contentType?: string; errorCode?: number; httpCode?: number }) {
  const parts: Buffer[] = []
  if (r.respData) parts.push(pbBytes(1, r.respData))
  if (r.contentType) parts.push(pbBytes(2, Buffer.from(r.contentType)))
  if (r.errorCode) parts.push(pbInt(3, r.errorCode))
  if (r.httpCode) parts.push(pbInt(4, r.httpCode))
  return Buffer.concat(parts)
}

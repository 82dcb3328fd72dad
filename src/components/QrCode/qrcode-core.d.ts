// The `qrcode` package's encoder, which @types/qrcode does not describe (it types the renderers only).
declare module 'qrcode/lib/core/qrcode' {
  interface BitMatrix {
    size: number
    get(row: number, col: number): number
  }
  type Segment = { data: string | ArrayLike<number>; mode: 'byte' | 'alphanumeric' | 'numeric' | 'kanji' }
  export function create(data: string | Segment[], options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): {
    modules: BitMatrix
    version: number
  }
}

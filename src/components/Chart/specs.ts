// The three charts of the 党建工作台 as AntV F2 elements. F2 5 has its own JSX runtime; calling its `jsx()` in a .ts
// file keeps it apart from React's (Babel compiles every .tsx with React's). Sizes are CSS px: the canvas is set up
// with px2hd = identity, so a label's fontSize is what a person sees (≥ 18 in 长辈模式, like the page's text).
import { Axis, Chart, Interval, Line, LineGuide, Point, TextGuide, jsx as f2jsx } from '@antv/f2'
import { NATIVE_COLORS } from '@/theme/nativeColors'

export type ChartKind = 'trend' | 'ranking' | 'coverage'

export interface ChartRow {
  /** The category: a month (11月) or an organisation's name. */
  label: string
  /** null: nothing to measure (a rate with no one expected); drawn as a gap, shown as — in the table. */
  value: number | null
}

export interface ChartData {
  kind: ChartKind
  rows: ChartRow[]
  /** What the value is, for the table's column and the axis: 开课次数, 出勤率. */
  valueLabel: string
  /** Values are shares 0–1, shown as percentages. */
  rate?: boolean
  /** coverage: the target (same unit as the values) drawn as a line across the bars. */
  target?: number | null
}

// F2's component classes are generic over their records; its jsx() typing cannot take them as they are.
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ReturnType<typeof f2jsx>

const TEXT = '#595959' // --ps-color-text-secondary: 7:1 on white
const GRID = '#D9D9D9'

export interface ChartLook {
  care: boolean
  width: number
}

/** Axis label size: the page's caption size (14 px normal, 18 px in 长辈模式). */
export const labelSize = (care: boolean) => (care ? 18 : 13)

/** The canvas height the chart needs at this width (bars get a row each). */
export function chartHeight(data: ChartData, { care }: ChartLook): number {
  if (data.kind === 'trend') return care ? 280 : 220
  const row = care ? 44 : 32
  return Math.max(care ? 160 : 120, data.rows.length * row + (care ? 60 : 48))
}

export const formatValue = (data: Pick<ChartData, 'rate'>, value: number | null): string =>
  value === null ? '—' : data.rate ? `${Math.round(value * 1000) / 10}%` : String(value)

const RANK = /^(\d+\. )?(.*)$/

/** An organisation's name cut to fit beside a bar (a ranking's 「1. 」 not counted); the table holds the whole name. */
const short = (label: string, care: boolean) => {
  const max = care ? 5 : 7
  const [, rank = '', name] = RANK.exec(label)!
  return `${rank}${name.length > max ? `${name.slice(0, max - 1)}…` : name}`
}

/**
 * Bar labels without the start every name shares (幸福里社区第一党支部 and 幸福里社区离退休党支部 → 第一党支部,
 * 离退休党支部): cut to fit, the shared part would be all that shows. A ranking's 「1. 」 stays.
 */
export function barLabels(labels: string[]): string[] {
  const parts = labels.map((l) => RANK.exec(l)!)
  const names = parts.map((p) => p[2])
  let shared = 0
  if (names.length > 1) {
    while (names.every((n) => shared < n.length - 1 && n[shared] === names[0][shared])) shared++
  }
  if (shared < 2) shared = 0
  return parts.map((p, i) => `${p[1] ?? ''}${names[i].slice(shared)}`)
}

export function chartElement(data: ChartData, look: ChartLook) {
  const size = labelSize(look.care)
  const label = { fontSize: size, fill: TEXT }
  const records = data.rows.map((row, index) => ({ index, label: row.label, value: row.value }))
  const max = Math.max(data.rate ? 1 : 1, ...records.map((r) => r.value ?? 0), data.target ?? 0)
  // A ranking's score is out of 100: its axis ends there, as a rate's ends at 100 %.
  const valueScale = data.rate
    ? { min: 0, max: 1, tickCount: 3, formatter: (v: number) => `${Math.round(v * 100)}%` }
    : { min: 0, max: data.kind === 'ranking' ? 100 : Math.ceil(max * 1.15) || 1, tickCount: 3, formatter: (v: number) => String(Math.round(v)) }
  const valueAxis = jsx(Axis, { field: 'value', style: { label, grid: { stroke: GRID } } })

  if (data.kind === 'trend') {
    // Twelve month labels do not fit across a phone: every other one in normal mode, every third in 长辈模式.
    const every = look.care ? 3 : 2
    const last = records.length - 1
    return jsx(Chart, { data: records, scale: { index: { type: 'linear', min: 0, max: Math.max(1, last), tickCount: records.length }, value: valueScale } },
      jsx(Axis, {
        field: 'index',
        style: {
          label: (_text: string, i: number) => ({ ...label, text: (last - i) % every === 0 ? records[i]?.label ?? '' : '' }),
        },
      }),
      valueAxis,
      jsx(Line, { x: 'index', y: 'value', color: NATIVE_COLORS.primary, style: { lineWidth: look.care ? 3 : 2 }, connectNulls: false }),
      jsx(Point, { x: 'index', y: 'value', color: NATIVE_COLORS.primary, size: look.care ? 4 : 3 }),
    )
  }

  // Bars: one row per organisation, the best first at the top (transposed, so long names sit on the left).
  const bars = [...records].reverse()
  const names = barLabels(records.map((r) => r.label))
  const shown = new Map(records.map((r, i) => [r.label, names[i]]))
  const children = [
    jsx(Axis, { field: 'label', style: { label: (text: string) => ({ ...label, text: short(shown.get(text) ?? text, look.care) }) } }),
    valueAxis,
    jsx(Interval, { x: 'label', y: 'value', color: NATIVE_COLORS.primary, style: { radius: [0, 3, 3, 0] } }),
  ]
  if (data.kind === 'coverage' && data.target !== null && data.target !== undefined) {
    const target = data.target
    children.push(
      jsx(LineGuide, {
        records: [{ label: 'min', value: target }, { label: 'max', value: target }],
        style: { stroke: NATIVE_COLORS.text, lineWidth: look.care ? 3 : 2, lineDash: [6, 4] },
      }),
      jsx(TextGuide, {
        records: [{ label: 'max', value: target }],
        content: `目标 ${formatValue(data, target)}`,
        offsetY: -size,
        style: { fontSize: size, fill: NATIVE_COLORS.text, textAlign: 'end' },
      }),
    )
  }
  return jsx(Chart, {
    data: bars,
    coord: { transposed: true },
    scale: { label: { type: 'cat', values: bars.map((b) => b.label) }, value: valueScale },
  }, ...children)
}

// What a chart of src/components/Chart actually painted, read from its canvas pixels in the browser (a data attribute
// or a finished render() promise says nothing about the picture: F2 paints on a later animation frame, and a second
// F2 canvas on the same element can wipe the first). Each chart is checked against its own 「查看数据」 table.
import type { Locator } from 'playwright-core'

/** One chart's picture, measured. Pixels are canvas pixels (CSS px × device pixel ratio). */
export interface Painted {
  title: string
  width: number
  height: number
  /** Non-transparent pixels that are not near-white: lines, bars, labels, grid. */
  ink: number
  /** Pixels in the chart colour (NATIVE_COLORS.primary, #C8102E). */
  primary: number
  /** Leftmost to rightmost column holding the chart colour, as a share of the width (a trend's line). */
  primarySpan: number
  /** Separate horizontal bands of the chart colour (rows holding at least 6 such pixels): the bars of a bar chart. */
  bars: number
  /** The shortest and longest band, as a share of the width. */
  barLengths: number[]
  /** Label-grey pixels (#595959): the axis labels. */
  labels: number
}

/** Reads every chart canvas under `screen` (the current page). */
export function measureCharts(screen: Locator): Promise<Painted[]> {
  return screen.locator('.ps-chart').evaluateAll((charts) => charts.map((chart) => {
    const title = chart.querySelector('.ps-chart__title')?.textContent ?? ''
    const canvas = chart.querySelector('canvas') as HTMLCanvasElement | null
    const empty = { title, width: 0, height: 0, ink: 0, primary: 0, primarySpan: 0, bars: 0, barLengths: [], labels: 0 }
    if (!canvas || canvas.width === 0 || canvas.height === 0) return empty
    const { width, height } = canvas
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data
    const near = (i: number, r: number, g: number, b: number, d: number) =>
      Math.abs(data[i] - r) <= d && Math.abs(data[i + 1] - g) <= d && Math.abs(data[i + 2] - b) <= d
    let ink = 0
    let primary = 0
    let labels = 0
    let minX = width
    let maxX = -1
    const rowPrimary = new Array<number>(height).fill(0)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4
        if (data[i + 3] < 128) continue
        if (data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240) continue
        ink++
        if (near(i, 0xc8, 0x10, 0x2e, 40)) {
          primary++
          rowPrimary[y]++
          if (x < minX) minX = x
          if (x > maxX) maxX = x
        } else if (near(i, 0x59, 0x59, 0x59, 30)) labels++
      }
    }
    // A bar is a run of rows each holding a long stretch of the chart colour.
    const barLengths: number[] = []
    let run = 0
    let longest = 0
    for (let y = 0; y <= height; y++) {
      const long = y < height && rowPrimary[y] >= 6
      if (long) { run++; longest = Math.max(longest, rowPrimary[y]) } else if (run > 0) {
        barLengths.push(Math.round((longest / width) * 100) / 100)
        run = 0
        longest = 0
      }
    }
    return {
      title, width, height, ink, primary, labels,
      primarySpan: maxX < 0 ? 0 : (maxX - minX + 1) / width,
      bars: barLengths.length,
      barLengths: barLengths.sort((a, b) => a - b),
    }
  }))
}

/** The values a chart's 「查看数据」 table lists (opened and closed again: a re-render the picture must survive). */
export async function tableValues(chart: Locator): Promise<(number | null)[]> {
  await chart.locator('.ps-chart__toggle').click()
  const cells = await chart.locator('[role="row"]:not(.ps-chart__row--head) > :nth-child(2)').allTextContents()
  await chart.locator('.ps-chart__toggle').click()
  return cells.map((text) => (text.trim() === '—' ? null : Number.parseFloat(text)))
}

/** Whether the picture shows what the table lists; the reason when it does not. */
export function paintedProblem(p: Painted, values: (number | null)[], kind: 'trend' | 'bars'): string | null {
  if (p.width === 0) return 'the canvas has no size'
  // Axes, grid and labels are always there: a blank or wiped canvas has none.
  if (p.labels < 200) return `almost no axis labels (${p.labels} label pixels)`
  const measured = values.filter((v): v is number => v !== null)
  if (kind === 'bars') {
    const nonZero = measured.filter((v) => v > 0).length
    if (p.bars !== nonZero) return `${p.bars} bars painted, the table has ${nonZero} non-zero rows`
    return null
  }
  if (measured.length === 0) return null
  if (p.primary < 30) return `no line or points (${p.primary} chart-colour pixels)`
  // Twelve months across the plot: the line from the first measured month to the last spans that share of it.
  const first = values.findIndex((v) => v !== null)
  const last = values.length - 1 - [...values].reverse().findIndex((v) => v !== null)
  const expected = ((last - first) / Math.max(1, values.length - 1)) * 0.5
  if (p.primarySpan < expected) return `the line spans ${p.primarySpan.toFixed(2)} of the width, expected ≥ ${expected.toFixed(2)}`
  return null
}

/**
 * Waits until every chart on the page painted what its table lists (F2 paints on an animation frame after render),
 * and fails with each chart's measurements if one never does.
 */
export async function expectChartsPainted(screen: Locator, timeout = 5000): Promise<Painted[]> {
  const charts = screen.locator('.ps-chart')
  const count = await charts.count()
  expect(count).toBeGreaterThan(0)
  const expected: { values: (number | null)[]; kind: 'trend' | 'bars' }[] = []
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i)
    const title = await chart.locator('.ps-chart__title').textContent()
    expected.push({ values: await tableValues(chart), kind: /^每月/.test(title ?? '') ? 'trend' : 'bars' })
  }
  const deadline = Date.now() + timeout
  for (;;) {
    const painted = await measureCharts(screen)
    const problems = painted.map((p, i) => paintedProblem(p, expected[i].values, expected[i].kind))
    if (problems.every((p) => p === null)) return painted
    if (Date.now() > deadline) {
      throw new Error(`charts not painted:\n${painted.map((p, i) => `${p.title}: ${problems[i] ?? 'ok'} ${JSON.stringify(p)}`).join('\n')}`)
    }
    await screen.page().waitForTimeout(100)
  }
}

// A chart of the 党建工作台 (AntV F2 5) with its numbers as a table: the canvas is a picture (aria-hidden), and
// 「查看数据」 opens the same rows as a table that a screen reader reads and a person can check figure by figure.
// weapp: a Taro <Canvas type="2d">, its node found with createSelectorQuery, its 2d context and the device pixel
// ratio handed to F2. H5: a plain <canvas> (Taro's H5 Canvas wraps one in a web component F2 cannot reach).
// Only the secretary subpackage imports this, so F2 stays out of the main package.
import { Canvas as F2Canvas } from '@antv/f2'
import { Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import Control from '@/components/Control'
import { useCareMode } from '@/theme/careMode'
import { chartElement, chartHeight, formatValue, type ChartData } from './specs'
import './index.scss'

export type { ChartData, ChartKind, ChartRow } from './specs'
export { formatValue } from './specs'

interface ChartProps {
  title: string
  data: ChartData
  /** One sentence under the title: what the chart shows (the table's caption too). */
  summary?: string
}

const h5 = process.env.TARO_ENV === 'h5'
let nextId = 0

interface Surface {
  context: CanvasRenderingContext2D
  width: number
  pixelRatio: number
  /** The platform's canvas, for images and animation frames. */
  node: { width: number; height: number; requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown; createImage?: () => unknown }
}

/** The F2 canvas drawing on one element, and the size it was laid out for. */
interface Drawing {
  canvas: F2Canvas
  width: number
  height: number
}

/** F2's canvas props for `data` on the surface at this height. */
function canvasProps(surface: Surface, height: number, data: ChartData, care: boolean) {
  const { node, pixelRatio, width, context } = surface
  return {
    context,
    pixelRatio,
    width,
    height,
    // Sizes in the specs are CSS px already.
    px2hd: (value: number) => value,
    // Nothing moves: no timer hurries anyone, and a screenshot is the chart.
    animate: false,
    padding: care ? [16, 24, 16, 16] : [12, 16, 12, 12],
    ...(h5 ? {} : {
      createImage: () => node.createImage?.(),
      requestAnimationFrame: node.requestAnimationFrame,
      cancelAnimationFrame: node.cancelAnimationFrame,
    }),
    children: chartElement(data, { care, width }),
  } as ConstructorParameters<typeof F2Canvas>[0]
}

/**
 * Draws `data` on the surface: the first time with a new F2 canvas, afterwards by updating that same one (resized
 * first when the width or the height changed). One element keeps one F2 canvas for its life: a second F2 canvas on an
 * element whose first was destroyed paints nothing (its first frame clears the element and draws an empty scene; the
 * trend and ranking charts came out blank that way whenever the page rendered again with new chart data).
 */
async function paint(drawing: Drawing | null, surface: Surface, data: ChartData, care: boolean): Promise<Drawing> {
  const height = chartHeight(data, { care, width: surface.width })
  const { node, pixelRatio, width } = surface
  const sized = drawing && drawing.width === width && drawing.height === height
  if (!sized) {
    // The element's own pixels (F2 sets only a wrapper's on weapp); setting them clears it, the frame below repaints.
    node.width = Math.round(width * pixelRatio)
    node.height = Math.round(height * pixelRatio)
  }
  const props = canvasProps(surface, height, data, care)
  if (!drawing) {
    const canvas = new F2Canvas(props)
    await canvas.render()
    return { canvas, width, height }
  }
  if (!sized) await drawing.canvas.resize(width, height)
  await drawing.canvas.update(props)
  return { canvas: drawing.canvas, width, height }
}

export default function Chart({ title, data, summary }: ChartProps) {
  const [care] = useCareMode()
  const [showTable, setShowTable] = useState(false)
  const id = useMemo(() => `ps-chart-${nextId++}`, [])
  const h5Canvas = useRef<HTMLCanvasElement | null>(null)
  const height = chartHeight(data, { care, width: 0 })
  // What to draw, read by the drawing when the surface is ready or changes size.
  const wanted = useRef({ data, care })
  wanted.current = { data, care }
  const surface = useRef<Surface | null>(null)
  const drawing = useRef<Drawing | null>(null)
  // One paint at a time, each after the one before: F2's update and resize are asynchronous.
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const unmounted = useRef(false)

  const repaint = useMemo(() => () => {
    queue.current = queue.current.then(async () => {
      const on = surface.current
      if (unmounted.current || !on) return
      const { data: d, care: c } = wanted.current
      drawing.current = await paint(drawing.current, on, d, c)
    }).catch((e: unknown) => console.error('chart', e))
  }, [])

  // The surface: found once; on H5 measured again whenever the chart's box changes width (a page hidden in the stack
  // measures 0 wide, and rotation or zoom change it). The box, not the canvas: F2 fixes the canvas's CSS width in px.
  useEffect(() => {
    unmounted.current = false
    if (h5) {
      const node = h5Canvas.current
      const box = node?.parentElement
      const context = node?.getContext('2d')
      if (!node || !box || !context) return
      const measure = () => {
        const width = box.getBoundingClientRect().width
        if (width <= 0 || width === surface.current?.width) return
        surface.current = { context, width, pixelRatio: window.devicePixelRatio || 1, node }
        repaint()
      }
      const observer = new ResizeObserver(measure)
      observer.observe(box)
      measure()
      return () => observer.disconnect()
    }
    // After this render reached the page: the canvas node exists then.
    Taro.nextTick(() => {
      Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res) => {
        const found = res?.[0] as { node?: Surface['node'] & { getContext: (type: '2d') => CanvasRenderingContext2D }; width?: number } | undefined
        if (!found?.node || unmounted.current) return
        surface.current = { context: found.node.getContext('2d'), width: found.width ?? 300, pixelRatio: Taro.getSystemInfoSync().pixelRatio || 2, node: found.node }
        repaint()
      })
    })
    return undefined
  }, [id, repaint])

  // New figures or 长辈模式: the same F2 canvas redraws.
  useEffect(() => { repaint() }, [data, care, repaint])

  useEffect(() => () => {
    unmounted.current = true
    void queue.current.then(() => { drawing.current?.canvas.destroy(); drawing.current = null })
  }, [])

  const style = { height: `${height}px` }
  return (
    <View className='ps-chart'>
      <Text className='ps-chart__title'>{title}</Text>
      {summary ? <Text className='ps-chart__summary'>{summary}</Text> : null}
      <View className='ps-chart__picture' aria-hidden>
        {h5
          ? <canvas ref={h5Canvas} className='ps-chart__canvas' style={style} aria-hidden='true' />
          : <Canvas type='2d' id={id} className='ps-chart__canvas' style={style} />}
      </View>
      <Control role='button' expanded={showTable} className='ps-chart__toggle' label={`${showTable ? '收起数据' : '查看数据'}：${title}`} onClick={() => setShowTable(!showTable)}>
        <Text>{showTable ? '收起数据' : '查看数据'}</Text>
      </Control>
      {showTable ? <ChartTable title={title} data={data} /> : null}
    </View>
  )
}

/** The chart's rows as a table (ARIA roles: Taro has no <table> on weapp). */
function ChartTable({ title, data }: { title: string; data: ChartData }) {
  const hasTarget = data.kind === 'coverage' && data.target !== null && data.target !== undefined
  const firstColumn = data.kind === 'trend' ? '月份' : '党组织'
  return (
    <View className='ps-chart__table' ariaRole='table' ariaLabel={`${title}（数据）`}>
      <View className='ps-chart__row ps-chart__row--head' ariaRole='row'>
        <View className='ps-chart__cell' ariaRole='columnheader'>{firstColumn}</View>
        <View className='ps-chart__cell ps-chart__cell--value' ariaRole='columnheader'>{data.valueLabel}</View>
        {hasTarget ? <View className='ps-chart__cell ps-chart__cell--value' ariaRole='columnheader'>目标</View> : null}
      </View>
      {data.rows.map((row, i) => (
        <View key={`${row.label}-${i}`} className='ps-chart__row' ariaRole='row'>
          <View className='ps-chart__cell' ariaRole='cell'>{row.label}</View>
          <View className='ps-chart__cell ps-chart__cell--value' ariaRole='cell'>{formatValue(data, row.value)}</View>
          {hasTarget ? (
            <View className='ps-chart__cell ps-chart__cell--value' ariaRole='cell'>
              {row.value !== null && row.value >= data.target! ? '达标' : '未达标'}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}

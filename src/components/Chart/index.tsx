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
import { chartElement, chartHeight, formatValue, type ChartData, type ChartLook } from './specs'
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

/** Sets up `data` on the surface (render() draws it); the returned F2 canvas is destroyed before the next one. */
function draw(surface: Surface, data: ChartData, care: boolean): F2Canvas {
  const look: ChartLook = { care, width: surface.width }
  const height = chartHeight(data, look)
  const { node, pixelRatio, width, context } = surface
  node.width = Math.round(width * pixelRatio)
  node.height = Math.round(height * pixelRatio)
  const canvas = new F2Canvas({
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
    children: chartElement(data, look),
  } as ConstructorParameters<typeof F2Canvas>[0])
  return canvas
}

export default function Chart({ title, data, summary }: ChartProps) {
  const [care] = useCareMode()
  const [showTable, setShowTable] = useState(false)
  const id = useMemo(() => `ps-chart-${nextId++}`, [])
  const h5Canvas = useRef<HTMLCanvasElement | null>(null)
  const f2 = useRef<F2Canvas | null>(null)
  const height = chartHeight(data, { care, width: 0 })

  useEffect(() => {
    let cancelled = false
    const render = (surface: Surface | null) => {
      if (cancelled || !surface) return
      f2.current?.destroy()
      f2.current = draw(surface, data, care)
    }
    if (h5) {
      const node = h5Canvas.current
      const context = node?.getContext('2d')
      if (!node || !context) return
      node.style.height = `${height}px`
      // A page hidden in the stack measures 0 wide: draw when the canvas has a width, and again when it changes
      // (rotation, zoom). data-drawn tells a test the picture is there.
      let drawnWidth = 0
      const measure = () => {
        const width = node.getBoundingClientRect().width
        if (width <= 0 || width === drawnWidth) return
        drawnWidth = width
        delete node.dataset.drawn
        render({ context, width, pixelRatio: window.devicePixelRatio || 1, node })
        void f2.current?.render().then(() => { if (!cancelled) node.dataset.drawn = '1' })
      }
      const observer = new ResizeObserver(measure)
      observer.observe(node)
      measure()
      return () => { cancelled = true; observer.disconnect() }
    } else {
      // After this render reached the page: the canvas node exists then.
      Taro.nextTick(() => {
        Taro.createSelectorQuery().select(`#${id}`).fields({ node: true, size: true }).exec((res) => {
          const found = res?.[0] as { node?: Surface['node'] & { getContext: (type: '2d') => CanvasRenderingContext2D }; width?: number } | undefined
          if (!found?.node) return
          render({ context: found.node.getContext('2d'), width: found.width ?? 300, pixelRatio: Taro.getSystemInfoSync().pixelRatio || 2, node: found.node })
          void f2.current?.render()
        })
      })
    }
    return () => { cancelled = true }
  }, [data, care, height, id])

  useEffect(() => () => { f2.current?.destroy(); f2.current = null }, [])

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

// The workbench charts' words: bar labels that still tell organisations apart when cut, and the numbers as a table.
import { fireEvent, render, screen } from '@testing-library/react'
import Chart from '@/components/Chart'
import { barLabels } from '@/components/Chart/specs'

test('bar labels drop the start every name shares and keep a ranking\'s number', () => {
  expect(barLabels(['1. 幸福里社区第一党支部', '2. 幸福里社区离退休党支部'])).toEqual(['1. 第一党支部', '2. 离退休党支部'])
  expect(barLabels(['幸福里社区第一党支部', '幸福里社区离退休党支部'])).toEqual(['第一党支部', '离退休党支部'])
  // nothing shared, one character shared, or a single bar: the names as they are
  expect(barLabels(['东湖街道党工委', '西湖街道党工委', '区教育局机关党委'])).toEqual(['东湖街道党工委', '西湖街道党工委', '区教育局机关党委'])
  expect(barLabels(['和平社区党委', '和睦社区党委'])).toEqual(['和平社区党委', '和睦社区党委'])
  expect(barLabels(['幸福里社区第一党支部'])).toEqual(['幸福里社区第一党支部'])
  // a name that is all shared start keeps its last character
  expect(barLabels(['幸福里社区', '幸福里社区二'])).toEqual(['区', '区二'])
})

// jsdom draws nothing: the chart finds no 2d context and leaves its canvas empty.
beforeEach(() => { jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null) })

test('「查看数据」 lists every row with its whole name and the target mark; the picture is hidden from screen readers', () => {
  render(<Chart title='下级组织开课覆盖率' data={{
    kind: 'coverage', valueLabel: '开课覆盖率', rate: true, target: 0.8,
    rows: [{ label: '幸福里社区第一党支部', value: 1 }, { label: '幸福里社区离退休党支部', value: 0.5 }, { label: '和平社区党委', value: null }],
  }} />)
  expect(document.querySelector('.ps-chart__picture')?.getAttribute('aria-hidden')).toBeTruthy()
  fireEvent.click(screen.getByText('查看数据'))
  // (Taro's web components turn aria-role into role in a browser; the browser test reads those.)
  expect(document.querySelector('.ps-chart__table')?.getAttribute('aria-role')).toBe('table')
  const rows = Array.from(document.querySelectorAll('.ps-chart__row')).map((r) => Array.from(r.querySelectorAll('.ps-chart__cell')).map((c) => c.textContent))
  expect(rows).toEqual([
    ['党组织', '开课覆盖率', '目标'],
    ['幸福里社区第一党支部', '100%', '达标'],
    ['幸福里社区离退休党支部', '50%', '未达标'],
    ['和平社区党委', '—', '未达标'],
  ])
  expect(screen.getByText('收起数据')).toBeTruthy()
})

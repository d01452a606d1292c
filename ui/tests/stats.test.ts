// 统计分析: the engine's dashboard shaped for ECharts (gaps stay gaps, states stack, thresholds
// mark), and the screen drawing SVG charts with their tables from a mocked backend.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import StatsView from '../src/views/StatsView.vue'
import { beyond, DEFAULT_THRESHOLDS, linesChart, linesTable, progressChart, progressTable } from '../src/charts'
import { nav } from '../src/state'
import type { Dashboard } from '../src/bindings/Dashboard'

afterEach(() => {
  clearMocks()
  vi.unstubAllGlobals()
})

/** The window's IntersectionObserver, told by the test when the charts come into view. */
function intoView() {
  const watching: [(seen: { isIntersecting: boolean }[]) => void, Element][] = []
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private tell: (seen: { isIntersecting: boolean }[]) => void) {}
      observe(el: Element) {
        watching.push([this.tell, el])
      }
      disconnect() {}
    },
  )
  return () => watching.splice(0).forEach(([tell]) => tell([{ isIntersecting: true }]))
}

const dashboard = (): Dashboard => ({
  year: 2023,
  years: [2021, 2022, 2023],
  states: ['未报送', '已报送待审', '已退回修改', '已重报待复核', '审核通过', '已公开'],
  progress: [
    { kind: '部门', counts: [2, 5, 1, 0, 3, 1], overdue: 2, published_differ: 0 },
    { kind: '乡镇/街道', counts: [1, 2, 0, 1, 0, 0], overdue: 1, published_differ: 0 },
  ],
  findings_by_rule: [
    { label: '行合计', n: 4 },
    { label: '问题与改进', n: 2 },
  ],
  top_agencies: [
    { label: '示范县教育局', n: 3 },
    { label: '示范县公安局', n: 2 },
  ],
  series: [
    { name: '本年新收申请', unit: '件', group: 'apply', values: [120, null, 150] },
    { name: '办结', unit: '件', group: 'apply', values: [110, null, 140] },
    { name: '行政复议', unit: '件', group: 'review', values: [4, null, 6] },
  ],
  indicators: [
    {
      key: 'disclosure',
      name: '实质公开率',
      value: 0.42,
      shown: '42.0%',
      definition: '（予以公开 + 部分公开）÷ 办结总数（表三）',
    },
    {
      key: 'apply_growth',
      name: '申请增幅',
      value: null,
      shown: '—',
      definition: '本年新收申请 ÷ 上年新收申请 − 1（表三）',
    },
  ],
  coverage: '12 个单位合计，共 13 个（1 个未报送，不在其中）',
  outliers: [{ agency: '示范县公安局', why: '收到申请 116 件，无一予以公开或部分公开' }],
})

describe('the dashboard shaped for drawing', () => {
  it('keeps a year with nothing stored a gap, labels each line, and stacks the states', () => {
    const d = dashboard()
    // One year: the lines' names are not drawn on one another at its single point.
    const one = linesChart({ ...d, years: [2023] }, 'apply')
    expect(one.series.every((x) => !x.endLabel.show && x.labelLayout.hideOverlap)).toBe(true)
    const lines = linesChart(d, 'apply')
    expect(lines.series[0].endLabel.show).toBe(true)
    expect(lines.xAxis.data).toEqual(['2021', '2022', '2023'])
    expect(lines.series.map((s) => [s.name, s.data, s.connectNulls])).toEqual([
      ['本年新收申请', [120, null, 150], false],
      ['办结', [110, null, 140], false],
    ])
    expect(linesTable(d, 'apply').rows[0]).toEqual(['本年新收申请（件）', 120, '—', 150])
    const progress = progressChart(d)
    expect(progress.series).toHaveLength(6)
    expect(progress.series[4].data).toEqual([3, 0])
    expect(progressTable(d).rows[0]).toEqual(['部门', 2, 5, 1, 0, 3, 1, 2])
    expect(progress.aria.decal.show).toBe(true)
  })
  it('splits 已公开 into the pages found the same and those found differing, only where any differ', () => {
    const d = dashboard()
    d.progress[0].counts[5] = 3
    d.progress[0].published_differ = 1
    const progress = progressChart(d)
    expect(progress.series.map((s) => s.name)).toEqual([
      '未报送',
      '已报送待审',
      '已退回修改',
      '已重报待复核',
      '审核通过',
      '已公开',
      '已公开（网页与审核版本不一致）',
    ])
    expect(progress.series[5].data).toEqual([2, 0])
    expect(progress.series[6].data).toEqual([1, 0])
    // Its legend's second line is kept off the bars.
    expect([progress.grid.top, progressChart(dashboard()).grid.top]).toEqual([64, 40])
    const table = progressTable(d)
    expect(table.head.slice(-3)).toEqual(['已公开', '已公开（网页与审核版本不一致）', '逾期'])
    expect(table.rows[0]).toEqual(['部门', 2, 5, 1, 0, 3, 2, 1, 2])
  })
  it('marks an indicator beyond the office threshold, never one that cannot be computed', () => {
    const [rate, growth] = dashboard().indicators
    expect(beyond(rate, DEFAULT_THRESHOLDS)).toBe(true)
    expect(beyond({ ...rate, value: 0.8 }, DEFAULT_THRESHOLDS)).toBe(false)
    expect(beyond(growth, DEFAULT_THRESHOLDS)).toBe(false)
  })
})

describe('统计分析', () => {
  it('draws SVG charts with their series and tables as they come into view, and a click on an agency opens it', async () => {
    const scrolled = intoView()
    mockIPC((cmd) => {
      if (cmd === 'overview') return { years: [2021, 2023] }
      if (cmd === 'stats') return { dashboard: dashboard() }
    })
    nav.year = 2023
    nav.view = 'stats'
    const w = mount(StatsView, { attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-indicator=disclosure]').text()).toContain('42.0%')
    expect(w.get('[data-indicator=disclosure]').classes()).toContain('bad')
    expect(w.get('[data-indicator=disclosure]').attributes('title')).toContain('办结总数')
    expect(w.get('[data-test=coverage]').text()).toBe(
      '以下比率均按 12 个单位合计，共 13 个（1 个未报送，不在其中）计算。',
    )
    expect(w.get('[data-indicator=apply_growth]').text()).toContain('—')
    const apply = w.get('[data-chart=apply]')
    expect(apply.find('svg').exists()).toBe(false)
    expect(apply.findAll('tbody tr')).toHaveLength(2)
    scrolled()
    expect(apply.find('svg').exists()).toBe(true)
    expect(apply.text()).toContain('本年新收申请（件）')
    expect(apply.findAll('tbody tr')[0].text()).toContain('—')
    await w.get('[data-test=outliers] button').trigger('click')
    expect([nav.view, nav.agency]).toEqual(['agency', '示范县公安局'])
    w.unmount()
  })
  it('says a year with no return has nothing to chart, and offers no brief', async () => {
    mockIPC((cmd) => {
      if (cmd === 'overview') return { years: [2023] }
      if (cmd === 'stats') return { dashboard: { ...dashboard(), coverage: '' } }
    })
    nav.year = 2023
    const w = mount(StatsView)
    await flushPromises()
    expect(w.get('[data-test=stats-empty]').text()).toContain('2023 年还没有导入报表')
    expect(w.find('[data-chart=apply]').exists()).toBe(false)
    expect(w.get('[data-test=brief]').attributes('disabled')).toBeDefined()
    w.unmount()
  })
})

// The 统计分析 screen's data shaping: the engine's dashboard (computed in Rust, `nianbao stats`)
// turned into ECharts options and into the tables under each chart. Nothing is computed here
// that the engine does not give; these functions only arrange it for drawing.
import type { Dashboard } from './bindings/Dashboard'
import type { RiskIndicator } from './bindings/RiskIndicator'
import type { Series } from './bindings/Series'

/** Colours that stay apart in print and for colour-blind readers (Okabe–Ito), the decal patterns on. */
export const PALETTE = ['#999999', '#0072B2', '#D55E00', '#E69F00', '#009E73', '#56B4E9', '#CC79A7', '#000000']

const base = {
  aria: { enabled: true, decal: { show: true } },
  color: PALETTE,
  textStyle: { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' },
  animation: false,
}

/** A table under a chart: a header row and rows of cells, for reading and copying. */
export interface ChartTable {
  head: string[]
  rows: (string | number)[][]
}

/** What 已公开 is split into where a published page is not the accepted report. */
const PUBLISHED = '已公开'
const PUBLISHED_DIFFER = '已公开（网页与审核版本不一致）'

/**
 * The progress chart's stacks: a state each, 已公开 split into the pages found the same and those
 * found differing (the engine counts both), the differing ones only where there are any.
 */
function progressStacks(d: Dashboard): { name: string; data: number[] }[] {
  const stacks = d.states.map((name, i) => ({
    name,
    data: d.progress.map((p) => p.counts[i] - (name === PUBLISHED ? p.published_differ : 0)),
  }))
  if (d.progress.some((p) => p.published_differ > 0)) {
    const at = d.states.indexOf(PUBLISHED) + 1
    stacks.splice(at, 0, { name: PUBLISHED_DIFFER, data: d.progress.map((p) => p.published_differ) })
  }
  return stacks
}

/** The review's progress: a bar a kind of agency, stacked by state. */
export function progressChart(d: Dashboard) {
  const stacks = progressStacks(d)
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    // The differing pages' long name takes the legend to a second line in half the screen.
    grid: { left: 90, right: 20, top: stacks.length > d.states.length ? 64 : 40, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: d.progress.map((p) => p.kind) },
    series: stacks.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: s.data,
    })),
  }
}

export function progressTable(d: Dashboard): ChartTable {
  const stacks = progressStacks(d)
  return {
    head: ['类别', ...stacks.map((s) => s.name), '逾期'],
    rows: d.progress.map((p, row) => [p.kind, ...stacks.map((s) => s.data[row]), p.overdue]),
  }
}

/** Horizontal bars of counts (findings by rule, agencies with the most findings). */
export function countChart(items: { label: string; n: number }[], name: string) {
  const shown = [...items].reverse()
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The grid takes in its labels: a long agency name is never cut at the panel's edge.
    grid: { left: 10, right: 30, top: 10, bottom: 20, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    // Every bar named (a label is never skipped to make room).
    yAxis: { type: 'category', data: shown.map((c) => c.label), axisLabel: { interval: 0 } },
    series: [{ name, type: 'bar', data: shown.map((c) => c.n), label: { show: true, position: 'right' } }],
  }
}

/** The series of one chart ("active", "apply", "results", "review"). */
export function seriesOf(d: Dashboard, group: string): Series[] {
  return d.series.filter((s) => s.group === group)
}

/** Lines over the years, each labelled; a year not stored is a gap (null), never a zero. */
export function linesChart(d: Dashboard, group: string) {
  const lines = seriesOf(d, group)
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: d.years.map((y) => `${y}`) },
    yAxis: { type: 'value' },
    series: lines.map((s) => ({
      name: s.name,
      type: 'line',
      connectNulls: false,
      symbolSize: 7,
      // With one year every line ends at the same point: the names would lie on one another, so
      // the legend says them; with more, each line is named at its end, overlaps hidden.
      endLabel: { show: d.years.length > 1, formatter: '{a}' },
      labelLayout: { hideOverlap: true },
      data: s.values,
    })),
  }
}

export function linesTable(d: Dashboard, group: string): ChartTable {
  return {
    head: ['', ...d.years.map((y) => `${y} 年`)],
    rows: seriesOf(d, group).map((s) => [`${s.name}（${s.unit}）`, ...s.values.map((v) => (v === null ? '—' : v))]),
  }
}

/** The office's thresholds: an indicator beyond its threshold is marked. Defaults a county may change. */
export type Thresholds = Record<string, { below?: number; above?: number }>
export const DEFAULT_THRESHOLDS: Thresholds = {
  disclosure: { below: 0.5 },
  reconsideration_corrected: { above: 0.2 },
  litigation_corrected: { above: 0.2 },
  apply_growth: { above: 0.5 },
}

/** Whether an indicator stands beyond the office's threshold for it (none: not computable, not marked). */
export function beyond(i: RiskIndicator, t: Thresholds): boolean {
  const limit = t[i.key]
  if (i.value === null || !limit) return false
  return (limit.below !== undefined && i.value < limit.below) || (limit.above !== undefined && i.value > limit.above)
}

/** The threshold in words: "低于 50%", "高于 20%". */
export function thresholdWords(key: string, t: Thresholds): string {
  const l = t[key]
  if (!l) return ''
  if (l.below !== undefined) return `低于 ${Math.round(l.below * 100)}% 提示`
  if (l.above !== undefined) return `高于 ${Math.round(l.above * 100)}% 提示`
  return ''
}

/** A data: URL's bytes, as the backend takes a picture. */
export function dataUrlBytes(url: string): number[] {
  const b64 = url.slice(url.indexOf(',') + 1)
  const raw = atob(b64)
  const out = new Array<number>(raw.length)
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i)
  return out
}

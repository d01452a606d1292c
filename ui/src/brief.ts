// The 年度简报's pictures: the 统计分析 charts drawn again off screen on a canvas (the screen
// draws SVG) and taken as PNG, from the very options the screen shows.
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { Dashboard } from './bindings/Dashboard'
import { countChart, dataUrlBytes, linesChart, progressChart } from './charts'

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** PNGs of the brief's four charts: progress, findings by rule, applications and review over the years. */
export function briefPictures(d: Dashboard): number[][] {
  const options = [
    progressChart(d),
    countChart(d.findings_by_rule, '问题数'),
    linesChart(d, 'apply'),
    linesChart(d, 'review'),
  ]
  return options.map((option) => {
    const div = document.createElement('div')
    const chart = echarts.init(div, undefined, { renderer: 'canvas', width: 720, height: 400 })
    chart.setOption({ ...option, animation: false })
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })
    chart.dispose()
    return dataUrlBytes(url)
  })
}

import * as echarts from 'echarts';
import type { ChartOption } from '../../../shared/charts/skm-charts.ts';

/**
 * Server-side rendering of the dashboard's chart options to SVG (ECharts SSR: no canvas, no DOM), so
 * a report's chart is the same chart the dashboard shows.
 */
export function chartToSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

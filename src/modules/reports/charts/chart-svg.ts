import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartOption } from '../../../shared/charts/skm-charts.ts';
import { ROBOTO_FILES } from '../document/font-metrics.ts';

/**
 * A few recent results by key: a unit's PDF and DOCX (a batch in both formats, or a download of each)
 * draw the same charts, and rendering one costs tens of milliseconds.
 */
function memo<T>(size: number): (key: string, make: () => T) => T {
  const recent = new Map<string, T>();
  return (key, make) => {
    const hit = recent.get(key);
    if (hit !== undefined) {
      recent.delete(key);
      recent.set(key, hit);
      return hit;
    }
    const value = make();
    recent.set(key, value);
    if (recent.size > size) recent.delete(recent.keys().next().value as string);
    return value;
  };
}

const svgOf = memo<string>(48);
const pngOf = memo<Buffer>(24);

/**
 * Server-side rendering of the dashboard's chart options to SVG (ECharts SSR: no canvas, no DOM), so
 * a report's chart is the same chart the dashboard shows.
 */
export function chartToSvg(option: ChartOption, width: number, height: number): string {
  return svgOf(JSON.stringify([width, height, option]), () => renderSvg(option, width, height));
}

function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * pdfmake's SVG support (svg-to-pdfkit) ignores `paint-order`, so the white halo ECharts draws around
 * data labels (stroke painted *under* the fill) ends up painted over them and hides the text. Drop
 * the halo stroke on such text; everything else is left as ECharts drew it.
 */
export function pdfSafeSvg(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) =>
    /paint-order="stroke"/.test(tag) ? tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, '') : tag,
  );
}

/**
 * A raster copy of an SVG (PNG, `scale`× its pixel size, white background) for Word files: readers
 * that do not draw SVG pictures (LibreOffice 7, Word 2013) show this fallback. Text is drawn in the
 * report font (Roboto) so it measures as in the PDF.
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  return pngOf(`${scale} ${svg}`, () => renderPng(svg, scale));
}

function renderPng(svg: string, scale: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [ROBOTO_FILES.normal, ROBOTO_FILES.bold, ROBOTO_FILES.italics],
      defaultFontFamily: 'Roboto',
      sansSerifFamily: 'Roboto',
      serifFamily: 'Roboto',
      monospaceFamily: 'Roboto',
    },
  });
  return resvg.render().asPng();
}

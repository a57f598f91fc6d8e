/**
 * ECharts option builders for SAKIP figures (DOMAIN 8.5-8.10), shared by the performance dashboard and the
 * LAPKIN: pure, no DOM and no echarts import. Values arrive computed by the achievement service; labels use its
 * `display` strings so nothing is rounded twice.
 */
import type { ChartLocale, ChartOption } from './skm-charts.ts';

/** A figure as the achievement API returns it. */
export interface PerfFigure {
  value: string;
  rounded: string;
  display: string;
}

/** The criteria colours of Keputusan Kepala BPOM 128/2022 (DOMAIN 8.6), chosen for contrast with their text. */
export const CRITERIA_FILL: Readonly<Record<string, { fill: string; text: string }>> = {
  tdd: { fill: '#4b5563', text: '#ffffff' },
  memenuhi: { fill: '#1b6e34', text: '#ffffff' },
  belum: { fill: '#f2c94c', text: '#1b1f24' },
  tidak: { fill: '#a4161a', text: '#ffffff' },
  tercapai: { fill: '#1b6e34', text: '#ffffff' },
  akan_tercapai: { fill: '#f2c94c', text: '#1b1f24' },
  perlu_upaya_keras: { fill: '#a4161a', text: '#ffffff' },
};
const NO_CRITERION = '#9ca3af';

export const criterionFill = (code: string | null | undefined): string =>
  (code ? CRITERIA_FILL[code]?.fill : undefined) ?? NO_CRITERION;

const LABELS = {
  id: {
    capaian: 'Capaian (%)',
    indicators: 'Capaian indikator',
    sasaran: 'Nilai pencapaian sasaran',
    current: 'Periode ini',
    previous: 'Periode sebelumnya',
    absorption: 'Realisasi anggaran terhadap rencana',
    plan: 'Rencana penarikan (%)',
    realisation: 'Realisasi (%)',
    target: 'Target',
    realised: 'Realisasi',
    month: 'Bulan',
  },
  en: {
    capaian: 'Achievement (%)',
    indicators: 'Indicator achievement',
    sasaran: 'Objective achievement score',
    current: 'This period',
    previous: 'Previous period',
    absorption: 'Budget absorption against plan',
    plan: 'Disbursement plan (%)',
    realisation: 'Realisation (%)',
    target: 'Target',
    realised: 'Realisation',
    month: 'Month',
  },
} as const satisfies Record<ChartLocale, Record<string, string>>;

export const perfChartLabel = (locale: ChartLocale, key: keyof (typeof LABELS)['id']): string => LABELS[locale][key];

const MONTHS = ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B11', 'B12'];
const baseText = { fontFamily: 'system-ui, sans-serif', color: '#1b1f24' };
const num = (f: PerfFigure | null | undefined): number | null => (f ? Number(f.value) : null);

/** The 80 and 100 lines of the criteria table, drawn on every capaian axis. */
const criteriaLines = {
  silent: true,
  symbol: 'none',
  lineStyle: { type: 'dashed', color: '#5b6470' },
  label: { formatter: '{c}' },
  data: [{ yAxis: 80 }, { yAxis: 100 }, { yAxis: 120 }],
};

export interface CapaianBar {
  code: string;
  name?: string;
  capaian: PerfFigure | null;
  criterion: { code: string; label: string } | null;
}

/** Capaian per indicator (or sasaran) as bars coloured by criterion, each with its value; the criterion lines at 80/100/120. */
export function capaianBarsOption(input: {
  rows: readonly CapaianBar[];
  locale: ChartLocale;
  title?: string;
  previous?: readonly (PerfFigure | null)[];
}): ChartOption {
  const { rows, locale } = input;
  const measured = rows.filter((r) => r.capaian !== null);
  const series: Record<string, unknown>[] = [
    {
      name: perfChartLabel(locale, 'current'),
      type: 'bar',
      barMaxWidth: 32,
      label: { show: true, position: 'top', color: '#1b1f24' },
      data: measured.map((r) => ({
        value: num(r.capaian),
        name: r.code,
        itemStyle: { color: criterionFill(r.criterion?.code) },
        label: { formatter: r.capaian?.display ?? '' },
      })),
      markLine: criteriaLines,
    },
  ];
  if (input.previous) {
    const prev = rows.map((r, i) => ({ r, p: input.previous?.[i] ?? null })).filter((x) => x.r.capaian !== null);
    series.unshift({
      name: perfChartLabel(locale, 'previous'),
      type: 'bar',
      barMaxWidth: 32,
      itemStyle: { color: '#c7cdd4' },
      label: { show: true, position: 'top', color: '#5b6470' },
      data: prev.map((x) => ({ value: num(x.p), label: { formatter: x.p?.display ?? '' } })),
    });
  }
  return {
    title: { text: input.title ?? perfChartLabel(locale, 'indicators') },
    textStyle: baseText,
    aria: { enabled: true },
    legend: input.previous ? { bottom: 0 } : undefined,
    grid: { left: 48, right: 24, top: 48, bottom: input.previous ? 56 : 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: measured.map((r) => r.code), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, name: perfChartLabel(locale, 'capaian') },
    series,
  };
}

export interface CurvePoint {
  month: number;
  planPct: PerfFigure | null;
  realisationPct: PerfFigure | null;
}

/** Cumulative budget absorption against the disbursement plan, both as % of the pagu (DOMAIN 8.9). */
export function absorptionCurveOption(input: { curve: readonly CurvePoint[]; locale: ChartLocale; title?: string }): ChartOption {
  const { curve, locale } = input;
  return {
    title: { text: input.title ?? perfChartLabel(locale, 'absorption') },
    textStyle: baseText,
    aria: { enabled: true, decal: { show: true } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: MONTHS.slice(0, curve.length), name: perfChartLabel(locale, 'month') },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [
      {
        name: perfChartLabel(locale, 'plan'),
        type: 'line',
        connectNulls: true,
        lineStyle: { type: 'dashed', color: '#5b6470' },
        itemStyle: { color: '#5b6470' },
        symbol: 'rect',
        data: curve.map((p) => num(p.planPct)),
      },
      {
        name: perfChartLabel(locale, 'realisation'),
        type: 'line',
        itemStyle: { color: '#0b4f8a' },
        label: { show: true, position: 'top' },
        data: curve.map((p) => ({ value: num(p.realisationPct), label: { formatter: p.realisationPct?.display ?? '' } })),
      },
    ],
  };
}

export interface SeriesPoint {
  month: number;
  target: PerfFigure | null;
  realisation: PerfFigure | null;
  capaian: PerfFigure | null;
}

/** Target against realisation by month for one indicator (the per-indicator section of BAB III). */
export function indicatorTrendOption(input: { series: readonly SeriesPoint[]; locale: ChartLocale; title: string }): ChartOption {
  const { series, locale } = input;
  return {
    title: { text: input.title },
    textStyle: baseText,
    aria: { enabled: true, decal: { show: true } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: MONTHS.slice(0, series.length) },
    yAxis: { type: 'value' },
    series: [
      {
        name: perfChartLabel(locale, 'target'),
        type: 'line',
        connectNulls: true,
        lineStyle: { type: 'dashed', color: '#5b6470' },
        itemStyle: { color: '#5b6470' },
        data: series.map((p) => num(p.target)),
      },
      {
        name: perfChartLabel(locale, 'realised'),
        type: 'bar',
        barMaxWidth: 24,
        itemStyle: { color: '#0b4f8a' },
        data: series.map((p) => num(p.realisation)),
      },
    ],
  };
}

/**
 * ECharts option builders for SKM and SPKP/SPAK figures. Pure and typed (no DOM, no echarts
 * import): the admin dashboard renders them in the browser, reports can render the same options
 * to SVG on the server. Values arrive already computed by the domain; labels use the API's
 * `display` strings so that nothing is rounded twice.
 */
import { SKM_GRADE } from '../../domain/tables.ts';

export type ChartLocale = 'id' | 'en';
export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** Grade colours, each at least 4.5:1 against white so the in-bar letter stays readable. */
export const GRADE_COLOURS: Readonly<Record<Grade, string>> = {
  A: '#1b6e34',
  B: '#1f5f9e',
  C: '#8a5300',
  D: '#a4161a',
};
const NO_GRADE_COLOUR = '#6b7280';

export const gradeColour = (grade: string | null | undefined): string =>
  grade && grade in GRADE_COLOURS ? GRADE_COLOURS[grade as Grade] : NO_GRADE_COLOUR;

/** "A · Sangat Baik (88,31 – 100,00)" from the SKM grade table, in the chart's language. */
export function gradeLegendLabel(grade: Grade, locale: ChartLocale): string {
  const band = SKM_GRADE.bands.find((b) => b.code === grade);
  if (!band) return grade;
  const name = locale === 'en' ? (band.labelEn ?? band.label) : band.label;
  const range = band.extra?.printedRange ?? '';
  return `${grade} · ${name}${range ? ` (${locale === 'en' ? range.replace(/,/g, '.') : range})` : ''}`;
}

const LABELS = {
  id: {
    elements: 'Nilai unsur pelayanan',
    value: 'Nilai',
    target: 'Target',
    counted: 'Dihitung',
    submitted: 'Masuk',
    remaining: 'Kekurangan',
    trend: 'Tren IKM',
    ikm: 'IKM',
    perception: 'SPKP dan SPAK per bulan',
    spkp: 'SPKP (IPP)',
    spak: 'SPAK (IPAK)',
    respondents: 'Responden',
    progress: 'Capaian target responden',
  },
  en: {
    elements: 'Service element values',
    value: 'Value',
    target: 'Target',
    counted: 'Counted',
    submitted: 'Submitted',
    remaining: 'Still needed',
    trend: 'IKM trend',
    ikm: 'IKM',
    perception: 'SPKP and SPAK by month',
    spkp: 'SPKP (IPP)',
    spak: 'SPAK (IPAK)',
    respondents: 'Respondents',
    progress: 'Respondents against target',
  },
} as const satisfies Record<ChartLocale, Record<string, string>>;

export const chartLabel = (locale: ChartLocale, key: keyof (typeof LABELS)['id']): string => LABELS[locale][key];

/** A figure as the API returns it: the exact value as a number for the geometry, `display` for text. */
export interface Figure {
  value: number | null;
  display: string;
}

export type Text = string | { id: string; en: string };
const text = (v: Text, locale: ChartLocale) => (typeof v === 'string' ? v : v[locale]);

// A loose structural type: the builders return plain JSON-like objects ECharts accepts.
export type ChartOption = Record<string, unknown> & {
  title?: { text: string };
  series: Record<string, unknown>[];
};

const baseText = { fontFamily: 'system-ui, sans-serif', color: '#1b1f24' };

export interface ElementValue extends Figure {
  code: string;
  name?: Text;
  grade: string | null;
}

/**
 * U1-U9 as bars coloured by grade. One series per grade (A-D), so the legend shows every grade
 * with its range; each bar also carries its value and letter, never colour alone.
 */
export function elementValuesOption(input: {
  elements: readonly ElementValue[];
  locale: ChartLocale;
  title?: string;
}): ChartOption {
  const { elements, locale } = input;
  const categories = elements.map((e) => e.code);
  const series = GRADES.map((g) => ({
    name: gradeLegendLabel(g, locale),
    type: 'bar',
    stack: 'grade',
    barMaxWidth: 36,
    itemStyle: { color: GRADE_COLOURS[g] },
    label: { show: true, position: 'top', color: '#1b1f24', formatter: '{b}' },
    data: elements.map((e) =>
      e.grade === g && e.value !== null ? { value: e.value, label: { formatter: `${e.display} (${g})` }, name: e.code } : null,
    ),
  }));
  return {
    title: { text: input.title ?? chartLabel(locale, 'elements') },
    textStyle: baseText,
    aria: { enabled: true },
    legend: { bottom: 0, data: series.map((s) => s.name) },
    grid: { left: 40, right: 16, top: 48, bottom: 72 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, name: chartLabel(locale, 'value') },
    series,
  };
}

export interface ProfileRowInput {
  code: string;
  label: Text;
  count: number;
  /** Percentage as displayed by the API ("41,67"). */
  pctDisplay?: string | null;
}

/** Respondent profile (sex, education, occupation, age band) as horizontal bars. */
export function profileBarOption(input: { title: Text; rows: readonly ProfileRowInput[]; locale: ChartLocale }): ChartOption {
  const { rows, locale } = input;
  const labels = rows.map((r) => text(r.label, locale));
  return {
    title: { text: text(input.title, locale) },
    textStyle: baseText,
    aria: { enabled: true },
    // Room on the right for "500 (40,52%)" labels; the axis name sits under the axis, not past its end.
    grid: { left: 8, right: 96, top: 40, bottom: 36, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1, name: chartLabel(locale, 'respondents'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      {
        name: chartLabel(locale, 'respondents'),
        type: 'bar',
        itemStyle: { color: '#0b4f8a' },
        label: { show: true, position: 'right', color: '#1b1f24' },
        data: rows.map((r) => ({
          value: r.count,
          label: { formatter: r.pctDisplay ? `${r.count} (${r.pctDisplay}%)` : String(r.count) },
        })),
      },
    ],
  };
}

const PIE_COLOURS = ['#0b4f8a', '#1b6e34', '#8a5300', '#6b3fa0', '#a4161a', '#00687a', '#5b6470', '#8c3b6b'];

/** The same rows as a pie (sex and education read well as parts of a whole). */
export function profilePieOption(input: { title: Text; rows: readonly ProfileRowInput[]; locale: ChartLocale }): ChartOption {
  const { rows, locale } = input;
  return {
    title: { text: text(input.title, locale) },
    textStyle: baseText,
    aria: { enabled: true, decal: { show: true } },
    color: PIE_COLOURS,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        name: text(input.title, locale),
        type: 'pie',
        radius: ['30%', '55%'],
        // Long labels wrap inside the chart instead of being cut at its edge.
        label: { show: true, formatter: '{b}: {c}', overflow: 'break', alignTo: 'labelLine', edgeDistance: 8, bleedMargin: 4 },
        data: rows.map((r) => ({
          name: text(r.label, locale),
          value: r.count,
          label: r.pctDisplay ? { formatter: `{b}: ${r.pctDisplay}%` } : undefined,
        })),
      },
    ],
  };
}

export interface ProgressRow {
  label: Text;
  target: number;
  submitted: number;
  counted: number;
}

/** Counted responses against the target per service, with the shortfall stacked on top. */
export function progressOption(input: { rows: readonly ProgressRow[]; locale: ChartLocale; title?: string }): ChartOption {
  const { rows, locale } = input;
  const labels = rows.map((r) => text(r.label, locale));
  return {
    title: { text: input.title ?? chartLabel(locale, 'progress') },
    textStyle: baseText,
    aria: { enabled: true, decal: { show: true } },
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      {
        name: chartLabel(locale, 'counted'),
        type: 'bar',
        stack: 'progress',
        itemStyle: { color: '#1b6e34' },
        data: rows.map((r) => Math.min(r.counted, r.target || r.counted)),
      },
      {
        name: chartLabel(locale, 'remaining'),
        type: 'bar',
        stack: 'progress',
        itemStyle: { color: '#c9ced6' },
        data: rows.map((r) => Math.max(0, r.target - r.counted)),
      },
      {
        name: chartLabel(locale, 'target'),
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [3, 18],
        itemStyle: { color: '#1b1f24' },
        data: rows.map((r) => r.target),
      },
    ],
  };
}

export interface TrendPoint extends Figure {
  year: number;
  grade?: string | null;
}

/** IKM per year with the unit's target as a dashed line. */
export function ikmTrendOption(input: {
  points: readonly TrendPoint[];
  target?: Figure | null;
  locale: ChartLocale;
  title?: string;
}): ChartOption {
  const { points, locale } = input;
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const target = input.target?.value ?? null;
  return {
    title: { text: input.title ?? chartLabel(locale, 'trend') },
    textStyle: baseText,
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 24, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: sorted.map((p) => String(p.year)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        name: chartLabel(locale, 'ikm'),
        type: 'line',
        symbolSize: 8,
        itemStyle: { color: '#0b4f8a' },
        label: { show: true, position: 'top' },
        data: sorted.map((p) => ({
          value: p.value,
          itemStyle: { color: gradeColour(p.grade) },
          label: { formatter: p.grade ? `${p.display} (${p.grade})` : p.display },
        })),
        ...(target === null
          ? {}
          : {
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#a4161a' },
                // Inside the plot: a label past the line's end is clipped by the chart edge.
                label: {
                  position: 'insideEndTop',
                  formatter: `${chartLabel(locale, 'target')} ${input.target?.display ?? ''}`.trim(),
                },
                data: [{ yAxis: target }],
              },
            }),
      },
    ],
  };
}

export interface PerceptionMonth {
  /** YYYY-MM. */
  month: string;
  spkp: Figure | null;
  spak: Figure | null;
}

const MONTHS: Record<ChartLocale, string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export function monthLabel(month: string, locale: ChartLocale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return `${MONTHS[locale][Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** SPKP and SPAK index (1-4 scale) per month; empty months are gaps, not zeros. */
export function perceptionMonthlyOption(input: {
  months: readonly PerceptionMonth[];
  locale: ChartLocale;
  title?: string;
}): ChartOption {
  const { months, locale } = input;
  const line = (key: 'spkp' | 'spak', colour: string) => ({
    name: chartLabel(locale, key),
    type: 'line',
    connectNulls: false,
    symbolSize: 8,
    itemStyle: { color: colour },
    label: { show: true, position: 'top' },
    data: months.map((m) => {
      const f = m[key];
      return f && f.value !== null ? { value: f.value, label: { formatter: f.display } } : null;
    }),
  });
  return {
    title: { text: input.title ?? chartLabel(locale, 'perception') },
    textStyle: baseText,
    aria: { enabled: true, decal: { show: true } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 24, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, locale)) },
    yAxis: { type: 'value', min: 1, max: 4 },
    series: [line('spkp', '#0b4f8a'), { ...line('spak', '#8a5300'), lineStyle: { type: 'dashed' } }],
  };
}

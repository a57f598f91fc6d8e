import { describe, expect, it } from 'vitest';
import {
  chartLabel,
  elementValuesOption,
  GRADE_COLOURS,
  gradeColour,
  gradeLegendLabel,
  ikmTrendOption,
  monthLabel,
  perceptionMonthlyOption,
  profileBarOption,
  profilePieOption,
  progressOption,
} from '../../src/shared/charts/skm-charts.ts';

type Item = { value: number; label: { formatter: string } } | null;
type Series = { name: string; data: Item[]; itemStyle: { color: string } };

/** Relative luminance contrast against white (WCAG 2.1). */
function contrastOnWhite(hex: string): number {
  const c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * (lin[0] as number) + 0.7152 * (lin[1] as number) + 0.0722 * (lin[2] as number);
  return 1.05 / (l + 0.05);
}

const ELEMENTS = [
  { code: 'U1', value: 91.5, display: '91,50', grade: 'A' },
  { code: 'U2', value: 80.25, display: '80,25', grade: 'B' },
  { code: 'U3', value: 70, display: '70,00', grade: 'C' },
  { code: 'U4', value: 50, display: '50,00', grade: 'D' },
  { code: 'U5', value: null, display: '—', grade: null },
];

describe('element values by grade', () => {
  it('puts each element in the series of its grade, coloured and lettered', () => {
    const o = elementValuesOption({ elements: ELEMENTS, locale: 'id' });
    const series = o.series as Series[];
    expect(series.map((s) => s.name.slice(0, 1))).toEqual(['A', 'B', 'C', 'D']);
    // Every series spans all categories, so stacked bars line up with the x axis.
    for (const s of series) expect(s.data).toHaveLength(ELEMENTS.length);
    expect((o.xAxis as { data: string[] }).data).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    const placed = series.map((s) => s.data.map((d, i) => (d ? i : -1)).filter((i) => i >= 0));
    expect(placed).toEqual([[0], [1], [2], [3]]);
    expect(series.map((s) => s.itemStyle.color)).toEqual([GRADE_COLOURS.A, GRADE_COLOURS.B, GRADE_COLOURS.C, GRADE_COLOURS.D]);
    // The label carries the API's display string and the letter: never colour alone, never re-rounded.
    expect(series[0]?.data[0]).toEqual({ value: 91.5, label: { formatter: '91,50 (A)' }, name: 'U1' });
    expect(series[3]?.data[3]?.label.formatter).toBe('50,00 (D)');
    // An element without value appears in no series.
    expect(series.every((s) => s.data[4] === null)).toBe(true);
  });

  it('labels the legend with grade names and printed ranges in both languages', () => {
    expect(gradeLegendLabel('A', 'id')).toBe('A · Sangat Baik (88,31 – 100,00)');
    expect(gradeLegendLabel('D', 'en')).toBe('D · Very poor (25.00 – 64.99)');
    const en = elementValuesOption({ elements: ELEMENTS, locale: 'en' });
    expect(en.title?.text).toBe('Service element values');
    expect((en.legend as { data: string[] }).data[1]).toBe('B · Good (76.61 – 88.30)');
    expect(elementValuesOption({ elements: ELEMENTS, locale: 'id' }).title?.text).toBe('Nilai unsur pelayanan');
  });

  it('uses grade colours readable on white and a neutral colour for no grade', () => {
    for (const c of Object.values(GRADE_COLOURS)) expect(contrastOnWhite(c)).toBeGreaterThanOrEqual(4.5);
    expect(new Set(Object.values(GRADE_COLOURS)).size).toBe(4);
    expect(gradeColour('B')).toBe(GRADE_COLOURS.B);
    expect(gradeColour(null)).not.toBe(GRADE_COLOURS.D);
    expect(gradeColour('X')).toBe(gradeColour(undefined));
  });
});

describe('respondent profile', () => {
  const rows = [
    { code: 'laki_laki', label: { id: 'Laki-laki', en: 'Male' }, count: 5, pctDisplay: '41,67' },
    { code: 'perempuan', label: { id: 'Perempuan', en: 'Female' }, count: 7, pctDisplay: '58,33' },
  ];
  it('bars: one category per row, counts and percentages as labels, localised', () => {
    const o = profileBarOption({ title: { id: 'Jenis kelamin', en: 'Sex' }, rows, locale: 'en' });
    expect(o.title?.text).toBe('Sex');
    expect((o.yAxis as { data: string[] }).data).toEqual(['Male', 'Female']);
    const data = (o.series[0] as { data: Item[] }).data;
    expect(data.map((d) => d?.value)).toEqual([5, 7]);
    expect(data.map((d) => d?.label.formatter)).toEqual(['5 (41,67%)', '7 (58,33%)']);
  });
  it('pie: slices named in the chosen language', () => {
    const o = profilePieOption({ title: 'Jenis kelamin', rows, locale: 'id' });
    const data = (o.series[0] as { data: { name: string; value: number }[] }).data;
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['Laki-laki', 5],
      ['Perempuan', 7],
    ]);
  });
});

describe('progress, trend and perception', () => {
  it('stacks counted and the shortfall to the target', () => {
    const o = progressOption({
      rows: [
        { label: 'Pengujian', target: 100, submitted: 60, counted: 40 },
        { label: 'Sertifikasi', target: 10, submitted: 14, counted: 12 },
      ],
      locale: 'id',
    });
    const [counted, remaining, target] = o.series as { name: string; data: number[] }[];
    expect(counted?.name).toBe('Dihitung');
    expect(counted?.data).toEqual([40, 10]);
    expect(remaining?.data).toEqual([60, 0]);
    expect(target?.data).toEqual([100, 10]);
  });

  it('draws the IKM per year in order with the target line', () => {
    const o = ikmTrendOption({
      points: [
        { year: 2023, value: 88.1, display: '88,10', grade: 'B' },
        { year: 2021, value: 90.25, display: '90,25', grade: 'A' },
      ],
      target: { value: 88.31, display: '88,31' },
      locale: 'id',
    });
    expect((o.xAxis as { data: string[] }).data).toEqual(['2021', '2023']);
    const s = o.series[0] as { data: Item[]; markLine: { data: { yAxis: number }[]; label: { formatter: string } } };
    expect(s.data.map((d) => d?.label.formatter)).toEqual(['90,25 (A)', '88,10 (B)']);
    expect(s.markLine.data).toEqual([{ yAxis: 88.31 }]);
    expect(s.markLine.label.formatter).toBe('Target 88,31');
    expect(ikmTrendOption({ points: [], locale: 'en' }).series[0]).not.toHaveProperty('markLine');
  });

  it('keeps empty months as gaps and names months per language', () => {
    const o = perceptionMonthlyOption({
      months: [
        { month: '2024-01', spkp: { value: 3.5, display: '3,50' }, spak: { value: 3.75, display: '3,75' } },
        { month: '2024-02', spkp: null, spak: null },
        { month: '2024-05', spkp: { value: 3.2, display: '3,20' }, spak: null },
      ],
      locale: 'id',
    });
    expect((o.xAxis as { data: string[] }).data).toEqual(['Jan 2024', 'Feb 2024', 'Mei 2024']);
    const [spkp, spak] = o.series as { name: string; data: Item[] }[];
    expect(spkp?.name).toBe('SPKP (IPP)');
    expect(spkp?.data.map((d) => d?.label.formatter ?? null)).toEqual(['3,50', null, '3,20']);
    expect(spak?.data.map((d) => d?.value ?? null)).toEqual([3.75, null, null]);
    expect(monthLabel('2024-05', 'en')).toBe('May 2024');
    expect(chartLabel('en', 'perception')).toBe('SPKP and SPAK by month');
  });
});

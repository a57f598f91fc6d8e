import { describe, expect, it } from 'vitest';
import { Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import { followUpPct } from './metrics.ts';
import { generateRecommendations, recommendationText, uncoveredItems } from './recommendations.ts';

const els = (values: string[]) => values.map((v, i) => ({ code: `U${i + 1}`, value: Rational.parse(v) }));

// EX-SKM-02 published per-service element values (Tarakan 2024), EX-SKM-01 unit values and EX-SKM-06 2023 values.
const tarakan = {
  year: 2024,
  services: [
    { service: 'CDOB', elements: els(Array(9).fill('100.00')) },
    { service: 'CPKB', elements: els(['83.33', '66.67', '100.00', '100.00', '100.00', '100.00', '100.00', '100.00', '100.00']) },
    { service: 'CPPOB', elements: els(['91.67', '75.00', '94.44', '91.67', '91.67', '83.33', '83.33', '91.67', '100.00']) },
    {
      service: 'Pengaduan masyarakat dan informasi',
      elements: els(['88.89', '87.96', '91.36', '89.81', '90.74', '94.44', '94.44', '94.44', '87.96']),
    },
  ],
  unitElements: els(['89.39', '86.36', '92.42', '90.91', '91.67', '93.94', '93.94', '94.70', '90.15']),
  previousUnitElements: els(['82.10', '83.33', '88.07', '90.12', '88.89', '90.74', '91.36', '90.12', '87.65']),
};

describe('EX-ME-07 recommendation generation from the Tarakan 2024 snapshot (D18, D19, D20)', () => {
  const g = generateRecommendations(tarakan);

  it('recommendation 1: CPKB × U2 (66,67, C) and CPPOB × U2 (75,00, C)', () => {
    expect(g.rec1.applicable).toBe(true);
    expect(g.rec1.items.map((i) => [i.service, i.elementCode, toFixedHalfUp(i.value), i.grade])).toEqual([
      ['CPKB', 'U2', '66.67', 'C'],
      ['CPPOB', 'U2', '75.00', 'C'],
    ]);
  });

  it('recommendation 2 not applicable: no element declined', () => {
    expect(g.rec2.applicable).toBe(false);
    expect(g.rec2.items).toEqual([]);
  });

  it('recommendation 3: U2 (86,36), U1 (89,39), U9 (90,15)', () => {
    expect(g.rec3.items.map((i) => [i.elementCode, toFixedHalfUp(i.value)])).toEqual([
      ['U2', '86.36'],
      ['U1', '89.39'],
      ['U9', '90.15'],
    ]);
    expect(g.rec3.text).toContain('tahun 2025');
  });

  it('D20: an element graded D also triggers recommendation 1 (not only C)', () => {
    const d = generateRecommendations({ ...tarakan, services: [{ service: 'X', elements: els(['64.99', '65.00', '76.61']) }] });
    expect(d.rec1.items.map((i) => [i.elementCode, i.grade])).toEqual([
      ['U1', 'D'],
      ['U2', 'C'],
    ]);
  });

  it('recommendation 2 takes the 3 largest declines with ties at the 3rd (D18), from published values (D19)', () => {
    const r = generateRecommendations({
      year: 2024,
      services: [],
      unitElements: els(['80.00', '80.00', '80.00', '80.00', '80.00']),
      previousUnitElements: els(['82.00', '81.00', '81.50', '81.50', '79.00']),
    });
    expect(r.rec2.applicable).toBe(true);
    expect(r.rec2.items.map((i) => [i.elementCode, toFixedHalfUp(i.declineAmount)])).toEqual([
      ['U1', '2.00'],
      ['U3', '1.50'],
      ['U4', '1.50'],
    ]);
    const tie = generateRecommendations({
      year: 2024,
      services: [],
      unitElements: els(['80.00', '80.00', '80.00', '80.00']),
      previousUnitElements: els(['82.00', '81.00', '81.00', '81.00']),
    });
    expect(tie.rec2.items.map((i) => i.elementCode)).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  it('texts are the official wording (seed 001)', () => {
    expect(recommendationText(1, 2021)).toMatch(/mutu pelayanan C$/);
    expect(g.rec2.text).toMatch(/penurunan nilai terbesar/);
  });

  it('coverage: items without an action are listed as "Belum terdapat rencana aksi untuk unsur …"', () => {
    const missing = uncoveredItems(
      g,
      [
        { recommendationNo: 1, elementCodes: ['U2'], services: ['CPKB'] },
        { recommendationNo: 3, elementCodes: ['U1', 'U2'], services: 'all' },
      ],
      { U2: 'Sistem, Mekanisme, dan Prosedur', U9: 'Sarana dan Prasarana' },
    );
    expect(missing.map((m) => m.message)).toEqual([
      'Belum terdapat rencana aksi untuk unsur U2 (Sistem, Mekanisme, dan Prosedur) pada layanan CPPOB',
      'Belum terdapat rencana aksi untuk unsur U9 (Sarana dan Prasarana)',
    ]);
    const covered = uncoveredItems(g, [
      { recommendationNo: 1, elementCodes: ['U2'], services: 'all' },
      { recommendationNo: 3, elementCodes: ['U1', 'U2', 'U9'], services: 'all' },
    ]);
    expect(covered).toEqual([]);
  });
});

describe('EX-ME-08 SKM follow-up percentage', () => {
  it('3 RTL of 2023, all "Sudah" -> 100%', () => {
    const pct = followUpPct([
      { implementationStatus: 'done' },
      { implementationStatus: 'done' },
      { implementationStatus: 'done' },
    ]);
    expect(pct && toFixedHalfUp(pct)).toBe('100.00');
  });

  it('one not done -> 66,67; no RTL -> n/a', () => {
    const pct = followUpPct([
      { implementationStatus: 'done' },
      { implementationStatus: 'done' },
      { implementationStatus: 'not_done' },
    ]);
    expect(pct && toFixedHalfUp(pct)).toBe('66.67');
    expect(followUpPct([])).toBeNull();
  });
});

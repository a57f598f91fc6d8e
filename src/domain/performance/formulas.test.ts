import { describe, expect, it } from 'vitest';
import { classify } from '../core/classification.ts';
import { mean, Rational } from '../core/rational.ts';
import { roundHalfUp, toFixedHalfUp } from '../core/rounding.ts';
import { capaian } from './capaian.ts';
import { SAKIP_CRITERIA } from './criteria.ts';
import {
  type Component,
  evaluateParts,
  evaluateRealisation,
  meanOfComponentRatios,
  meanOfSubunits,
  type PartNode,
  ratio,
  skmPooled,
  stageProgress,
  weightedSum,
} from './formulas.ts';
import { DATA_INDEX_0_3 } from './reference-tables.ts';
import { d } from './test-fixtures.ts';

const fx = (x: Rational | null, places = 2) => (x === null ? null : toFixedHalfUp(x, places));
const frac = (n: number, den: number): Component => ({ numerator: d(n), denominator: d(den) });
const noData: Component = { numerator: null, denominator: null };

describe('EX-SK-08 formula types', () => {
  // #9 Sekretariat Utama: five document groups; "-" (no data yet) counts as 0 (D26 zero mode).
  const groupsByMonth: Component[][] = [
    [noData, frac(3, 15), frac(3, 14), frac(1, 9), noData],
    [noData, frac(5, 15), frac(3, 14), frac(3, 9), noData],
    [frac(2, 6), frac(5, 15), frac(4, 14), frac(3, 9), noData],
    [frac(2, 6), frac(8, 15), frac(6, 14), frac(3, 9), frac(0, 7)],
    [frac(2, 6), frac(8, 15), frac(6, 14), frac(5, 9), frac(1, 7)],
    [frac(3, 6), frac(9, 15), frac(6, 14), frac(5, 9), frac(2, 7)],
  ];

  it('#9 B06 = 47,3968 -> 47,40 with "-" as 0', () => {
    const b06 = meanOfComponentRatios(groupsByMonth[5] as Component[], 'zero');
    expect(fx(b06, 4)).toBe('47.3968');
    expect(fx(b06)).toBe('47.40');
  });

  it('#9 B01..B05 = 10,51; 17,62; 25,71; 32,57; 39,87 (zero mode)', () => {
    const values = groupsByMonth.slice(0, 5).map((g) => fx(meanOfComponentRatios(g, 'zero')));
    expect(values).toEqual(['10.51', '17.62', '25.71', '32.57', '39.87']);
  });

  it('#9 in the default exclude mode leaves the "-" groups out (B01 = 17,51)', () => {
    expect(fx(meanOfComponentRatios(groupsByMonth[0] as Component[]))).toBe('17.51');
  });

  it('#9 must NOT produce 47,60 (mean of the printed rounded percentages)', () => {
    const printed = mean([50, 60, 43, 56, 29].map((x) => d(x)));
    expect(fx(printed)).toBe('47.60');
    expect(fx(meanOfComponentRatios(groupsByMonth[5] as Component[], 'zero'))).not.toBe('47.60');
  });

  it('two-part mean, kerja sama (42,35 + 44,36)/2 = 43,355 -> 43,36', () => {
    const v = evaluateRealisation({ kind: 'mean_of_parts', parts: { mean: [d('42.35'), d('44.36')] } }).value;
    expect(fx(v, 3)).toBe('43.355');
    expect(fx(v)).toBe('43.36');
  });

  it('nested mean, data index per Biro: mean(mean(2,3),3) = 2,75; Settama mean of 5 Biro = 2,85 Sangat Optimal, capaian 114,00', () => {
    const biro = (email: number, bocUse: number, bocUpdate: number): PartNode => ({
      mean: [{ mean: [d(email), d(bocUse)] }, d(bocUpdate)],
    });
    expect(fx(evaluateParts(biro(2, 3, 3)))).toBe('2.75');
    expect(fx(evaluateParts(biro(3, 3, 3)))).toBe('3.00');
    const settama = meanOfSubunits(
      [biro(2, 3, 3), biro(2, 3, 3), biro(2, 3, 3), biro(3, 3, 3), biro(3, 3, 3)].map(evaluateParts),
    );
    expect(fx(settama)).toBe('2.85');
    expect(classify(DATA_INDEX_0_3, settama as Rational).label).toBe('Sangat Optimal');
    expect(fx(capaian(settama, d('2.5')).value)).toBe('114.00');
  });

  it.each([
    [104, 175, '59.43'],
    [46, 65, '70.77'],
    [14875, 15016, '99.06'],
  ])('ratio %i/%i = %s', (n, den, expected) => {
    expect(fx(ratio(d(n), d(den)))).toBe(expected);
  });

  it('no target in a month is n/a (D25), IKU 28 Jan-Jun 2022: n/a; n/a; 113,33; 71,67; 146,67; 125,71', () => {
    const r = ['0', '0', '1.7', '1.075', '2.2', '2.2'];
    const t = [null, null, '1.50', '1.50', '1.50', '1.75'];
    const out = r.map((x, i) => fx(capaian(d(x), t[i] ? d(t[i] as string) : null).value));
    expect(out).toEqual([null, null, '113.33', '71.67', '146.67', '125.71']);
    // the worksheet prints 0 for the first two months: must NOT
    expect(out[0]).not.toBe('0.00');
  });
});

describe('formula types used by EX-SK-03', () => {
  it('IKU 11 mean of component ratios (61/103 + 3/17)/2 = 38,44, must NOT produce the pooled 53,33', () => {
    const v = meanOfComponentRatios([frac(61, 103), frac(3, 17)]);
    expect(fx(v)).toBe('38.44');
    const pooled = ratio(d(64), d(120));
    expect(fx(pooled)).toBe('53.33');
    expect(fx(v)).not.toBe(fx(pooled));
  });

  it('IKU 16 stage progress of three commodities: mean(54,1667; 100; 79,9) = 78,02', () => {
    const g = (pairs: [number, Rational][]) => ({ stages: pairs.map(([w, f]) => ({ weight: d(w), fractionDone: f })) });
    const ot = g([
      [10, d(1)],
      [20, d(1)],
      [40, Rational.of(2, 6)],
      [20, Rational.of(1, 6)],
      [10, d('0.75')],
    ]);
    const kos = g([
      [10, d(1)],
      [40, d(1)],
      [40, d(1)],
      [10, d(1)],
    ]);
    const pangan = g([
      [10, d(1)],
      [20, d(1)],
      [40, d(1)],
      [20, Rational.of(3, 25)],
      [10, d('0.75')],
    ]);
    expect(fx(stageProgress([ot]), 4)).toBe('54.1667');
    expect(fx(stageProgress([pangan]), 4)).toBe('79.9000');
    expect(fx(stageProgress([ot, kos, pangan]))).toBe('78.02');
  });

  it('IKU 19 stages 20+5+15+15+10+7,5+0+0+10 = 82,5', () => {
    const weights = [20, 5, 15, 15, 10, 10, 10, 5, 10];
    const done = ['1', '1', '1', '1', '1', '0.75', '0', '0', '1'];
    const v = stageProgress([{ stages: weights.map((w, i) => ({ weight: d(w), fractionDone: d(done[i] as string) })) }]);
    expect(fx(v)).toBe('82.50');
  });

  it('IKU 29 weighted sum 0,6·83,48 + 0,4·96,37 = 88,636 -> 88,64', () => {
    const v = weightedSum([
      { weight: d('0.6'), value: d('83.48') },
      { weight: d('0.4'), value: d('96.37') },
    ]);
    expect(fx(v, 3)).toBe('88.636');
  });

  it('IKU 28 parts (3 + (0,8 + 0,6))/2 = 2,20', () => {
    expect(fx(evaluateParts({ mean: [d(3), { sum: [d('0.8'), d('0.6')] }] }))).toBe('2.20');
  });

  it('EX-SKM-05 skm_pooled: (97,69·24 + 92,46·108)/132 = 93,4109, must NOT produce the simple mean 95,08', () => {
    const services = [
      { index: d('97.69'), counted: 24 },
      { index: d('92.46'), counted: 108 },
    ];
    const v = skmPooled(services);
    expect(fx(v, 4)).toBe('93.4109');
    expect(fx(capaian(v, d(88)).value)).toBe('106.15');
    expect(classify(SAKIP_CRITERIA, capaian(v, d(88)).value as Rational).label).toBe('Memenuhi Ekspektasi');
    expect(fx(mean(services.map((s) => s.index)))).toBe('95.08');
    expect(fx(v)).not.toBe('95.08');
    expect(skmPooled([])).toBeNull();
  });

  it('a value is used as entered (D31); rounding is never applied to it', () => {
    expect(evaluateRealisation({ kind: 'value', value: d('99.06') }).value?.eq(d('99.06'))).toBe(true);
    expect(evaluateRealisation({ kind: 'external', value: d('69.464') }).value?.eq(roundHalfUp(d('69.464'), 3))).toBe(true);
  });

  it('ratio with denominator 0 is n/a with a warning, never an error value', () => {
    const r = evaluateRealisation({ kind: 'ratio', numerator: d(0), denominator: d(0) });
    expect(r.value).toBeNull();
    expect(r.warnings).toHaveLength(1);
  });

  it('ordinal labels map through the configured scale (BPK opinion WTP = 4)', () => {
    const scale = { WTP: d(4), WDP: d(3), TW: d(2), TMP: d(1) };
    expect(evaluateRealisation({ kind: 'ordinal', label: 'WTP', scale }).value?.eq(4)).toBe(true);
    const unknown = evaluateRealisation({ kind: 'ordinal', label: 'constructor', scale });
    expect(unknown.value).toBeNull();
    expect(unknown.warnings[0]).toMatch(/tidak dikenal/);
  });

  it('not measured stays not measured', () => {
    expect(evaluateRealisation({ kind: 'not_measured', reason: 'Akhir tahun' }).value).toBeNull();
  });
});

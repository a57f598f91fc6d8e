import { describe, expect, it } from 'vitest';
import { classify } from '../core/classification.ts';
import { Rational } from '../core/rational.ts';
import { formatId, toFixedHalfUp } from '../core/rounding.ts';
import { loadProfile } from '../profiles/profile.ts';
import { BPOM_2024 } from '../profiles/shipped/bpom-2024.ts';
import { shippedProfile } from '../profiles/shipped-profiles.ts';
import { SKM_GRADE } from '../tables.ts';
import { achievementPct, rankElements, respondentWeightedMean, trendWording, yearOverYear } from './analysis.ts';
import { computeIkm, ikmToJson } from './ikm.ts';
import { accumulate, mergeTallies, type SkmAnswers, tallyFromColumns, tallyFromSums } from './tally.ts';

const bpom = shippedProfile('bpom-2024')!;
const A = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11'];
const sumsOf = (v: number[]) => Object.fromEntries(A.map((q, i) => [q, v[i] as number]));
const answers = (v: number[]): SkmAnswers => Object.fromEntries(A.map((q, i) => [q, v[i]]));
const d2 = (x: Rational | null) => (x === null ? null : formatId(x));
const near4 = (x: Rational | null, expected: number) =>
  expect(Math.abs((x as Rational).toNumber() - expected)).toBeLessThan(0.00005);

// EX-SKM-01: Tarakan 2024, published per-question sums (seed 000, lines 662-667), n = 22.
const TARAKAN_SUMS = [118, 114, 122, 121, 123, 120, 121, 124, 124, 125, 119];
// EX-SKM-02: the four services (seed 000, lines 214-218, 634-637).
const CDOB = [[6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6]];
const CPKB = [[5, 4, 6, 6, 6, 6, 6, 6, 6, 6, 6]];
const CPPOB = [
  [6, 4, 5, 6, 6, 5, 5, 4, 4, 5, 6],
  [5, 5, 6, 6, 5, 6, 6, 6, 6, 6, 6],
];
const PENGADUAN_SUMS = [96, 95, 99, 97, 100, 97, 98, 102, 102, 102, 95];

describe('EX-SKM-01 Tarakan 2024 unit index from published sums', () => {
  const r = computeIkm(bpom, tallyFromSums(bpom, 22, sumsOf(TARAKAN_SUMS)));

  it('gives the per-question NRR', () => {
    expect(r.questions.map((q) => d2(q.nrr))).toEqual([
      '5,36',
      '5,18',
      '5,55',
      '5,50',
      '5,59',
      '5,45',
      '5,50',
      '5,64',
      '5,64',
      '5,68',
      '5,41',
    ]);
  });
  it('gives element NRR, weighted NRR, converted values and grades', () => {
    const nrr4 = [5.3636, 5.1818, 5.5455, 5.4545, 5.5, 5.6364, 5.6364, 5.6818, 5.4091];
    r.elements.forEach((e, i) => {
      near4(e.nrr, nrr4[i] as number);
    });
    expect(r.elements.map((e) => d2(e.weighted))).toEqual([
      '0,60',
      '0,58',
      '0,62',
      '0,61',
      '0,61',
      '0,63',
      '0,63',
      '0,63',
      '0,60',
    ]);
    expect(r.elements.map((e) => d2(e.value))).toEqual([
      '89,39',
      '86,36',
      '92,42',
      '90,91',
      '91,67',
      '93,94',
      '93,94',
      '94,70',
      '90,15',
    ]);
    expect(r.elements.map((e) => e.grade?.code)).toEqual(['A', 'B', 'A', 'A', 'A', 'A', 'A', 'A', 'A']);
  });
  it('gives T = 5,49 and IKM = 91,50 A (Sangat Baik)', () => {
    near4(r.weightedSum, 5.4899);
    near4(r.ikm, 91.4983);
    expect(d2(r.ikm)).toBe('91,50');
    expect(r.grade?.code).toBe('A');
    expect(r.grade?.label).toBe('Sangat Baik');
    // Exact: Σ_e NRR_e = (118+114+120+121+124+124+125+119)/22 + (122+121+123)/66 = 3261/66; × 1/9 × 100/6.
    expect(r.ikm?.eq(Rational.of(3261n * 100n, 66n * 9n * 6n))).toBe(true);
  });
  it('has no CI without respondent-level data', () => {
    expect(r.ci95).toBeNull();
  });
});

describe('EX-SKM-02 per-service indices and EX-SKM-03 pooling', () => {
  const services = {
    CDOB: accumulate(bpom, CDOB.map(answers)),
    CPKB: accumulate(bpom, CPKB.map(answers)),
    CPPOB: accumulate(bpom, CPPOB.map(answers)),
    Pengaduan: tallyFromSums(bpom, 18, sumsOf(PENGADUAN_SUMS)),
  };
  const results = Object.fromEntries(Object.entries(services).map(([k, t]) => [k, computeIkm(bpom, t)]));

  it('gives every cell of the published table', () => {
    const rows = Object.fromEntries(
      Object.entries(results).map(([k, r]) => [
        k,
        [...r.elements.map((e) => `${d2(e.value)} ${e.grade?.code}`), `${d2(r.ikm)} ${r.grade?.code}`],
      ]),
    );
    expect(rows).toEqual({
      CDOB: [...Array(9).fill('100,00 A'), '100,00 A'],
      CPKB: ['83,33 B', '66,67 C', '100,00 A', '100,00 A', '100,00 A', '100,00 A', '100,00 A', '100,00 A', '100,00 A', '94,44 A'],
      CPPOB: ['91,67 A', '75,00 C', '94,44 A', '91,67 A', '91,67 A', '83,33 B', '83,33 B', '91,67 A', '100,00 A', '89,20 A'],
      Pengaduan: ['88,89 A', '87,96 B', '91,36 A', '89,81 A', '90,74 A', '94,44 A', '94,44 A', '94,44 A', '87,96 B', '91,12 A'],
    });
    near4(results.CPKB!.ikm, 94.4444);
    near4(results.CPPOB!.ikm, 89.1975);
    near4(results.Pengaduan!.ikm, 91.118);
  });

  it('sums of the four services equal the unit sums', () => {
    const pooled = mergeTallies(services.CDOB, services.CPKB, services.CPPOB, services.Pengaduan);
    expect(pooled.sums).toEqual(TARAKAN_SUMS);
    expect(pooled.respondents).toBe(22);
  });

  it('pools to 91,50, equal to the respondent-weighted mean, never the simple mean 93,69', () => {
    const pooled = computeIkm(bpom, mergeTallies(services.CDOB, services.CPKB, services.CPPOB, services.Pengaduan));
    const unit = computeIkm(bpom, tallyFromSums(bpom, 22, sumsOf(TARAKAN_SUMS)));
    expect(pooled.ikm?.eq(unit.ikm as Rational)).toBe(true);
    expect(d2(pooled.ikm)).toBe('91,50');
    const weighted = respondentWeightedMean(
      Object.values(results).map((r) => ({ respondents: r.respondents, index: r.ikm as Rational })),
    );
    expect(weighted?.eq(pooled.ikm as Rational)).toBe(true);
    // Negative control: the wrong method gives 93,69 and the real one does not.
    const simple = Object.values(results)
      .reduce((a, r) => a.add(r.ikm as Rational), Rational.ZERO)
      .div(4);
    expect(d2(simple)).toBe('93,69');
    expect(d2(pooled.ikm)).not.toBe('93,69');
  });

  it('a single respondent has no CI; a service of 2 respondents has one, inside [100/6, 100]', () => {
    expect(results.CDOB!.ci95).toBeNull();
    const ci = results.CPPOB!.ci95!;
    expect(ci).not.toBeNull();
    // Personal scores: y = Σ_e V_e / 9 per respondent, computed here by hand.
    const y = CPPOB.map((v) => {
      const e = [v[0]!, v[1]!, (v[2]! + v[3]! + v[4]!) / 3, v[5]!, v[6]!, v[7]!, v[8]!, v[9]!, v[10]!];
      return (e.reduce((a, b) => a + b, 0) / 9) * (100 / 6);
    });
    const mean = (y[0]! + y[1]!) / 2;
    const s = Math.sqrt(((y[0]! - mean) ** 2 + (y[1]! - mean) ** 2) / 1);
    const half = (1.96 * s) / Math.sqrt(2);
    expect(ci[0].toNumber()).toBeCloseTo(Math.max(100 / 6, mean - half), 9);
    expect(ci[1].toNumber()).toBeCloseTo(Math.min(100, mean + half), 9);
  });
});

describe('EX-SKM-04 rounding and weight pitfalls (negative controls)', () => {
  const r = computeIkm(bpom, tallyFromSums(bpom, 22, sumsOf(TARAKAN_SUMS)));

  it('does not produce 91,83 (sum of displayed weighted values × 100/6)', () => {
    const displayedSum = r.elements.reduce((a, e) => a.add(Rational.parse(toFixedHalfUp(e.weighted as Rational))), Rational.ZERO);
    expect(d2(displayedSum.mul(100).div(6))).toBe('91,83');
    expect(d2(r.ikm)).not.toBe('91,83');
  });

  it('does not produce 91,41 (weights 0.111) or 90,58 (weights 0.11)', () => {
    const withWeight = (w: string) =>
      r.elements
        .reduce((a, e) => a.add((e.nrr as Rational).mul(Rational.parse(w))), Rational.ZERO)
        .mul(100)
        .div(6);
    expect(d2(withWeight('0.111'))).toBe('91,41');
    expect(d2(withWeight('0.11'))).toBe('90,58');
    expect(d2(r.ikm)).not.toBe('91,41');
    expect(d2(r.ikm)).not.toBe('90,58');
  });

  it('does not round NRR before multiplying', () => {
    const early = r.elements
      .reduce((a, e) => a.add(Rational.parse(toFixedHalfUp(e.nrr as Rational))), Rational.ZERO)
      .div(9)
      .mul(100)
      .div(6);
    expect(early.eq(r.ikm as Rational)).toBe(false);
    expect(r.ikm?.eq(r.weightedSum!.mul(100).div(6))).toBe(true);
  });

  it('rejects a profile with weights 0.111 (sum 0.999) and with 0.11', () => {
    const weights = (w: string | number) =>
      Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, w]));
    expect(() => loadProfile({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: weights(0.111) } })).toThrow(
      /0\.999|not exactly 1/,
    );
    expect(() => loadProfile({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: weights('0.11') } })).toThrow(/forbidden/);
    const ok = loadProfile({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: weights('1/9') } });
    expect(computeIkm(ok, tallyFromSums(ok, 22, sumsOf(TARAKAN_SUMS))).ikm?.eq(r.ikm as Rational)).toBe(true);
  });
});

describe('EX-SKM-05 BBPOM di Serang 2022: pooled from published service indices', () => {
  it('gives 93,41 A and capaian 106,15, not the simple mean 95,08', () => {
    const unit = respondentWeightedMean([
      { respondents: 24, index: Rational.parse('97.69') },
      { respondents: 108, index: Rational.parse('92.46') },
    ])!;
    near4(unit, 93.4109);
    expect(formatId(unit)).toBe('93,41');
    expect(classify(SKM_GRADE, unit).code).toBe('A');
    expect(formatId(achievementPct(unit, 88)!)).toBe('106,15');
    expect(formatId(Rational.parse('97.69').add(Rational.parse('92.46')).div(2))).toBe('95,08');
    expect(formatId(unit)).not.toBe('95,08');
  });
});

describe('EX-SKM-06 year-over-year (D19) and trend', () => {
  const y2023 = ['82.10', '83.33', '88.07', '90.12', '88.89', '90.74', '91.36', '90.12', '87.65'];
  const r = computeIkm(bpom, tallyFromSums(bpom, 22, sumsOf(TARAKAN_SUMS)));

  it('computes deltas from published values, printed with 2 decimals, all Naik', () => {
    const yoy = yearOverYear(
      [...r.elements.map((e) => ({ code: e.code, value: e.value as Rational })), { code: 'unit', value: r.ikm as Rational }],
      [
        ...y2023.map((v, i) => ({ code: `U${i + 1}`, value: Rational.parse(v) })),
        { code: 'unit', value: Rational.parse('88.47') },
      ],
    );
    expect(yoy.map((x) => formatId(x.delta))).toEqual([
      '7,29',
      '3,03',
      '4,35',
      '0,79',
      '2,78',
      '3,20',
      '2,58',
      '4,58',
      '2,50',
      '3,03',
    ]);
    expect(yoy.every((x) => x.label === 'Naik')).toBe(true);
  });

  it('labels a zero change Tetap and a fall Turun', () => {
    const yoy = yearOverYear(
      [
        { code: 'U1', value: Rational.parse('90.004') },
        { code: 'U2', value: Rational.parse('80') },
      ],
      [
        { code: 'U1', value: Rational.parse('90.00') },
        { code: 'U2', value: Rational.parse('80.01') },
      ],
    );
    expect(yoy.map((x) => x.label)).toEqual(['Tetap', 'Turun']);
  });

  it('words the 2021-2024 series "fluktuatif" and achievement vs 89 is 102,81', () => {
    const series = [
      { year: 2021, value: Rational.parse('85.26') },
      { year: 2022, value: Rational.parse('80.86') },
      { year: 2023, value: Rational.parse('88.47') },
      { year: 2024, value: r.ikm as Rational },
    ];
    expect(trendWording(series)).toBe('fluktuatif');
    expect(trendWording(series.slice(1))).toBe('meningkat secara konsisten');
    expect(formatId(achievementPct(r.ikm as Rational, 89)!)).toBe('102,81');
  });
});

describe('EX-SKM-07 element grades and rankings (D1, D18)', () => {
  it('grades the follow-up report values and finds the 3 lowest', () => {
    const values = ['82.74', '83.93', '88.49', '90.48', '89.29', '91.07', '91.67', '90.48', '88.10'].map((v, i) => ({
      code: `U${i + 1}`,
      value: Rational.parse(v),
    }));
    expect(values.map((v) => classify(SKM_GRADE, v.value).code)).toEqual(['B', 'B', 'A', 'A', 'A', 'A', 'A', 'A', 'B']);
    expect(rankElements(values, 'lowest').map((v) => v.code)).toEqual(['U1', 'U2', 'U9']);
  });

  it('Tarakan 2024: 3 lowest U2, U1, U9; 3 highest U8 then U6 and U7 tied', () => {
    const r = computeIkm(bpom, tallyFromSums(bpom, 22, sumsOf(TARAKAN_SUMS)));
    const values = r.elements.map((e) => ({ code: e.code, value: e.value as Rational }));
    expect(rankElements(values, 'lowest').map((v) => v.code)).toEqual(['U2', 'U1', 'U9']);
    expect(rankElements(values, 'highest').map((v) => v.code)).toEqual(['U8', 'U6', 'U7']);
    // A tie at the third place adds elements (D18).
    const tied = [1, 2, 3, 3, 3, 9].map((v, i) => ({ code: `U${i + 1}`, value: v }));
    expect(rankElements(tied, 'lowest').map((v) => v.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    expect(rankElements(tied, 'highest').map((v) => v.code)).toEqual(['U6', 'U3', 'U4', 'U5']);
  });
});

describe('EX-SKM-08 grade boundaries (D1)', () => {
  it.each([
    ['100', 'A'],
    ['88.305', 'A'],
    ['88.3049', 'B'],
    ['76.605', 'B'],
    ['76.6049', 'C'],
    ['64.995', 'C'],
    ['64.9949', 'D'],
  ])('%s → %s', (v, g) => {
    expect(classify(SKM_GRADE, Rational.parse(v)).code).toBe(g);
  });

  it('every answer 1 on 6 points → 16,67 D', () => {
    const r = computeIkm(bpom, accumulate(bpom, [answers(Array(11).fill(1)), answers(Array(11).fill(1))]));
    expect(d2(r.ikm)).toBe('16,67');
    expect(r.grade?.code).toBe('D');
    // Two identical respondents: zero spread, the CI collapses onto the index.
    expect(r.ci95?.map((x) => d2(x))).toEqual(['16,67', '16,67']);
  });
});

describe('blanks per question and column tallies', () => {
  it('counts blanks per question and drops the CI', () => {
    const t = accumulate(bpom, [
      answers([6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6]),
      { ...answers([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]), A1: null },
    ]);
    const r = computeIkm(bpom, t);
    expect(r.questions[0]).toMatchObject({ code: 'A1', sum: 6, answered: 1 });
    expect(r.questions[1]).toMatchObject({ code: 'A2', sum: 10, answered: 2 });
    expect(r.elements[0]?.nrr?.eq(6)).toBe(true);
    expect(r.ci95).toBeNull();
  });

  it('gives the same tally from column arrays as from response objects', () => {
    const rows = [...CDOB, ...CPKB, ...CPPOB, [6, 5, 0, 4, 3, 2, 1, 6, 5, 4, 3]];
    const objs = rows.map((v) => Object.fromEntries(A.map((q, i) => [q, v[i] === 0 ? null : v[i]])));
    const cols = Object.fromEntries(A.map((q, i) => [q, Uint8Array.from(rows.map((v) => v[i] as number))]));
    expect(tallyFromColumns(bpom, cols, rows.length)).toEqual(accumulate(bpom, objs));
    const full = rows.slice(0, 4);
    const fullCols = Object.fromEntries(A.map((q, i) => [q, Uint8Array.from(full.map((v) => v[i] as number))]));
    expect(tallyFromColumns(bpom, fullCols, 4)).toEqual(accumulate(bpom, full.map(answers)));
  });

  it('rejects answers outside the scale or not integers', () => {
    expect(() => accumulate(bpom, [answers([7, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6])])).toThrow(RangeError);
    expect(() => accumulate(bpom, [answers([5.5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6])])).toThrow(RangeError);
    expect(() => accumulate(bpom, [answers([0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6])])).toThrow(RangeError);
  });

  it('a scope with no respondents has no index (D36)', () => {
    const r = computeIkm(bpom, accumulate(bpom, []));
    expect(r.ikm).toBeNull();
    expect(r.grade).toBeNull();
    expect(ikmToJson(r).ikm).toBeNull();
  });
});

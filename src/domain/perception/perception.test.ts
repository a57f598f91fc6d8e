import { describe, expect, it } from 'vitest';
import { classify } from '../core/classification.ts';
import { Rational } from '../core/rational.ts';
import { formatId, toFixedHalfUp } from '../core/rounding.ts';
import { loadProfile } from '../profiles/profile.ts';
import { BPOM_2024 } from '../profiles/shipped/bpom-2024.ts';
import { shippedProfile } from '../profiles/shipped-profiles.ts';
import { rankElements } from '../skm/analysis.ts';
import { PERCEPTION_BANDS } from '../tables.ts';
import { accumulatePerception, computePerception, convertToPerceptionScale } from './perception.ts';
import { isEligible, selectPerMonth, worksheetValue } from './selection.ts';

const bpom = shippedProfile('bpom-2024')!;
const four = shippedProfile('spkp-spak-4')!;
const SPKP_Q = ['A2', 'A3', 'A5', 'A10', 'A11', 'A12', 'A13', 'A14'];

describe('conversion (D8)', () => {
  it('ratio: 6 → 4, 5 → 3,33, 1 → 0,67; linear endpoints 1 → 1, 6 → 4; 4-point unchanged', () => {
    const c = (x: number) => formatId(convertToPerceptionScale(bpom, Rational.of(x)));
    expect([c(6), c(5), c(1)]).toEqual(['4,00', '3,33', '0,67']);
    const linear = loadProfile({ ...BPOM_2024, perceptionConversion: 'linear_endpoints' });
    expect(convertToPerceptionScale(linear, Rational.of(1)).eq(1)).toBe(true);
    expect(convertToPerceptionScale(linear, Rational.of(6)).eq(4)).toBe(true);
    expect(convertToPerceptionScale(linear, Rational.of(5)).eq(Rational.of(17n, 5n))).toBe(true);
    expect(convertToPerceptionScale(four, Rational.of(3)).eq(3)).toBe(true);
  });
});

describe('EX-PP-01 IPP from element indices', () => {
  it('3,92 band 4 Memuaskan; lowest U3, U4; highest the other six', () => {
    const idx = ['4.00', '4.00', '3.67', '3.67', '4.00', '4.00', '4.00', '4.00'].map((v, i) => ({
      code: `U${i + 1}`,
      value: Rational.parse(v),
    }));
    const ipp = idx.reduce((a, e) => a.add(e.value), Rational.ZERO).div(8);
    expect(Math.abs(ipp.toNumber() - 3.9175)).toBeLessThan(0.00005);
    expect(formatId(ipp)).toBe('3,92');
    const band = classify(PERCEPTION_BANDS, ipp);
    expect([band.code, band.label]).toEqual(['4', 'Memuaskan']);
    // ×25 of the rounded display values is not the month's result (that is EX-PP-02: 97,92).
    expect(formatId(ipp.mul(25))).toBe('97,94');
    expect(rankElements(idx, 'lowest', 2).map((e) => e.code)).toEqual(['U3', 'U4']);
    expect(rankElements(idx, 'highest', 1).map((e) => e.code)).toEqual(['U1', 'U2', 'U5', 'U6', 'U7', 'U8']);
  });
});

describe('EX-PP-02 same month from raw 6-point answers', () => {
  const r1 = Object.fromEntries(SPKP_Q.map((q) => [q, 6]));
  const r2 = { ...r1, A5: 5, A10: 5 };
  const r = computePerception(bpom, accumulatePerception(bpom, 'spkp', [r1, r2]));

  it('gives U3 = U4 = 3,67, IPP = 47/12 → 3,92, converted 97,92', () => {
    expect(r.elements.map((e) => formatId(e.index))).toEqual(['4,00', '4,00', '3,67', '3,67', '4,00', '4,00', '4,00', '4,00']);
    expect(r.index?.eq(Rational.of(47n, 12n))).toBe(true);
    expect(formatId(r.index)).toBe('3,92');
    expect(r.band?.code).toBe('4');
    expect(r.label).toBe('Memuaskan');
    expect(formatId(r.converted)).toBe('97,92');
  });

  it('must NOT produce 98,00 (converting the rounded 3,92)', () => {
    expect(formatId(Rational.parse(toFixedHalfUp(r.index!)).mul(25))).toBe('98,00');
    expect(formatId(r.converted)).not.toBe('98,00');
  });
});

describe('EX-PP-03 IPAK', () => {
  it('4,00 band 4 "Bersih dari korupsi", converted 100,00', () => {
    const all6 = { B1: 6, B2: 6, B3: 6, B4: 6, B5: 6 };
    const r = computePerception(bpom, accumulatePerception(bpom, 'spak', [all6, all6]));
    expect(formatId(r.index)).toBe('4,00');
    expect(r.label).toBe('Bersih dari korupsi');
    expect(formatId(r.converted)).toBe('100,00');
    const r4 = computePerception(four, accumulatePerception(four, 'spak', [{ P1: 4, P2: 4, P3: 4, P4: 4, P5: 4 }]));
    expect(r4.index?.eq(4)).toBe(true);
    expect(r4.labelEn).toBe('Free from corruption');
  });
});

describe('EX-PP-04 band boundaries (upper-inclusive on the 2-decimal 1-4 value)', () => {
  it.each([
    ['0.6667', '1'],
    ['1.00', '1'],
    ['1.75', '1'],
    ['1.7549', '1'],
    ['1.755', '2'],
    ['1.76', '2'],
    ['2.50', '2'],
    ['2.505', '3'],
    ['3.25', '3'],
    ['3.2549', '3'],
    ['3.255', '4'],
    ['4.00', '4'],
  ])('%s → band %s', (v, b) => expect(classify(PERCEPTION_BANDS, Rational.parse(v)).code).toBe(b));

  it('classifies on the 1-4 value, not the converted one', () => {
    expect(classify(PERCEPTION_BANDS, Rational.parse('1.7549')).code).toBe('1');
    expect(Rational.parse('1.7549').mul(25).gt(Rational.parse('43.75'))).toBe(true);
  });
  it('all answers 1 on a 6-point form → 0,67 band 1', () => {
    const r = computePerception(bpom, accumulatePerception(bpom, 'spkp', [Object.fromEntries(SPKP_Q.map((q) => [q, 1]))]));
    expect(formatId(r.index)).toBe('0,67');
    expect(r.band?.code).toBe('1');
  });
});

describe('EX-PP-05 selection (D8, D22)', () => {
  const base = Date.parse('2025-01-05T09:00:00+07:00');
  const make = (n: number, completion = 100) =>
    Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      seqNo: i + 1,
      submittedAt: base + (n - i) * 60_000,
      completionPct: completion,
      valid: true,
    }));

  it.each([
    [2, 2],
    [30, 30],
    [45, 30],
  ])('%i eligible → %i selected', (n, expected) => {
    const [month] = selectPerMonth(make(n), 'Asia/Jakarta');
    expect(month?.selected).toHaveLength(expected);
  });

  it('keeps the first 30 by submission time', () => {
    const [month] = selectPerMonth(make(45), 'Asia/Jakarta');
    // make() submits the highest id first.
    expect(month?.selected.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => 45 - i));
  });

  it('completion 80 or an invalid response is not eligible', () => {
    expect(isEligible({ completionPct: 80, valid: true })).toBe(false);
    expect(isEligible({ completionPct: 100, valid: false })).toBe(false);
    const [month] = selectPerMonth(
      [...make(2), { id: 99, seqNo: 99, submittedAt: base, completionPct: 80, valid: true }],
      'Asia/Jakarta',
    );
    expect(month?.eligible).toHaveLength(2);
    expect(month?.responses).toHaveLength(3);
  });

  it('assigns months in the unit time zone (D17)', () => {
    const t = Date.parse('2025-01-31T17:30:00Z'); // 1 Feb 00:30 WIB, still 31 Jan in UTC
    const r = { id: 1, seqNo: 1, submittedAt: t, completionPct: 100, valid: true };
    expect(selectPerMonth([r], 'Asia/Jakarta')[0]?.month).toBe('2025-02');
    expect(selectPerMonth([r], 'UTC')[0]?.month).toBe('2025-01');
  });
});

describe('EX-PP-06 worksheet value (D23)', () => {
  const nov = Rational.parse('3.90');
  const dec = Rational.parse('3.95');
  const jan = Rational.parse('3.916667');
  it('mean of the last 3 months, complete', () => {
    const w = worksheetValue(
      [
        { month: '2024-11', index: nov },
        { month: '2024-12', index: dec },
        { month: '2025-01', index: jan },
      ],
      '2025-01',
    );
    expect(Math.abs(w.value!.toNumber() - 3.9222)).toBeLessThan(0.00005);
    expect(formatId(w.value)).toBe('3,92');
    expect(w.incomplete).toBe(false);
  });
  it('skips a month without a value and flags incomplete', () => {
    const w = worksheetValue(
      [
        { month: '2024-10', index: Rational.ONE },
        { month: '2024-11', index: nov },
        { month: '2025-01', index: jan },
      ],
      '2025-01',
    );
    expect(w.monthsUsed).toEqual(['2024-11', '2025-01']);
    expect(formatId(w.value)).toBe('3,91');
    expect(w.incomplete).toBe(true);
  });
});

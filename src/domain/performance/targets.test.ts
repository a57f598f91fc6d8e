import { describe, expect, it } from 'vitest';
import type { Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import {
  annualTargetAt,
  biennialValue,
  checkTargetPattern,
  type IndicatorTargets,
  monthlyTarget,
  periodTarget,
  quarterEndMonth,
  quarterLabel,
} from './targets.ts';
import { d } from './test-fixtures.ts';

const fx = (x: Rational | null) => (x === null ? null : toFixedHalfUp(x));
const series = (values: (string | null)[]) => values.map((v) => (v === null ? null : d(v)));

describe('target patterns (DOMAIN §8.2, D34)', () => {
  it('quarter-end months and labels', () => {
    expect([1, 2, 3, 4].map((q) => quarterEndMonth(q as 1))).toEqual([3, 6, 9, 12]);
    expect(quarterLabel(3)).toBe('TW III');
  });

  it('cumulative: the quarter uses the cumulative target of its quarter-end month; the annual uses B12', () => {
    // NKA BPOM 2023: B03 66,20, B06 83,40, B12 94,5
    const t: IndicatorTargets = {
      pattern: 'cumulative',
      monthlyTargets: series([null, null, '66.20', null, null, '83.40', null, null, null, null, null, '94.5']),
      annualTarget: d('94.5'),
    };
    expect(fx(periodTarget(t, 1))).toBe('66.20');
    expect(fx(periodTarget(t, 2))).toBe('83.40');
    expect(fx(annualTargetAt(t, 6))).toBe('94.50');
    expect(checkTargetPattern(t)).toEqual([]);
  });

  it('constant ("target flat"): every month equals the annual target', () => {
    const t: IndicatorTargets = { pattern: 'constant', monthlyTargets: Array(12).fill(null), annualTarget: d(85) };
    expect(fx(periodTarget(t, 3))).toBe('85.00');
    const broken: IndicatorTargets = { ...t, monthlyTargets: series(['85', '85', '80', ...Array(9).fill('85')]) };
    expect(checkTargetPattern(broken).map((i) => [i.code, i.month])).toEqual([['flat_not_equal', 3]]);
  });

  it('year_end: no quarter target before TW IV (no quarter capaian, D25)', () => {
    const t: IndicatorTargets = { pattern: 'year_end', monthlyTargets: Array(12).fill(null), annualTarget: d('34.4') };
    expect(periodTarget(t, 1)).toBeNull();
    expect(periodTarget(t, 3)).toBeNull();
    expect(fx(periodTarget(t, 4))).toBe('34.40');
  });

  it('progress: B01-B11 are % progress and the annual capaian is against 100; B12 is the real measure (PJAS 58 schools)', () => {
    const t: IndicatorTargets = {
      pattern: 'progress',
      monthlyTargets: series([null, '20', '25', '25', '25', '40', '50', '60', '78.3', '91.7', '100', '58']),
      annualTarget: d(58),
    };
    expect(fx(periodTarget(t, 3))).toBe('78.30');
    expect(fx(annualTargetAt(t, 9))).toBe('100.00');
    expect(fx(annualTargetAt(t, 12))).toBe('58.00');
    expect(fx(periodTarget(t, 4))).toBe('58.00');
    expect(checkTargetPattern({ ...t, monthlyTargets: series([null, '120', ...Array(10).fill(null)]) })[0]?.code).toBe(
      'progress_out_of_range',
    );
  });

  it('biennial: the off-year reuses the last measured value', () => {
    const m = [
      { year: 2021, value: d('0.94') },
      { year: 2019, value: d('0.8') },
    ];
    expect(biennialValue(m, 2022)).toEqual({ value: d('0.94'), measuredYear: 2021, reused: true });
    expect(biennialValue(m, 2021)?.reused).toBe(false);
    expect(biennialValue(m, 2018)).toBeNull();
  });

  it('a month without a target has no target (IKU 28 Jan/Feb 2022)', () => {
    const t: IndicatorTargets = {
      pattern: 'cumulative',
      monthlyTargets: series([null, null, '1.50', '1.50', '1.50', '1.75', '2.25', '2.25', '2.25', '2.25', '2.25', '2.25']),
      annualTarget: d('2.25'),
    };
    expect(monthlyTarget(t, 1)).toBeNull();
    expect(fx(monthlyTarget(t, 6))).toBe('1.75');
    expect(checkTargetPattern({ ...t, monthlyTargets: series(['2', '1', ...Array(10).fill(null)]) })[0]?.code).toBe(
      'cumulative_decreasing',
    );
  });
});

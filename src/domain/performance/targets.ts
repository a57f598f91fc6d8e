import { Rational } from '../core/rational.ts';

/** DOMAIN §8.2 target patterns. */
export type TargetPattern = 'cumulative' | 'constant' | 'year_end' | 'biennial' | 'progress';
export const TARGET_PATTERNS: readonly TargetPattern[] = ['cumulative', 'constant', 'year_end', 'biennial', 'progress'];

export type Quarter = 1 | 2 | 3 | 4;

export interface IndicatorTargets {
  pattern: TargetPattern;
  /** B01..B12, cumulative year-to-date; `null` where the month has no target. */
  monthlyTargets: readonly (Rational | null)[];
  annualTarget: Rational | null;
}

export function quarterEndMonth(quarter: Quarter): number {
  return quarter * 3;
}

export function quarterOfMonth(month: number): Quarter {
  return Math.ceil(month / 3) as Quarter;
}

/** Display code "TW I".."TW IV". */
export function quarterLabel(quarter: Quarter): string {
  return `TW ${['I', 'II', 'III', 'IV'][quarter - 1]}`;
}

export function monthLabel(month: number): string {
  return `B${String(month).padStart(2, '0')}`;
}

/** Target of month `month` (1..12) in the version in force. A flat target with a blank month falls back to the annual target. */
export function monthlyTarget(t: IndicatorTargets, month: number): Rational | null {
  const m = t.monthlyTargets[month - 1] ?? null;
  if (m !== null) return m;
  if (t.pattern === 'constant') return t.annualTarget;
  if (month === 12) return t.annualTarget;
  return null;
}

/** D34: the quarter uses the cumulative target of its quarter-end month (B03/B06/B09/B12). */
export function periodTarget(t: IndicatorTargets, quarter: Quarter): Rational | null {
  return monthlyTarget(t, quarterEndMonth(quarter));
}

const HUNDRED = Rational.of(100);

/**
 * D34: the annual capaian uses the B12/PK target. A `progress` indicator is measured in % progress toward 100
 * during B01-B11, so before B12 its annual capaian is against 100 (§8.5).
 */
export function annualTargetAt(t: IndicatorTargets, month: number): Rational | null {
  if (t.pattern === 'progress' && month < 12) return HUNDRED;
  return t.annualTarget ?? t.monthlyTargets[11] ?? null;
}

export interface TargetPatternIssue {
  code: 'flat_not_equal' | 'b12_not_annual' | 'progress_out_of_range' | 'cumulative_decreasing' | 'year_end_has_monthly';
  month?: number;
  message: string;
}

/** Consistency of a target set with its pattern (warnings for data entry; D29 enforces flat targets). */
export function checkTargetPattern(t: IndicatorTargets): TargetPatternIssue[] {
  const issues: TargetPatternIssue[] = [];
  const months = t.monthlyTargets;
  const b12 = months[11] ?? null;
  if (t.pattern === 'constant' && t.annualTarget !== null) {
    months.forEach((m, i) => {
      if (m !== null && !m.eq(t.annualTarget as Rational))
        issues.push({
          code: 'flat_not_equal',
          month: i + 1,
          message: `${monthLabel(i + 1)} berbeda dari target tahunan (target flat)`,
        });
    });
  }
  if (
    (t.pattern === 'cumulative' || t.pattern === 'year_end') &&
    b12 !== null &&
    t.annualTarget !== null &&
    !b12.eq(t.annualTarget)
  )
    issues.push({ code: 'b12_not_annual', month: 12, message: 'Target B12 berbeda dari target tahunan' });
  if (t.pattern === 'progress') {
    months.slice(0, 11).forEach((m, i) => {
      if (m !== null && (m.lt(0) || m.gt(100)))
        issues.push({ code: 'progress_out_of_range', month: i + 1, message: `${monthLabel(i + 1)}: progres harus 0-100` });
    });
  }
  if (t.pattern === 'cumulative') {
    let prev: Rational | null = null;
    months.forEach((m, i) => {
      if (m === null) return;
      if (prev !== null && m.lt(prev))
        issues.push({
          code: 'cumulative_decreasing',
          month: i + 1,
          message: `${monthLabel(i + 1)} lebih kecil dari bulan sebelumnya`,
        });
      prev = m;
    });
  }
  if (t.pattern === 'year_end' && months.slice(0, 9).some((m) => m !== null))
    issues.push({ code: 'year_end_has_monthly', message: 'Indikator akhir tahun memiliki target bulanan sebelum TW IV' });
  return issues;
}

/** Biennial indicators: the off-year reuses the last measured value (§8.2). */
export function biennialValue(
  measurements: readonly { year: number; value: Rational }[],
  year: number,
): { value: Rational; measuredYear: number; reused: boolean } | null {
  const past = measurements.filter((m) => m.year <= year).sort((a, b) => b.year - a.year)[0];
  if (!past) return null;
  return { value: past.value, measuredYear: past.year, reused: past.year !== year };
}

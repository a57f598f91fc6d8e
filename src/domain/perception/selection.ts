import { bySubmission, localMonth, type Submitted } from '../core/instant.ts';
import { Rational } from '../core/rational.ts';

/** DOMAIN §6.4 (D8, D22) and §6.6 (D23). */

export interface PerceptionCandidate extends Submitted {
  completionPct: number;
  valid: boolean;
}

export const MONTHLY_LIMIT = 30;

export function isEligible(r: Pick<PerceptionCandidate, 'completionPct' | 'valid'>): boolean {
  return r.completionPct === 100 && r.valid;
}

export interface MonthSelection<T> {
  month: string;
  /** Every response of the month in the scope, eligible or not. */
  responses: T[];
  eligible: T[];
  selected: T[];
}

/**
 * Groups responses by the calendar month of `submittedAt` in `timeZone` (D17) and keeps the first 30
 * eligible ones per month by (submittedAt, seqNo). Exactly 30 → all 30. Months in ascending order.
 */
export function selectPerMonth<T extends PerceptionCandidate>(
  responses: readonly T[],
  timeZone: string,
  limit = MONTHLY_LIMIT,
): MonthSelection<T>[] {
  const months = new Map<string, T[]>();
  for (const r of responses) {
    const m = localMonth(r.submittedAt, timeZone);
    const list = months.get(m);
    if (list) list.push(r);
    else months.set(m, [r]);
  }
  return [...months.keys()].sort().map((month) => {
    const all = months.get(month) as T[];
    const eligible = all.filter(isEligible).sort(bySubmission);
    return { month, responses: all, eligible, selected: eligible.length > limit ? eligible.slice(0, limit) : eligible };
  });
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`Not a month: ${month}`);
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1 + delta;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export interface WorksheetValue {
  referenceMonth: string;
  window: string[];
  monthsUsed: string[];
  value: Rational | null;
  incomplete: boolean;
}

/** D23: mean of the full-precision monthly indices of the 3 calendar months ending at the reference month. */
export function worksheetValue(
  monthly: readonly { month: string; index: Rational | null }[],
  referenceMonth: string,
): WorksheetValue {
  const window = [addMonths(referenceMonth, -2), addMonths(referenceMonth, -1), referenceMonth];
  const byMonth = new Map(monthly.map((m) => [m.month, m.index]));
  const used = window.filter((m) => byMonth.get(m) instanceof Rational);
  const value =
    used.length === 0 ? null : used.reduce((a, m) => a.add(byMonth.get(m) as Rational), Rational.ZERO).div(used.length);
  return { referenceMonth, window, monthsUsed: used, value, incomplete: used.length < 3 };
}

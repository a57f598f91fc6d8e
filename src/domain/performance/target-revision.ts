import type { Rational } from '../core/rational.ts';
import { monthLabel } from './targets.ts';

/** The three grounds on which a PK may be revised mid-year (seed 003, lines 4083-4086). */
export type PkRevisionGround = 'official_replaced' | 'strategy_change' | 'priority_change';

export interface TargetRevisionRequestLine {
  currentAnnual: Rational | null;
  proposedAnnual?: Rational | null;
  /** B01..B12 of the version in force and of the proposal (full arrays). */
  currentMonthly: readonly (Rational | null)[];
  proposedMonthly: readonly (Rational | null)[];
  /** Indicator manual marks the target as flat ("target flat"). */
  flat: boolean;
  /** Last month covered by a finalised interim report (6 after TW I and TW II are "ditetapkan"); 0 when none. */
  frozenThroughMonth: number;
  /** An approved PK revision is the only way to lower an annual target. */
  approvedPkRevision?: PkRevisionGround;
}

export type RevisionIssueCode = 'annual_lowered' | 'frozen_month_changed' | 'flat_required';

export interface RevisionIssue {
  code: RevisionIssueCode;
  months?: number[];
  expected?: Rational;
  message: string;
}

export type RevisionVerdict = 'agreed' | 'agreed_with_justification' | 'rejected' | 'flat_required';

export interface RevisionReview {
  verdict: RevisionVerdict;
  accepted: boolean;
  /** Months that may still change. */
  editableMonths: number[];
  issues: RevisionIssue[];
}

function same(a: Rational | null | undefined, b: Rational | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return a.eq(b);
}

function monthList(months: number[]): string {
  return months.map(monthLabel).join(', ');
}

/** DOMAIN §8.11 (D29) checks of one request line; the planning bureau records the final verdict. */
export function reviewTargetRevision(line: TargetRevisionRequestLine): RevisionReview {
  const issues: RevisionIssue[] = [];
  const annual = line.proposedAnnual === undefined ? line.currentAnnual : line.proposedAnnual;
  const lowered = line.currentAnnual !== null && (annual?.lt(line.currentAnnual) ?? false);
  if (lowered && !line.approvedPkRevision)
    issues.push({
      code: 'annual_lowered',
      message: 'Penurunan target tahunan tidak dapat disepakati tanpa revisi Perjanjian Kinerja',
    });

  const frozen: number[] = [];
  for (let m = 1; m <= Math.min(12, line.frozenThroughMonth); m++)
    if (!same(line.currentMonthly[m - 1], line.proposedMonthly[m - 1])) frozen.push(m);
  if (frozen.length > 0)
    issues.push({
      code: 'frozen_month_changed',
      months: frozen,
      message: `Bulan yang telah ditetapkan dalam Lapkin Interim tidak dapat diubah: ${monthList(frozen)}`,
    });

  const editableMonths = Array.from({ length: 12 - line.frozenThroughMonth }, (_, i) => line.frozenThroughMonth + i + 1);
  if (line.flat && annual !== null) {
    const notFlat = editableMonths.filter((m) => {
      const v = line.proposedMonthly[m - 1];
      return v != null && !v.eq(annual);
    });
    if (notFlat.length > 0)
      issues.push({
        code: 'flat_required',
        months: notFlat,
        expected: annual,
        message: `Target flat: ${monthList(editableMonths)} harus sama dengan target tahunan`,
      });
  }

  const codes = new Set(issues.map((i) => i.code));
  const verdict: RevisionVerdict =
    codes.has('annual_lowered') || codes.has('frozen_month_changed')
      ? 'rejected'
      : codes.has('flat_required')
        ? 'flat_required'
        : lowered
          ? 'agreed_with_justification'
          : 'agreed';
  return { verdict, accepted: verdict === 'agreed' || verdict === 'agreed_with_justification', editableMonths, issues };
}

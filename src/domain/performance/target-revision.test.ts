import { describe, expect, it } from 'vitest';
import type { Rational } from '../core/rational.ts';
import { reviewTargetRevision } from './target-revision.ts';
import { d } from './test-fixtures.ts';

const series = (values: (string | number | null)[]): (Rational | null)[] => values.map((v) => (v === null ? null : d(v)));

describe('EX-SK-09 target-revision rules (D29), after the TW I and TW II interim reports were finalised', () => {
  it('IKU 3: annual 74 -> 85 with B07-B12 = 85 is allowed (raise)', () => {
    const r = reviewTargetRevision({
      currentAnnual: d(74),
      proposedAnnual: d(85),
      currentMonthly: series([null, 74, 74, 74, 74, 74, 74, 74, 74, 74, 74, 74]),
      proposedMonthly: series([null, 74, 74, 74, 74, 74, 85, 85, 85, 85, 85, 85]),
      flat: true,
      frozenThroughMonth: 6,
    });
    expect(r.verdict).toBe('agreed');
    expect(r.accepted).toBe(true);
    expect(r.issues).toEqual([]);
  });

  it('IKU 12: annual 97 -> 91 is rejected (cannot be lowered); monthly B07-B11 may change', () => {
    const current = series([60, 60, 60, 70, 70, 70, 75, 80, 80, 85, 90, 97]);
    const r = reviewTargetRevision({
      currentAnnual: d(97),
      proposedAnnual: d(91),
      currentMonthly: current,
      proposedMonthly: series([60, 60, 60, 70, 70, 70, 80, 82, 84, 86, 88, 91]),
      flat: false,
      frozenThroughMonth: 6,
    });
    expect(r.verdict).toBe('rejected');
    expect(r.issues.map((i) => i.code)).toEqual(['annual_lowered']);
    // The same monthly change with the annual kept at 97 is fine.
    const monthlyOnly = reviewTargetRevision({
      currentAnnual: d(97),
      currentMonthly: current,
      proposedMonthly: series([60, 60, 60, 70, 70, 70, 80, 82, 84, 86, 88, 97]),
      flat: false,
      frozenThroughMonth: 6,
    });
    expect(monthlyOnly.verdict).toBe('agreed');
    expect(monthlyOnly.editableMonths).toEqual([7, 8, 9, 10, 11, 12]);
  });

  it('lowering is possible only with an approved PK revision (agreed with justification)', () => {
    const r = reviewTargetRevision({
      currentAnnual: d(97),
      proposedAnnual: d(91),
      currentMonthly: series(Array(12).fill(null)),
      proposedMonthly: series(Array(12).fill(null)),
      flat: false,
      frozenThroughMonth: 6,
      approvedPkRevision: 'official_replaced',
    });
    expect(r.verdict).toBe('agreed_with_justification');
    expect(r.accepted).toBe(true);
  });

  it('IKU 11: new monthly values from B04 are rejected for B04-B06 (frozen); flat indicator -> B07-B12 must equal 60', () => {
    const r = reviewTargetRevision({
      currentAnnual: d(60),
      currentMonthly: series([20, 20, 20, 30, 30, 30, 40, 40, 40, 50, 55, 60]),
      proposedMonthly: series([20, 20, 20, 35, 40, 45, 50, 55, 60, 60, 60, 60]),
      flat: true,
      frozenThroughMonth: 6,
    });
    expect(r.verdict).toBe('rejected');
    expect(r.accepted).toBe(false);
    const frozen = r.issues.find((i) => i.code === 'frozen_month_changed');
    expect(frozen?.months).toEqual([4, 5, 6]);
    const flat = r.issues.find((i) => i.code === 'flat_required');
    expect(flat?.months).toEqual([7, 8]);
    expect(flat?.expected?.eq(60)).toBe(true);
    expect(r.editableMonths).toEqual([7, 8, 9, 10, 11, 12]);
  });

  it('IKU 28: B07-B12 = 2, 2, 2, 2,25, 2,25, 2,25 on a flat indicator is rejected: flat 2,25 from B07', () => {
    const r = reviewTargetRevision({
      currentAnnual: d('2.25'),
      currentMonthly: series([null, null, '1.50', '1.50', '1.50', '1.75', '1.75', '1.75', '2.00', '2.00', '2.00', '2.25']),
      proposedMonthly: series([null, null, '1.50', '1.50', '1.50', '1.75', 2, 2, 2, '2.25', '2.25', '2.25']),
      flat: true,
      frozenThroughMonth: 6,
    });
    expect(r.verdict).toBe('flat_required');
    expect(r.accepted).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.months).toEqual([7, 8, 9]);
    expect(r.issues[0]?.expected?.eq(d('2.25'))).toBe(true);
    expect(r.issues[0]?.message).toMatch(/B07/);
  });
});

import { bySubmission, type Submitted } from '../core/instant.ts';

/** D5 counting rule for one campaign × unit × service, after cleansing. */

export interface CountableResponse extends Submitted {
  valid: boolean;
}

export interface CountingResult<T> {
  submitted: number;
  valid: number;
  /** Valid responses that count, in submission order. */
  counted: T[];
  target: number;
  shortfall: number;
  /** D5: a ShortfallJustification is required before the report can be submitted. */
  justificationRequired: boolean;
}

/** D5: the counted window keeps only the first `target` valid responses when the target is ≥ 10 and exceeded. */
export const isWindowTruncated = (validCount: number, target: number): boolean => validCount > target && target >= 10;

export function applyCountingRule<T extends CountableResponse>(responses: readonly T[], target: number): CountingResult<T> {
  if (!Number.isInteger(target) || target < 0) throw new RangeError(`Target must be a non-negative integer, got ${target}`);
  const valid = responses.filter((r) => r.valid).sort(bySubmission);
  const counted = isWindowTruncated(valid.length, target) ? valid.slice(0, target) : valid;
  const shortfall = Math.max(0, target - valid.length);
  return { submitted: responses.length, valid: valid.length, counted, target, shortfall, justificationRequired: shortfall > 0 };
}

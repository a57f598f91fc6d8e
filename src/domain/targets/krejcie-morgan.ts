import { Rational } from '../core/rational.ts';
import { roundHalfUpScaled } from '../core/rounding.ts';

/**
 * D7: target = round_half_up(χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))), χ² = 3.841, P = 0.5, d = 0.05,
 * all exact. χ² = 3.84 is a known wrong value (N = 594 → 233 instead of 234).
 */
export const CHI_SQUARE = Rational.parse('3.841');
const P = Rational.parse('0.5');
const D = Rational.parse('0.05');
const PQ = P.mul(Rational.ONE.sub(P));

export function krejcieMorganExact(periodPopulation: number, chiSquare: Rational = CHI_SQUARE): Rational {
  assertCount(periodPopulation, 'population');
  if (periodPopulation === 0) return Rational.ZERO;
  const n = Rational.of(BigInt(periodPopulation));
  return chiSquare
    .mul(n)
    .mul(PQ)
    .div(D.mul(D).mul(n.sub(1)).add(chiSquare.mul(PQ)));
}

export function krejcieMorganTarget(periodPopulation: number): number {
  return Number(roundHalfUpScaled(krejcieMorganExact(periodPopulation), 0));
}

/** N = ceil(N_prev / divisor); "N/A" (null) counts as 0 (D7). */
export function populationPeriod(prevYearPopulation: number | null, divisor = 4): number {
  const prev = prevYearPopulation ?? 0;
  assertCount(prev, 'population');
  if (!Number.isInteger(divisor) || divisor < 1) throw new RangeError(`Divisor must be a positive integer, got ${divisor}`);
  return Math.ceil(prev / divisor);
}

export interface CampaignTargetResult {
  prevYearPopulation: number | null;
  divisor: number;
  populationPeriod: number;
  targetExact: Rational;
  target: number;
}

export function campaignTarget(prevYearPopulation: number | null, divisor = 4): CampaignTargetResult {
  const n = populationPeriod(prevYearPopulation, divisor);
  const exact = krejcieMorganExact(n);
  return { prevYearPopulation, divisor, populationPeriod: n, targetExact: exact, target: Number(roundHalfUpScaled(exact, 0)) };
}

function assertCount(v: number, what: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`The ${what} must be a non-negative integer, got ${v}`);
}

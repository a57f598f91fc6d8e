import { Rational } from '../core/rational.ts';

export type Polarity = 'maximize' | 'minimize';
export type MinimizeFormula = 'two_minus_ratio' | 'target_over_realisation';

export interface CapaianOptions {
  polarity?: Polarity;
  /** D24: `two_minus_ratio` unless configured per indicator. */
  minimizeFormula?: MinimizeFormula;
}

export type CapaianReason = 'not_measured' | 'no_target' | 'zero_realisation';

export interface CapaianResult {
  /** Full precision, uncapped (D9); `null` is n/a. */
  value: Rational | null;
  reason?: CapaianReason;
  warning?: string;
}

const HUNDRED = Rational.of(100);

/**
 * DOMAIN §8.5 (D9, D24, D25): capaian(R, T). A missing realisation is "not measured", a missing or zero
 * target is n/a; neither is an error, and neither takes part in any mean or count.
 */
export function capaian(realisation: Rational | null, target: Rational | null, options: CapaianOptions = {}): CapaianResult {
  if (realisation === null) return { value: null, reason: 'not_measured' };
  if (target === null || target.isZero()) return { value: null, reason: 'no_target' };
  if ((options.polarity ?? 'maximize') === 'maximize') return { value: realisation.div(target).mul(HUNDRED) };
  if ((options.minimizeFormula ?? 'two_minus_ratio') === 'two_minus_ratio') {
    return { value: Rational.of(2).sub(realisation.div(target)).mul(HUNDRED) };
  }
  if (realisation.isZero()) {
    return {
      value: null,
      reason: 'zero_realisation',
      warning: 'Realisasi 0 pada indikator minimize (T/R): capaian tidak dapat dihitung',
    };
  }
  return { value: target.div(realisation).mul(HUNDRED) };
}

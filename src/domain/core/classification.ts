import { Rational, type RationalLike } from './rational.ts';
import { roundHalfUp } from './rounding.ts';

/** DOMAIN §4.3: grade/band/criterion tables are data. */
export interface Band {
  code: string;
  label: string;
  labelEn?: string;
  lower?: string;
  upper?: string;
  colour?: string;
  extra?: Record<string, string>;
}

export interface ClassificationTable {
  code: string;
  version: number;
  scaleLabel?: string;
  comparison: 'lower_bound_inclusive' | 'upper_bound_inclusive';
  /** lower_bound_inclusive: ordered from the top band down; upper_bound_inclusive: from the bottom up. */
  bands: Band[];
}

/**
 * classify(table, x) = lookup(table, round_half_up(x, 2)) (D1, D13). The last band catches
 * everything left, so values outside the printed range are still classified.
 */
export function classify(table: ClassificationTable, value: RationalLike): Band {
  const x = roundHalfUp(value, 2);
  const bands = table.bands;
  if (bands.length === 0) throw new Error(`Classification table ${table.code} has no bands`);
  for (const band of bands) {
    if (table.comparison === 'lower_bound_inclusive') {
      if (band.lower === undefined || !x.lt(Rational.parse(band.lower))) return band;
    } else if (band.upper === undefined || !x.gt(Rational.parse(band.upper))) return band;
  }
  return bands[bands.length - 1] as Band;
}

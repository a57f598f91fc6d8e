import { Rational } from './rational.ts';

/** Integer square root (floor) of a non-negative BigInt, by Newton's method. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  // Newton from a power of two above √n decreases monotonically to floor(√n).
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * √r truncated to `digits` decimals, as an exact Rational. Square roots are irrational in general,
 * so the confidence interval (D37) is the only place that needs this; 30 digits keep the
 * 2-decimal display exact except at a tie that no real data set hits.
 */
export function sqrtTruncated(r: Rational, digits = 30): Rational {
  if (r.num < 0n) throw new RangeError('sqrt of a negative number');
  const scale = 10n ** BigInt(digits);
  return Rational.of(isqrt((r.num * scale * scale) / r.den), scale);
}

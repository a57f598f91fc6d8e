/**
 * Exact rational arithmetic on BigInt. Every index is computed as a fraction of integer sums
 * and only becomes a decimal when displayed or classified (DOMAIN D1).
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational: division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return new Rational(g > 1n ? n / g : n, g > 1n ? d / g : d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  /**
   * Exact value of a decimal literal: `"91,50"`, `"91.50"`, `"-0.111"`, `"1.2e3"`, `"12.257"` (dot-thousands
   * are not guessed; pass canonical decimals). Numbers are converted through their shortest decimal form.
   */
  static parse(input: string | number | bigint): Rational {
    if (typeof input === 'bigint') return Rational.of(input);
    const s = (typeof input === 'number' ? numberToString(input) : input).trim().replace(',', '.');
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new SyntaxError(`Not a decimal number: "${String(input)}"`);
    const sign = m[1] === '-' ? -1n : 1n;
    const frac = m[3] ?? '';
    const exp = Number(m[4] ?? '0') - frac.length;
    const digits = BigInt(`${m[2] || '0'}${frac}`) * sign;
    return exp >= 0 ? Rational.of(digits * 10n ** BigInt(exp)) : Rational.of(digits, 10n ** BigInt(-exp));
  }

  add(o: Rational | number | bigint): Rational {
    const r = toRational(o);
    return Rational.of(this.num * r.den + r.num * this.den, this.den * r.den);
  }
  sub(o: Rational | number | bigint): Rational {
    const r = toRational(o);
    return Rational.of(this.num * r.den - r.num * this.den, this.den * r.den);
  }
  mul(o: Rational | number | bigint): Rational {
    const r = toRational(o);
    return Rational.of(this.num * r.num, this.den * r.den);
  }
  div(o: Rational | number | bigint): Rational {
    const r = toRational(o);
    if (r.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * r.den, this.den * r.num);
  }
  neg(): Rational {
    return Rational.of(-this.num, this.den);
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  cmp(o: Rational | number | bigint): -1 | 0 | 1 {
    const r = toRational(o);
    const d = this.num * r.den - r.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational | number | bigint): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Rational | number | bigint): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Rational | number | bigint): boolean {
    return this.cmp(o) > 0;
  }

  /** Nearest double; for JSON output and statistics only, never for classification. */
  toNumber(): number {
    // Scale to keep ~17 significant digits when num/den are huge.
    const n = this.num;
    const d = this.den;
    const shift = BigInt(Math.max(0, d.toString(2).length - 900));
    if (shift > 0n) return Number(n >> shift) / Number(d >> shift);
    return Number(n) / Number(d);
  }

  /** Decimal string truncated toward zero after `places` digits (for full-precision storage). */
  toFixedTruncated(places: number): string {
    const scale = 10n ** BigInt(places);
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const q = (abs * scale) / this.den;
    return formatScaled(neg && q !== 0n ? -q : q, places);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export type RationalLike = Rational | number | bigint;

export function toRational(v: RationalLike): Rational {
  if (v instanceof Rational) return v;
  if (typeof v === 'bigint') return Rational.of(v);
  if (Number.isInteger(v)) return Rational.of(BigInt(v));
  return Rational.parse(v);
}

export function sum(values: Iterable<Rational>): Rational {
  let acc = Rational.ZERO;
  for (const v of values) acc = acc.add(v);
  return acc;
}

export function mean(values: readonly Rational[]): Rational | null {
  return values.length === 0 ? null : sum(values).div(values.length);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new SyntaxError(`Not a finite number: ${n}`);
  return String(n);
}

export function formatScaled(scaled: bigint, places: number): string {
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = s.slice(0, s.length - places);
  const frac = s.slice(s.length - places);
  return `${neg ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}

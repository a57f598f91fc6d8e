import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExact } from './fraction.ts';
import { bySubmission, isValidTimeZone, localMonth, parseInstant } from './instant.ts';
import { Rational } from './rational.ts';
import { isqrt, sqrtTruncated } from './sqrt.ts';

const seed = Number(process.env.FC_SEED ?? Date.now());
console.log(`fast-check seed (FC_SEED): ${seed}`);

describe('isqrt / sqrtTruncated', () => {
  it('is the floor square root', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 80n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { seed, verbose: true },
    );
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(1n)).toBe(1n);
    expect(isqrt(99n)).toBe(9n);
  });
  it('truncates √ of a rational', () => {
    expect(sqrtTruncated(Rational.of(9n, 4n)).eq(Rational.parse('1.5'))).toBe(true);
    expect(sqrtTruncated(Rational.of(2n), 10).toFixedTruncated(10)).toBe('1.4142135623');
  });
});

describe('parseExact', () => {
  it('reads fractions and decimals exactly', () => {
    expect(parseExact('1/9').eq(Rational.of(1n, 9n))).toBe(true);
    expect(parseExact('0,25').eq(Rational.of(1n, 4n))).toBe(true);
    expect(parseExact(0.111).eq(Rational.parse('0.111'))).toBe(true);
    expect(() => parseExact('1/0')).toThrow();
    expect(() => parseExact('abc')).toThrow();
  });
});

describe('instants (D17)', () => {
  it('requires an offset and a real calendar date', () => {
    expect(parseInstant('2024-04-01T08:00:00+08:00')).toBe(Date.UTC(2024, 3, 1, 0));
    expect(parseInstant('2024-04-01T08:00:00Z')).toBe(Date.UTC(2024, 3, 1, 8));
    expect(parseInstant('2024-04-01 08:00+0700')).toBe(Date.UTC(2024, 3, 1, 1));
    expect(parseInstant('2024-04-01T08:00:00.123Z')).toBe(Date.UTC(2024, 3, 1, 8, 0, 0, 123));
    for (const bad of [
      '2024-04-01T08:00:00',
      '2024-04-01',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00Z',
      '01/04/2024 08:00',
      '2024-04-01T24:00:00Z',
      '',
    ])
      expect(parseInstant(bad)).toBeNull();
    expect(parseInstant('2024-02-29T00:00:00Z')).not.toBeNull();
  });
  it('finds the local month and validates zones', () => {
    expect(localMonth(Date.UTC(2024, 5, 30, 16, 30), 'Asia/Jakarta')).toBe('2024-06');
    expect(localMonth(Date.UTC(2024, 5, 30, 17, 30), 'Asia/Jakarta')).toBe('2024-07');
    expect(localMonth(Date.UTC(2024, 5, 30, 15, 30), 'Asia/Jayapura')).toBe('2024-07');
    expect(isValidTimeZone('Asia/Makassar')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
  it('orders by time, then sequence number', () => {
    const xs = [
      { submittedAt: 2, seqNo: 1 },
      { submittedAt: 1, seqNo: 5 },
      { submittedAt: 1, seqNo: 3 },
    ].sort(bySubmission);
    expect(xs.map((x) => x.seqNo)).toEqual([3, 5, 1]);
  });
});

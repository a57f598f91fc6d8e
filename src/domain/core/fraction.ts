import { Rational } from './rational.ts';

/** Exact value of `"1/9"`, `"0.25"`, `"0,25"` or a JSON number (through its shortest decimal form). */
export function parseExact(input: string | number): Rational {
  if (typeof input === 'string') {
    const m = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/.exec(input);
    if (m) {
      const den = BigInt(m[2] as string);
      if (den === 0n) throw new SyntaxError(`Division by zero in "${input}"`);
      return Rational.of(BigInt(m[1] as string), den);
    }
  }
  return Rational.parse(input);
}

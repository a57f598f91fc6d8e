import { formatScaled, Rational, type RationalLike, toRational } from './rational.ts';

/** ROUND_HALF_UP (away from zero on .5) to `places` decimals, exactly. Returns the scaled integer. */
export function roundHalfUpScaled(value: RationalLike, places = 2): bigint {
  const r = toRational(value);
  const scale = 10n ** BigInt(places);
  const neg = r.num < 0n;
  const abs = neg ? -r.num : r.num;
  const q = (abs * scale * 2n + r.den) / (2n * r.den);
  return neg ? -q : q;
}

/** Rounded value as an exact Rational (for classification, D1/D13). */
export function roundHalfUp(value: RationalLike, places = 2): Rational {
  return Rational.of(roundHalfUpScaled(value, places), 10n ** BigInt(places));
}

/** `"91.50"`: canonical 2-decimal string (the `published` value of a snapshot). */
export function toFixedHalfUp(value: RationalLike, places = 2): string {
  return formatScaled(roundHalfUpScaled(value, places), places);
}

/** Indonesian display: `91,50`, `1.234,00`; `–` for n/a (D36). */
export function formatId(value: RationalLike | null | undefined, places = 2): string {
  if (value === null || value === undefined) return '–';
  const [int = '0', frac] = toFixedHalfUp(value, places).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

/** English display: `91.50`, `1,234.00`. */
export function formatEn(value: RationalLike | null | undefined, places = 2): string {
  if (value === null || value === undefined) return '–';
  const [int = '0', frac] = toFixedHalfUp(value, places).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}

export function formatNumber(locale: 'id' | 'en', value: RationalLike | null | undefined, places = 2): string {
  return locale === 'en' ? formatEn(value, places) : formatId(value, places);
}

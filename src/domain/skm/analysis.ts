import { Rational, type RationalLike, toRational } from '../core/rational.ts';
import { roundHalfUp } from '../core/rounding.ts';

/** DOMAIN §5.9 analysis: rankings (D18), year-over-year (D19), trend wording, achievement. */

export interface ElementValue {
  code: string;
  value: RationalLike;
}

/**
 * The `count` lowest (or highest) elements, plus every element tied with the last one (D18).
 * Ties are judged on the displayed 2-decimal value, which is what readers compare.
 * Ordered by value, then by element code.
 */
export function rankElements<T extends ElementValue>(values: readonly T[], direction: 'lowest' | 'highest', count = 3): T[] {
  const keyed = values.map((v) => ({ v, key: roundHalfUp(v.value, 2) }));
  keyed.sort((a, b) => {
    const c = a.key.cmp(b.key);
    return (direction === 'lowest' ? c : -c) || compareCodes(a.v.code, b.v.code);
  });
  if (keyed.length <= count) return keyed.map((k) => k.v);
  const edge = keyed[count - 1]?.key as Rational;
  return keyed.filter((k, i) => i < count || k.key.eq(edge)).map((k) => k.v);
}

/** U2 before U10: codes compare by prefix, then by number. */
export function compareCodes(a: string, b: string): number {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) return Number(ma[2]) - Number(mb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ChangeLabel = 'Naik' | 'Turun' | 'Tetap';
export const CHANGE_LABEL_EN: Record<ChangeLabel, string> = { Naik: 'Up', Turun: 'Down', Tetap: 'Unchanged' };

export function changeLabel(delta: Rational): ChangeLabel {
  return delta.gt(0) ? 'Naik' : delta.lt(0) ? 'Turun' : 'Tetap';
}

export interface YearOverYear {
  code: string;
  previous: Rational | null;
  current: Rational | null;
  delta: Rational | null;
  label: ChangeLabel | null;
}

/**
 * D19: deltas between published (2-decimal) values. Full-precision inputs are rounded first, so a
 * value computed now and a frozen historical value compare the way the reports print them.
 */
export function yearOverYear(current: readonly ElementValue[], previous: readonly ElementValue[]): YearOverYear[] {
  const prev = new Map(previous.map((p) => [p.code, roundHalfUp(p.value, 2)]));
  return current.map((c) => {
    const cur = roundHalfUp(c.value, 2);
    const p = prev.get(c.code) ?? null;
    const delta = p ? cur.sub(p) : null;
    return { code: c.code, previous: p, current: cur, delta, label: delta ? changeLabel(delta) : null };
  });
}

export type TrendWording = 'meningkat secara konsisten' | 'fluktuatif';

/** "meningkat secara konsisten" only if every year-on-year published delta is positive (§5.9). */
export function trendWording(series: readonly { year: number; value: RationalLike }[]): TrendWording | null {
  const sorted = [...series].sort((a, b) => a.year - b.year);
  if (sorted.length < 2) return null;
  for (let i = 1; i < sorted.length; i++) {
    const d = roundHalfUp((sorted[i] as { value: RationalLike }).value, 2).sub(
      roundHalfUp((sorted[i - 1] as { value: RationalLike }).value, 2),
    );
    if (!d.gt(0)) return 'fluktuatif';
  }
  return 'meningkat secara konsisten';
}

/** achievementPct = IKM / target × 100 (§5.7); null without a positive target. */
export function achievementPct(value: RationalLike, target: RationalLike | null | undefined): Rational | null {
  if (target === null || target === undefined) return null;
  const t = toRational(target);
  if (!t.gt(0)) return null;
  return toRational(value).div(t).mul(100);
}

/**
 * Respondent-weighted mean of indices: Σ n_s·IKM_s / Σ n_s. Equals the pooled index when no answer is
 * blank (§5.7); the way to pool published service indices when only those and their n are known.
 */
export function respondentWeightedMean(items: readonly { respondents: number; index: RationalLike }[]): Rational | null {
  let n = 0;
  let acc = Rational.ZERO;
  for (const it of items) {
    if (it.respondents <= 0) continue; // D36: services without respondents take no part
    n += it.respondents;
    acc = acc.add(toRational(it.index).mul(it.respondents));
  }
  return n === 0 ? null : acc.div(n);
}
